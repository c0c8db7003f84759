import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import {
  adminQuery,
  createTestDatabase,
  eventually,
  testNatsUrl,
  uniqueName,
  type TestDatabase,
} from '@kinerja/testing';
import { createServiceDataSource, TenantDatabase } from '../database/index.js';
import { createLogger } from '../logging/index.js';
import { deadLetteredCounter, EventConsumer, startEventConsumer, type EventConsumerOptions } from './consumer.js';
import { eventHeadersOf, toNatsHeaders } from './event-headers.js';
import { OutboxRelay } from './outbox-relay.js';
import { ensureEventStreams, type EventStreams } from './streams.js';
import { AppliedTable1763900000001, applyAmount } from './applied.fixture.js';

const apply = applyAmount;

const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

describe(EventConsumer.name, () => {
  const service = uniqueName('msgtest');
  const tenant = randomUUID();
  const silent = createLogger('msgtest', { level: 'silent' });
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let streams: EventStreams;
  let relay: OutboxRelay;

  const write = (aggregateId: string, event: string, amount: number, headers: Record<string, string> = {}) =>
    tenants.withTenant(tenant, async (tx) => {
      const recorded = tx.outbox.record({
        aggregateType: 'widget',
        aggregateId,
        event,
        type: 'kinerja.test.v1.Counted',
        payload: Buffer.from(JSON.stringify({ amount })),
      });
      Object.assign(recorded.headers, headers);
      return recorded;
    });

  const consumerOf = (options: Partial<EventConsumerOptions> & Pick<EventConsumerOptions, 'durable' | 'handle'>) =>
    startEventConsumer({
      connection: nc,
      tenants,
      stream: streams.stream,
      filterSubject: `evt.${service}.>`,
      expiresMs: 5_000,
      dlqPrefix: streams.dlqPrefix,
      logger: silent,
      ...options,
    });

  beforeAll(async () => {
    db = await createTestDatabase('msgtest', [AppliedTable1763900000001]);
    dataSource = createServiceDataSource({ url: db.appUrl, service: 'msgtest', poolMax: 4 });
    await dataSource.initialize();
    tenants = new TenantDatabase(dataSource, service);
    nc = await connect({ servers: await testNatsUrl() });
    jsm = await jetstreamManager(nc);
    streams = await ensureEventStreams(jsm, service, { dlqStream: `DLQ_${service}`, dlqPrefix: `dlq_${service}` });
    relay = new OutboxRelay({
      url: db.appUrl,
      service: 'msgtest',
      connection: nc,
      pollIntervalMs: 200,
      logger: silent,
    });
    relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await jsm.streams.delete(streams.stream).catch(() => undefined);
    await jsm.streams.delete(streams.dlqStream).catch(() => undefined);
    await nc.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('retries a failing handler with backoff, then dead-letters the message and never redelivers it', async () => {
    const durable = uniqueName('poison');
    const registry = new Registry();
    const logLines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    const poisonCalls: number[] = [];
    const consumer = consumerOf({
      durable,
      policy: { maxDeliver: 3, backoffMs: [300, 600], ackWaitMs: 2_000 },
      logger,
      registry,
      handle: async (event) => {
        await apply(durable, event);
        if (event.subject.endsWith('.poisoned')) {
          poisonCalls.push(Date.now());
          throw new Error('tidak bisa diproses');
        }
      },
    });
    try {
      await consumer.ready;
      const poison = await write('poison', 'poisoned', 1);
      await write('fine', 'counted', 2);
      const dlqSubject = `${streams.dlqPrefix}.evt.${service}.${tenant}.widget.poisoned`;
      await eventually(async () => {
        const copy = await jsm.streams.getMessage(streams.dlqStream, { last_by_subj: dlqSubject });
        expect(copy).not.toBeNull();
      });
      const copy = await jsm.streams.getMessage(streams.dlqStream, { last_by_subj: dlqSubject });
      const headers = Object.fromEntries([...(copy?.header ?? [])].map(([k, v]) => [k.toLowerCase(), v[0]]));
      expect(headers).toMatchObject({
        'ce-id': poison.id,
        'kinerja-tenant': tenant,
        'kinerja-dlq-error': 'tidak bisa diproses',
        'kinerja-dlq-consumer': durable,
      });
      expect(JSON.parse(Buffer.from(copy?.data ?? []).toString())).toEqual({ amount: 1 });

      // Three deliveries, the second after >= 300 ms, the third after >= 600 ms.
      expect(poisonCalls).toHaveLength(3);
      const [first = 0, second = 0, third = 0] = poisonCalls;
      expect(second - first).toBeGreaterThanOrEqual(250);
      expect(third - second).toBeGreaterThanOrEqual(550);

      // Past the ack wait nothing comes back: the message was terminated.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(poisonCalls).toHaveLength(3);
      const info = await jsm.consumers.info(streams.stream, durable);
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_pending).toBe(0);

      // Each failed attempt rolled back with its inbox row; the healthy event took effect once.
      const applied = await adminQuery(db, 'SELECT aggregate_id, times FROM applied WHERE consumer = $1', [durable]);
      expect(applied).toEqual([{ aggregate_id: 'fine', times: 1 }]);
      expect(
        await adminQuery(db, 'SELECT 1 FROM inbox WHERE consumer = $1 AND message_id = $2', [durable, poison.id]),
      ).toHaveLength(0);

      const metric = await deadLetteredCounter(registry).get();
      expect(metric.values).toEqual([{ value: 1, labels: { consumer: durable } }]);
      const deadLetterLines = logLines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'event dead-lettered');
      expect(deadLetterLines).toHaveLength(1);
      expect(deadLetterLines[0]).toMatchObject({
        consumer: durable,
        id: poison.id,
        err: 'tidak bisa diproses',
        deliveries: 3,
      });
    } finally {
      await consumer.close();
    }
  });

  it('dead-letters at once a message it can never handle (no event headers), without calling the handler', async () => {
    const durable = uniqueName('raw');
    const calls: string[] = [];
    const consumer = consumerOf({
      durable,
      filterSubject: `evt.${service}.*.widget.raw`,
      handle: async (event) => void calls.push(event.id),
    });
    try {
      await consumer.ready;
      const subject = `evt.${service}.${tenant}.widget.raw`;
      await jetstream(nc).publish(subject, new Uint8Array([9]));
      const dlqSubject = `${streams.dlqPrefix}.${subject}`;
      await eventually(async () =>
        expect(await jsm.streams.getMessage(streams.dlqStream, { last_by_subj: dlqSubject })).not.toBeNull(),
      );
      const copy = await jsm.streams.getMessage(streams.dlqStream, { last_by_subj: dlqSubject });
      expect(copy?.header.get('kinerja-dlq-error')).toBe('missing header ce-id');
      expect(copy?.header.get('kinerja-dlq-consumer')).toBe(durable);
      expect(calls).toEqual([]);
      const info = await jsm.consumers.info(streams.stream, durable);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    } finally {
      await consumer.close();
    }
  });

  it('acknowledges a duplicate without calling the handler again', async () => {
    const durable = uniqueName('dedup');
    const calls: string[] = [];
    const consumer = consumerOf({
      durable,
      handle: async (event) => {
        calls.push(event.id);
        await apply(durable, event);
      },
    });
    try {
      await consumer.ready;
      // The same event published twice past JetStream's duplicate window (different Nats-Msg-Id).
      const id = randomUUID();
      const headers = eventHeadersOf(
        {
          id,
          tenantId: tenant,
          eventType: 'kinerja.test.v1.Counted',
          aggregateType: 'widget',
          aggregateId: 'twice',
          aggregateSeq: 1,
          createdAt: new Date(),
          stored: {},
        },
        'msgtest',
      );
      const js = jetstream(nc);
      const subject = `evt.${service}.${tenant}.widget.counted`;
      const payload = Buffer.from(JSON.stringify({ amount: 5 }));
      await js.publish(subject, payload, { msgID: `${id}-first`, headers: toNatsHeaders(headers) });
      await js.publish(subject, payload, { msgID: `${id}-again`, headers: toNatsHeaders(headers) });
      await eventually(async () => {
        const info = await jsm.consumers.info(streams.stream, durable);
        expect(info.num_pending + info.num_ack_pending).toBe(0);
        expect(info.delivered.stream_seq).toBeGreaterThanOrEqual(
          (await jsm.streams.info(streams.stream)).state.last_seq,
        );
      });
      expect(calls.filter((c) => c === id)).toEqual([id]);
      expect(
        await adminQuery(db, 'SELECT times, total FROM applied WHERE consumer = $1 AND aggregate_id = $2', [
          durable,
          'twice',
        ]),
      ).toEqual([{ times: 1, total: 5 }]);
    } finally {
      await consumer.close();
    }
  });

  it('continues the trace of the change that wrote the event', async () => {
    const durable = uniqueName('traced');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentSpanId = '00f067aa0ba902b7';
    let seen: string | undefined;
    const consumer = consumerOf({
      durable,
      handle: async (event) => {
        if (event.headers['kinerja-aggregate-id'] === 'traced') seen = event.headers.traceparent;
      },
    });
    try {
      await consumer.ready;
      await write('traced', 'counted', 1, { traceparent: `00-${traceId}-${parentSpanId}-01` });
      await eventually(() => expect(seen).toBeDefined());
      const span = spans
        .getFinishedSpans()
        .find((s) => s.name === `process evt.${service}.>` && s.spanContext().traceId === traceId);
      expect(span?.kind).toBe(SpanKind.CONSUMER);
      expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    } finally {
      await consumer.close();
    }
  });
});
