import {
  createParamDecorator,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NatsContext, Transport, type NatsOptions } from '@nestjs/microservices';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { finalize, tap, type Observable } from 'rxjs';
import { ServiceError } from '../errors/index.js';
import { fromNatsHeaders } from './event-headers.js';

// The service side of RPC: a NestJS microservice on core NATS in the service's queue group, so instances
// share the load. Handlers are `@MessagePattern('rpc.<service>.<resource>.<verb>')`.

export type RpcServerOptions = {
  url: string;
  service: string;
  /** How long close() waits for in-flight requests after unsubscribing. */
  gracePeriodMs?: number;
};

export function rpcServerOptions(options: RpcServerOptions): NatsOptions {
  return {
    transport: Transport.NATS,
    options: {
      servers: options.url,
      queue: options.service,
      name: `kinerja-${options.service}-rpc`,
      maxReconnectAttempts: -1,
      gracefulShutdown: true,
      gracePeriod: options.gracePeriodMs ?? 2_000,
    },
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
