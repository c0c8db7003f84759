import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
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
import { startEventConsumer, type ConsumedEvent, type EventConsumer } from './consumer.js';
import { OutboxRelay } from './outbox-relay.js';
import { replayOutbox } from './replay.js';
import { ensureEventStreams, type EventStreams } from './streams.js';
import { AppliedTable1763900000001 } from './applied.fixture.js';

// JetStream acknowledged events it had not yet written to disk (Jepsen, NATS 2.12.1); losing the stream
// must be repairable from PostgreSQL alone.
describe(replayOutbox.name, () => {
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
  const running: EventConsumer[] = [];

  const streamOptions = () => ({ dlqStream: `DLQ_${service}`, dlqPrefix: `dlq_${service}` });

  beforeAll(async () => {
    db = await createTestDatabase('msgtest', [AppliedTable1763900000001]);
    dataSource = createServiceDataSource({ url: db.appUrl, service: 'msgtest', poolMax: 4 });
    await dataSource.initialize();
    tenants = new TenantDatabase(dataSource, service);
    nc = await connect({ servers: await testNatsUrl() });
    jsm = await jetstreamManager(nc);
    streams = await ensureEventStreams(jsm, service, streamOptions());
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
    await Promise.all(running.map((c) => c.close()));
    await relay.stop();
    await jsm.streams.delete(streams.stream).catch(() => undefined);
    await jsm.streams.delete(streams.dlqStream).catch(() => undefined);
    await nc.close();
    await dataSource.destroy();
    await db.drop();
  });

  it("restores every consumer's state after the stream is lost, applying nothing twice", async () => {
    const testStart = new Date(Date.now() - 1_000);
    const calls = new Map<string, number>();
    const consumerNamed = (durable: string) => {
      const consumer = startEventConsumer({
        connection: nc,
        tenants,
        stream: streams.stream,
        durable,
        filterSubject: `evt.${service}.>`,
        expiresMs: 2_000,
        policy: { backoffMs: [100] },
        logger: silent,
        handle: async (event: ConsumedEvent) => {
          calls.set(durable, (calls.get(durable) ?? 0) + 1);
          const { amount } = JSON.parse(Buffer.from(event.payload).toString()) as { amount: number };
          await event.tx.manager.query(
            `INSERT INTO applied (tenant_id, consumer, aggregate_id, times, total) VALUES ($1, $2, $3, 1, $4)
             ON CONFLICT (tenant_id, consumer, aggregate_id) DO UPDATE SET times = applied.times + 1, total = applied.total + excluded.total`,
            [event.tenantId, durable, event.headers['kinerja-aggregate-id'], amount],
          );
        },
      });
      running.push(consumer);
      return consumer;
    };
    const written: { aggregate: string; amount: number }[] = [];
    const write = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const event = { aggregate: written.length % 2 === 0 ? 'x' : 'y', amount: written.length + 1 };
        written.push(event);
        await tenants.withTenant(tenant, async (tx) => {
          tx.outbox.record({
            aggregateType: 'widget',
            aggregateId: event.aggregate,
            event: 'counted',
            type: 'kinerja.test.v1.Counted',
            payload: Buffer.from(JSON.stringify({ amount: event.amount })),
          });
        });
      }
    };
    const expected = () =>
      ['x', 'y'].map((aggregate) => {
        const mine = written.filter((e) => e.aggregate === aggregate);
        return { aggregate_id: aggregate, times: mine.length, total: mine.reduce((sum, e) => sum + e.amount, 0) };
      });
    const stateOf = (durable: string) =>
      adminQuery(db, 'SELECT aggregate_id, times, total FROM applied WHERE consumer = $1 ORDER BY aggregate_id', [
        durable,
      ]);

    const a = uniqueName('state_a');
    const b = uniqueName('state_b');
    await consumerNamed(a).ready;
    const firstB = consumerNamed(b);
    await firstB.ready;
    await write(5);
    await eventually(async () => {
      expect(await stateOf(a)).toEqual(expected());
      expect(await stateOf(b)).toEqual(expected());
    });

    // B falls behind; the next events are published and acknowledged, A applies them.
    await firstB.close();
    const bBehind = expected();
    await write(5);
    await eventually(async () => {
      expect(await adminQuery(db, 'SELECT 1 FROM outbox WHERE published_at IS NULL')).toHaveLength(0);
      expect(await stateOf(a)).toEqual(expected());
    });

    // The stream is lost with events B never saw; it is recreated empty (boot provisioning).
    await jsm.streams.delete(streams.stream);
    await ensureEventStreams(jsm, service, streamOptions());
    await consumerNamed(b).ready;
    expect((await jsm.streams.info(streams.stream)).state.messages).toBe(0);
    expect(await stateOf(b)).toEqual(bBehind);

    // The operator replays the time range from PostgreSQL.
    expect(
      await replayOutbox({ url: db.appUrl, service: 'msgtest', from: testStart, to: new Date(Date.now() + 1_000) }),
    ).toBe(10);
    await eventually(async () => {
      expect((await jsm.streams.info(streams.stream)).state.messages).toBe(10);
      for (const durable of [a, b]) {
        const info = await jsm.consumers.info(streams.stream, durable);
        expect(info.num_pending + info.num_ack_pending).toBe(0);
      }
    }, 30_000);
    expect(await stateOf(a)).toEqual(expected());
    expect(await stateOf(b)).toEqual(expected());
    // A ignored all ten replayed copies; B applied only the five it had missed.
    expect(calls.get(a)).toBe(10);
    expect(calls.get(b)).toBe(10);
    for (const durable of [a, b]) {
      expect(await adminQuery(db, 'SELECT 1 FROM inbox WHERE consumer = $1', [durable])).toHaveLength(10);
    }
  });

  it('refuses an empty or reversed range', async () => {
    const now = new Date();
    await expect(replayOutbox({ url: db.appUrl, service: 'msgtest', from: now, to: now })).rejects.toThrow(/from < to/);
  });
});
