import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { isRpcErrorBody, ServiceError, type FieldError, type RpcErrorBody } from '../errors/index.js';
import { toNatsHeaders } from './event-headers.js';

// Request-reply over core NATS (ARCHITECTURE.md "Contracts"): the payload travels in the envelope NestJS's NATS
// transport expects (`{ pattern, data, id }`, replied `{ id, response | err, isDisposed }`); every call has a
// timeout; errors arrive as typed codes. A raw request is used instead of Nest's ClientProxy: one round trip,
// no reply subscription per client, and the headers are ours to set.

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

function unavailable(subject: string, error: unknown, timeoutMs: number): RpcCallError {
  if (error instanceof TimeoutError) {
    return new RpcCallError(
      subject,
      { code: 'UNAVAILABLE', message: `No reply within ${timeoutMs} ms` },
      { cause: error },
    );
  }
  if (error instanceof RequestError && error.isNoResponders()) {
    return new RpcCallError(
      subject,
      { code: 'UNAVAILABLE', message: 'No service answers this request' },
      { cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new RpcCallError(subject, { code: 'UNAVAILABLE', message: `Request failed: ${reason}` }, { cause: error });
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
  constructor(@Inject(RPC_CLIENT_OPTIONS) private readonly options: RpcClientOptions) {}

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
      const msg = await this.options.connection
        .request(subject, packet, { timeout: timeoutMs, headers: toNatsHeaders(carrier) })
        .catch((error: unknown) => {
          throw unavailable(subject, error, timeoutMs);
        });
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
