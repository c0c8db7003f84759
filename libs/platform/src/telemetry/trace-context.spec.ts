import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { activeTraceId, extractTraceContext, injectTraceHeaders, SpanKind, tracer, withSpan } from './index.js';

// What register.ts sets up in a process, minus the instrumentation and export.
const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});

afterEach(() => exporter.reset());

afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});

function headersOf(ctx?: Parameters<typeof injectTraceHeaders>[1]): Map<string, string> {
  const headers = new Map<string, string>();
  injectTraceHeaders((key, value) => headers.set(key, value), ctx);
  return headers;
}

const finished = (name: string) => {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  if (!span) throw new Error(`no finished span named ${name}`);
  return span;
};

describe('injectTraceHeaders / extractTraceContext', () => {
  it('writes the active span as a W3C traceparent', async () => {
    await withSpan('publish', {}, (span) => {
      const { traceId, spanId } = span.spanContext();
      expect(headersOf().get('traceparent')).toBe(`00-${traceId}-${spanId}-01`);
    });
  });

  it('writes nothing outside a span', () => {
    expect(headersOf().size).toBe(0);
  });

  it('round-trips a context through headers: the remote span becomes the parent', async () => {
    const headers = await withSpan('client', {}, () => headersOf());
    const client = finished('client');

    const remote = trace.getSpanContext(extractTraceContext((key) => headers.get(key)));

    expect(remote).toMatchObject({
      traceId: client.spanContext().traceId,
      spanId: client.spanContext().spanId,
      isRemote: true,
    });
  });

  it('carries tracestate along with traceparent', () => {
    const incoming = new Map([
      ['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
      ['tracestate', 'kinerja=abc,vendor=1'],
    ]);

    const outgoing = headersOf(extractTraceContext((key) => incoming.get(key)));

    expect(outgoing.get('traceparent')).toBe(incoming.get('traceparent'));
    expect(outgoing.get('tracestate')).toBe('kinerja=abc,vendor=1');
  });

  it('does not join the trace active where the message is received', async () => {
    await withSpan('connection', {}, () =>
      withSpan('handle', {}, () => undefined, { parent: extractTraceContext(() => undefined) }),
    );

    expect(finished('handle').parentSpanContext).toBeUndefined();
    expect(finished('handle').spanContext().traceId).not.toBe(finished('connection').spanContext().traceId);
  });

  it.each([
    ['absent', undefined],
    ['empty, as NATS answers for a missing header', ''],
    ['malformed', '00-not-a-trace-01'],
  ])('starts a new trace when traceparent is %s', async (_case, value) => {
    const parent = extractTraceContext((key) => (key === 'traceparent' ? value : undefined));

    await withSpan('handle', {}, () => undefined, { parent });

    expect(finished('handle').parentSpanContext).toBeUndefined();
  });
});

describe(withSpan.name, () => {
  it('returns the result and makes the span active inside, for nested spans and log lines', async () => {
    const result = await withSpan('outer', { 'kinerja.tenant': 't-1' }, async (outer) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(activeTraceId()).toBe(outer.spanContext().traceId);
      return withSpan('inner', {}, () => 42);
    });

    expect(result).toBe(42);
    const outer = finished('outer');
    expect(finished('inner').parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(outer.attributes).toEqual({ 'kinerja.tenant': 't-1' });
    expect(outer.kind).toBe(SpanKind.INTERNAL);
    expect(outer.status.code).toBe(SpanStatusCode.UNSET);
    expect(activeTraceId()).toBeUndefined();
  });

  it('continues the trace of an explicit parent with the given kind', async () => {
    const parent = extractTraceContext((key) =>
      key === 'traceparent' ? '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' : undefined,
    );

    await withSpan('rpc.identity.tenant.get', {}, () => undefined, { kind: SpanKind.SERVER, parent });

    const span = finished('rpc.identity.tenant.get');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });

  it('records a thrown error, marks the span failed, ends it and rethrows', async () => {
    await expect(
      withSpan('failing', {}, () => {
        throw new Error('database unreachable');
      }),
    ).rejects.toThrow('database unreachable');

    const span = finished('failing');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'database unreachable' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
    expect(span.events[0]?.attributes?.['exception.message']).toBe('database unreachable');
  });

  it('records an expected error without marking the span failed', async () => {
    const notFound = Object.assign(new Error('tenant not found'), { code: 'NOT_FOUND' });

    await expect(
      withSpan('lookup', {}, () => Promise.reject(notFound), {
        isFailure: (error) => !(error instanceof Error && 'code' in error && error.code === 'NOT_FOUND'),
      }),
    ).rejects.toBe(notFound);

    const span = finished('lookup');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('does not leak its context into the caller', async () => {
    await withSpan('scoped', {}, () => undefined);

    const after = tracer.startSpan('after');
    after.end();

    expect(trace.getSpan(context.active())).toBeUndefined();
    expect(after.spanContext().traceId).not.toBe(finished('scoped').spanContext().traceId);
  });
});

describe(activeTraceId.name, () => {
  it('answers the trace id of a remote parent even before a local span starts', () => {
    const remote = extractTraceContext((key) =>
      key === 'traceparent' ? '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' : undefined,
    );

    expect(context.with(remote, activeTraceId)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(context.with(ROOT_CONTEXT, activeTraceId)).toBeUndefined();
  });
});
