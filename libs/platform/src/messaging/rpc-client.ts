import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { isRpcErrorBody, ServiceError, type FieldError, type RpcErrorBody } from '../errors/index.js';
import { toNatsHeaders } from './event-headers.js';

// Request-reply over core NATS (ARCHITECTURE.md "Contracts"): the payload travels in the envelope NestJS's NATS
// transport expects (`{ pattern, data, id }`, replied `{ id, response | err, isDisposed }`); every call has a
// timeout; errors arrive as typed codes. A raw publish is used instead of Nest's ClientProxy: one round trip and the
// headers are ours to set. Replies come to one wildcard subscription per client (`_INBOX.<id>.*`), each call
// waiting on its own token; nats.js's own request() does the same but creates two Error objects (stack traces
// included) per call, a measurable share of the gateway's CPU (tools/bench/gateway-rpc).

export const RPC_CLIENT_OPTIONS = 'KINERJA_RPC_CLIENT_OPTIONS';

export type RpcClientOptions = {
  connection: NatsConnection;
  /** Default timeout of a call (config NATS_RPC_TIMEOUT_MS). */
  timeoutMs: number;
};

export type RpcSendOptions = {
  /** NATS headers: `authorization` (raw bearer token), `kinerja-request-id`; trace context is added here. */
  headers?: Record<string, string>;
  timeoutMs?: number;
};

/** A failed call: the error body exactly as the service sent it, or UNAVAILABLE when no reply came. */
export class RpcCallError extends ServiceError<string> {
  constructor(
    readonly subject: string,
    body: RpcErrorBody,
    options?: { cause?: unknown },
  ) {
    super(body.code, body.message, body.fields ?? []);
    this.name = 'RpcCallError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export type RpcReply = { ok: true; response: unknown } | { ok: false; error: RpcErrorBody };

/** Reads Nest's reply envelope. */
export function decodeRpcReply(value: unknown): RpcReply {
  if (typeof value !== 'object' || value === null) {
    return { ok: false, error: { code: 'INTERNAL', message: 'Malformed reply' } };
  }
  const envelope = value as { err?: unknown; response?: unknown };
  if (envelope.err === undefined || envelope.err === null) return { ok: true, response: envelope.response };
  const err = envelope.err;
  if (isRpcErrorBody(err)) {
    const fields = (err as { fields?: unknown }).fields;
    return {
      ok: false,
      error: Array.isArray(fields)
        ? { code: err.code, message: err.message, fields: fields as FieldError[] }
        : { code: err.code, message: err.message },
    };
  }
  // Nest's own errors (no handler for the pattern) are strings or untyped objects.
  return { ok: false, error: { code: 'INTERNAL', message: typeof err === 'string' ? err : 'Internal error' } };
}

function unavailable(subject: string, message: string, cause?: unknown): RpcCallError {
  return new RpcCallError(subject, { code: 'UNAVAILABLE', message }, cause === undefined ? undefined : { cause });
}

type Pending = { subject: string; resolve(msg: Msg): void; reject(error: RpcCallError): void; timer: NodeJS.Timeout };

/** The reply subscription of a client: `<inbox>.*`, one token per call in flight. */
class ReplyInbox {
  private readonly prefix = `${createInbox()}.`;
  private readonly pending = new Map<string, Pending>();
  private readonly subscription: Subscription;
  private next = 0;

  constructor(private readonly connection: NatsConnection) {
    this.subscription = connection.subscribe(`${this.prefix}*`, {
      callback: (error, msg) => {
        if (error) {
          for (const [token, call] of this.pending) this.settle(token, call, error);
          return;
        }
        const token = msg.subject.slice(this.prefix.length);
        const call = this.pending.get(token);
        if (call) this.settle(token, call, undefined, msg);
      },
    });
    // A closed connection answers nothing more: its calls fail now rather than at their timeout.
    void this.subscription.closed.then(() => {
      for (const [token, call] of this.pending) this.settle(token, call, new Error('the connection closed'));
    });
  }

  isClosed(): boolean {
    return this.subscription.isClosed() || this.connection.isClosed();
  }

  request(subject: string, payload: string, headers: ReturnType<typeof toNatsHeaders>, timeoutMs: number) {
    const token = (this.next++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(unavailable(subject, `No reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(token, { subject, resolve, reject, timer });
      try {
        this.connection.publish(subject, payload, { reply: `${this.prefix}${token}`, headers });
      } catch (error) {
        this.settle(token, this.pending.get(token), error);
      }
    });
  }

  private settle(token: string, call: Pending | undefined, error?: unknown, msg?: Msg): void {
    if (!call) return;
    this.pending.delete(token);
    clearTimeout(call.timer);
    // The server answers a request no one subscribes to with an empty 503 status message (no responders).
    if (msg && msg.data.length === 0 && msg.headers?.code === 503)
      return call.reject(unavailable(call.subject, 'No service answers this request'));
    if (msg) return call.resolve(msg);
    const reason = error instanceof Error ? error.message : String(error);
    call.reject(unavailable(call.subject, `Request failed: ${reason}`, error));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const tracer = trace.getTracer('kinerja-messaging');

@Injectable()
export class RpcClient {
  private inbox: ReplyInbox | undefined;

  constructor(@Inject(RPC_CLIENT_OPTIONS) private readonly options: RpcClientOptions) {}

  private replies(subject: string): ReplyInbox {
    try {
      if (!this.inbox || this.inbox.isClosed()) this.inbox = new ReplyInbox(this.options.connection);
      return this.inbox;
    } catch (error) {
      // A closed or draining connection refuses the subscription.
      const reason = error instanceof Error ? error.message : String(error);
      throw unavailable(subject, `Request failed: ${reason}`, error);
    }
  }

  async send<Res>(subject: string, payload: unknown, options: RpcSendOptions = {}): Promise<Res> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const span = tracer.startSpan(`rpc ${subject}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'rpc.system': 'nats', 'messaging.destination.name': subject },
    });
    const carrier: Record<string, string> = { ...options.headers };
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    const packet = JSON.stringify({ pattern: subject, data: payload, id: randomUUID() });
    try {
      const msg = await this.replies(subject).request(subject, packet, toNatsHeaders(carrier), timeoutMs);
      const reply = decodeRpcReply(parseJson(msg.string()));
      if (!reply.ok) throw new RpcCallError(subject, reply.error);
      return reply.response as Res;
    } catch (error) {
      if (error instanceof RpcCallError) {
        span.setAttribute('rpc.error_code', error.code);
        if (error.code === 'UNAVAILABLE' || error.code === 'INTERNAL')
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      }
      throw error;
    } finally {
      span.end();
    }
  }
}

export function createRpcClient(options: RpcClientOptions): RpcClient {
  return new RpcClient(options);
}
