import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

export { metrics, metricsContentType, metricsText, counter, histogram } from './metrics.js';
export { SpanKind };
export type { Attributes, Context, Span };

// Traces flow gateway → NATS → service → PostgreSQL with W3C trace context in NATS headers
// (ARCHITECTURE.md "Observability"). The SDK is started by register.ts; without it these helpers
// run against the no-op API and cost next to nothing.

/** The platform's tracer; resolves to the registered provider whenever one is started. */
export const tracer: Tracer = trace.getTracer('@kinerja/platform');

/** Writes `traceparent` (and `tracestate`) of `ctx` (default: the active context) through `set`. */
export function injectTraceHeaders(set: (key: string, value: string) => void, ctx: Context = context.active()): void {
  propagation.inject(ctx, undefined, { set: (_carrier, key, value) => set(key, value) });
}

/**
 * The context carried by incoming headers, to pass as `parent` to the span handling the message.
 * It starts from the root, not the active context: a message is a new unit of work, and without a
 * valid `traceparent` it begins a new trace rather than joining whatever ran on the connection.
 */
export function extractTraceContext(get: (key: string) => string | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, undefined, {
    // NATS headers answer '' for a missing key; both mean absent.
    get: (_carrier, key) => get(key) || undefined,
    keys: () => [],
  });
}

export type WithSpanOptions = {
  kind?: SpanKind;
  /** Parent context, e.g. from extractTraceContext; default: the active context. */
  parent?: Context;
  /**
   * Whether an error marks the span as failed (default: every error). An RPC server passes a test
   * so that expected outcomes such as NOT_FOUND are recorded without counting as faults.
   */
  isFailure?: (error: unknown) => boolean;
};

/**
 * Runs `fn` inside a new active span: log lines and nested spans within it carry its ids. An error
 * is recorded on the span, sets its status (see `isFailure`) and is rethrown; the span always ends.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => T | Promise<T>,
  options: WithSpanOptions = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      if (options.isFailure?.(error) ?? true) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Trace id of the active context (for problem+json bodies), if there is a valid one. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
