import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testNatsUrl, uniqueName } from '@kinerja/testing';
import { extractTraceContext, injectTraceHeaders, SpanKind, withSpan } from './index.js';

// A trace crosses real NATS request-reply the way gateway → service calls do: the caller injects
// W3C headers, the responder (its own connection, as in another process) continues the trace.
const exporter = new InMemorySpanExporter();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let caller: NatsConnection;
let responder: NatsConnection;
let subject: string;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));

  const servers = await testNatsUrl();
  [caller, responder] = await Promise.all([connect({ servers }), connect({ servers })]);
  subject = `${uniqueName('h4_trace')}.echo`;

  // The responder answers with the trace id its handling span ran in.
  responder.subscribe(subject, {
    callback: (error, msg) => {
      if (error) return;
      const parent = extractTraceContext((key) => msg.headers?.get(key));
      void withSpan(
        `handle ${subject}`,
        { 'messaging.destination.name': subject },
        (span) => {
          msg.respond(encoder.encode(span.spanContext().traceId));
        },
        { kind: SpanKind.SERVER, parent },
      );
    },
  });
  await responder.flush();
});

afterAll(async () => {
  await Promise.all([caller.drain(), responder.drain()]);
  trace.disable();
  propagation.disable();
  context.disable();
});

function finished(name: string) {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  if (!span) throw new Error(`no finished span named ${name}`);
  return span;
}

describe('trace context over NATS', () => {
  it('continues the caller trace in the responder, as a child of the calling span', async () => {
    const replyTraceId = await withSpan(
      `call ${subject}`,
      {},
      async () => {
        const h = headers();
        injectTraceHeaders((key, value) => h.set(key, value));
        const reply = await caller.request(subject, encoder.encode('ping'), { headers: h, timeout: 5_000 });
        return decoder.decode(reply.data);
      },
      { kind: SpanKind.CLIENT },
    );

    const client = finished(`call ${subject}`);
    const server = finished(`handle ${subject}`);
    expect(server.spanContext().traceId).toBe(client.spanContext().traceId);
    expect(server.parentSpanContext).toMatchObject({ spanId: client.spanContext().spanId, isRemote: true });
    expect(replyTraceId).toBe(client.spanContext().traceId);
    exporter.reset();
  });

  it('starts a new trace in the responder when the request carries no trace headers', async () => {
    const replyTraceId = await withSpan(`bare call ${subject}`, {}, async () => {
      const reply = await caller.request(subject, encoder.encode('ping'), { timeout: 5_000 });
      return decoder.decode(reply.data);
    });

    const client = finished(`bare call ${subject}`);
    expect(replyTraceId).toMatch(/^[0-9a-f]{32}$/);
    expect(replyTraceId).not.toBe(client.spanContext().traceId);
    exporter.reset();
  });
});
