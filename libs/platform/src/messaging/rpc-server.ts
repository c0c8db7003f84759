import {
  createParamDecorator,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NatsContext, ServerNats, type CustomTransportStrategy } from '@nestjs/microservices';
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { finalize, isObservable, lastValueFrom, tap, type Observable } from 'rxjs';
import { ServiceError } from '../errors/index.js';
import { fromNatsHeaders } from './event-headers.js';
import { coalesceWrites } from './nats-writes.js';

// The service side of RPC: a NestJS microservice on core NATS in the service's queue group, so instances
// share the load. Handlers are `@MessagePattern('rpc.<service>.<resource>.<verb>')`.

export type RpcServerOptions = {
  url: string;
  service: string;
  /** How long close() waits for in-flight requests after unsubscribing. */
  gracePeriodMs?: number;
};

type NatsServerOptions = {
  servers: string;
  queue: string;
  name: string;
  maxReconnectAttempts: number;
  gracefulShutdown: boolean;
  gracePeriod: number;
  noAsyncTraces: boolean;
};

type RequestPacket = { id?: unknown; data?: unknown };
type ReplyBody = { response: unknown } | { err: unknown };
type Handler = (data: unknown, ctx: NatsContext) => Promise<unknown>;

/**
 * Nest's NATS server with a shorter path for requests: the handler is found by the subject it subscribed to (Nest
 * looks the pattern up again per message, parsing it as JSON first), the envelope is read and written with plain
 * JSON, and the single reply is published at once instead of through a stream scheduled on the next tick. The wire
 * format (`{ pattern, data, id }` in, `{ id, response | err, isDisposed }` out), `@MessagePattern`, guards,
 * interceptors, filters, `NatsContext`, queue groups and the graceful stop are Nest's. Its connection writes once
 * per event-loop turn and takes no stack trace per request.
 */
export class NatsRpcServer extends ServerNats implements CustomTransportStrategy {
  constructor(private readonly serverOptions: NatsServerOptions) {
    super(serverOptions);
  }

  override async createNatsClient(): Promise<NatsConnection> {
    return coalesceWrites(await connect(this.serverOptions));
  }

  override async handleMessage(channel: string, msg: Msg): Promise<unknown> {
    let packet: RequestPacket | undefined;
    try {
      packet = JSON.parse(msg.string()) as RequestPacket;
    } catch {
      packet = undefined;
    }
    const handler = this.messageHandlers.get(channel) as (Handler & { isEventHandler?: boolean }) | undefined;
    // Events, requests without a reply subject and anything unusual take Nest's own path.
    if (!msg.reply || !handler || handler.isEventHandler || typeof packet !== 'object' || packet === null)
      return super.handleMessage(channel, msg);
    if (packet.id === undefined) return super.handleMessage(channel, msg);
    const id = packet.id;
    const ctx = new NatsContext([msg.subject, msg.headers]);
    const reply = (body: ReplyBody) => msg.respond(JSON.stringify({ ...body, id, isDisposed: true }));
    await (this.runWithProcessingHooks(ctx, async (runEndHook) => {
      let body: ReplyBody;
      try {
        const result = await handler(packet.data, ctx);
        body = { response: isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : result };
      } catch (err) {
        body = { err };
      } finally {
        runEndHook();
      }
      try {
        reply(body);
      } catch (error) {
        this.logger.error(error);
      }
    }) as unknown as Promise<void> | undefined);
    return undefined;
  }
}

/** The microservice options of a service's RPC server: its queue group shares the load between instances. */
export function rpcServerOptions(options: RpcServerOptions): { strategy: NatsRpcServer } {
  return {
    strategy: new NatsRpcServer({
      servers: options.url,
      queue: options.service,
      name: `kinerja-${options.service}-rpc`,
      maxReconnectAttempts: -1,
      gracefulShutdown: true,
      gracePeriod: options.gracePeriodMs ?? 2_000,
      noAsyncTraces: true,
    }),
  };
}

/** Request headers with lowercased names: `authorization` (raw bearer token), `traceparent`, `kinerja-request-id`. */
export function rpcHeadersOf(ctx: NatsContext): Record<string, string> {
  return fromNatsHeaders(ctx.getHeaders() ?? undefined);
}

/** `@RpcHeaders()` gives all request headers; `@RpcHeaders('authorization')` one of them (or undefined). */
export const RpcHeaders = createParamDecorator((name: string | undefined, ctx: ExecutionContext) => {
  const rpc = ctx.switchToRpc().getContext<unknown>();
  const all = rpc instanceof NatsContext ? rpcHeadersOf(rpc) : {};
  return name === undefined ? all : all[name.toLowerCase()];
});

const tracer = trace.getTracer('kinerja-messaging');

/** Continues the caller's trace: a SERVER span `rpc <subject>` around the handler. */
@Injectable()
export class RpcTracingInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.getType() === 'rpc' ? ctx.switchToRpc().getContext<unknown>() : undefined;
    if (!(rpc instanceof NatsContext)) return next.handle();
    const subject = rpc.getSubject();
    const parent = propagation.extract(ROOT_CONTEXT, rpcHeadersOf(rpc));
    const span = tracer.startSpan(
      `rpc ${subject}`,
      { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'nats', 'messaging.destination.name': subject } },
      parent,
    );
    // The handler is bound to the context it is created in, so it runs (and its queries trace) under the span.
    return context
      .with(trace.setSpan(parent, span), () => next.handle())
      .pipe(
        tap({
          error: (error: unknown) => {
            if (error instanceof ServiceError) {
              // An expected failure is the caller's problem, not the server's.
              span.setAttribute('rpc.error_code', error.code);
              return;
            }
            span.recordException(error instanceof Error ? error : new Error(String(error)));
            span.setStatus({ code: SpanStatusCode.ERROR });
          },
        }),
        finalize(() => span.end()),
      );
  }
}
