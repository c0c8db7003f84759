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
import { startEventConsumer, type ConsumedEvent } from './consumer.js';
import { OutboxRelay } from './outbox-relay.js';
import { ensureEventStreams, type EventStreams } from './streams.js';
import { AppliedTable1763900000001, applyAmount } from './applied.fixture.js';

const apply = (consumer: string) => (event: ConsumedEvent) => applyAmount(consumer, event);

describe(OutboxRelay.name, () => {
  const service = uniqueName('msgtest');
  const tenant = randomUUID();
  const log = createLogger('msgtest', { level: 'silent' });
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let streams: EventStreams;

  const write = (aggregateId: string, amount: number) =>
    tenants.withTenant(tenant, async (tx) => {
      tx.outbox.record({
        aggregateType: 'widget',
        aggregateId,
        event: 'counted',
        type: 'kinerja.test.v1.Counted',
        payload: Buffer.from(JSON.stringify({ amount })),
      });
    });

  beforeAll(async () => {
    db = await createTestDatabase('msgtest', [AppliedTable1763900000001]);
    dataSource = createServiceDataSource({ url: db.appUrl, service: 'msgtest', poolMax: 4 });
    await dataSource.initialize();
    // The subject token is unique to this file; the database roles are the shared test service's.
    tenants = new TenantDatabase(dataSource, service);
    nc = await connect({ servers: await testNatsUrl() });
    jsm = await jetstreamManager(nc);
    streams = await ensureEventStreams(jsm, service, { dlqStream: `DLQ_${service}`, dlqPrefix: `dlq_${service}` });
  });

  afterAll(async () => {
    await jsm.streams.delete(streams.stream).catch(() => undefined);
    await jsm.streams.delete(streams.dlqStream).catch(() => undefined);
    await nc.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('delivers an event once in effect when the relay crashes between publishing and marking it published', async () => {
    const batches: { ids: string[]; crashed: boolean }[] = [];
    const relay = new OutboxRelay({
      url: db.appUrl,
      service: 'msgtest',
      connection: nc,
      pollIntervalMs: 200,
      logger: log,
      onPublished: (ids) => {
        const crashed = batches.length === 0;
        batches.push({ ids, crashed });
        if (crashed) throw new Error('simulated crash after publish');
      },
    });
    const durable = uniqueName('counter');
    const consumer = startEventConsumer({
      connection: nc,
      tenants,
      stream: streams.stream,
      durable,
      filterSubject: `evt.${service}.>`,
      handle: apply(durable),
      policy: { backoffMs: [100], ackWaitMs: 5_000 },
      expiresMs: 5_000,
      dlqPrefix: streams.dlqPrefix,
      logger: log,
    });
    try {
      await consumer.ready;
      await write('a', 1);
      await write('b', 2);
      await write('c', 3);
      relay.start();
      await eventually(async () => {
        expect(await adminQuery(db, 'SELECT 1 FROM outbox WHERE published_at IS NULL')).toHaveLength(0);
        const rows = await adminQuery(
          db,
          'SELECT aggregate_id, times, total FROM applied WHERE consumer = $1 ORDER BY aggregate_id',
          [durable],
        );
        expect(rows).toEqual([
          { aggregate_id: 'a', times: 1, total: 1 },
          { aggregate_id: 'b', times: 1, total: 2 },
          { aggregate_id: 'c', times: 1, total: 3 },
        ]);
      });
      // The crashed batch was published again with the same ids, and JetStream kept one copy of each.
      const crashedIds = batches[0]?.ids ?? [];
      expect(crashedIds).toHaveLength(3);
      const republished = batches.slice(1).flatMap((b) => b.ids);
      expect(republished).toEqual(expect.arrayContaining(crashedIds));
      expect((await jsm.streams.info(streams.stream)).state.messages).toBe(3);
      expect(await adminQuery(db, 'SELECT message_id FROM inbox WHERE consumer = $1', [durable])).toHaveLength(3);
    } finally {
      await consumer.close();
      await relay.stop();
    }
  });

  it('publishes the event attributes as headers, with the outbox id as Nats-Msg-Id', async () => {
    const relay = new OutboxRelay({
      url: db.appUrl,
      service: 'msgtest',
      connection: nc,
      pollIntervalMs: 200,
      logger: log,
    });
    try {
      await write('headers', 7);
      const [row] = await adminQuery<{ id: string; created_at: Date }>(
        db,
        `SELECT id, created_at FROM outbox WHERE aggregate_id = 'headers'`,
      );
      relay.start();
      await eventually(async () =>
        expect(
          await adminQuery(db, `SELECT 1 FROM outbox WHERE aggregate_id = 'headers' AND published_at IS NOT NULL`),
        ).toHaveLength(1),
      );
      const stored = await jsm.streams.getMessage(streams.stream, {
        last_by_subj: `evt.${service}.${tenant}.widget.counted`,
      });
      const headers = Object.fromEntries([...(stored?.header ?? [])].map(([k, v]) => [k.toLowerCase(), v[0]]));
      expect(headers).toMatchObject({
        'nats-msg-id': row?.id,
        'ce-id': row?.id,
        'ce-type': 'kinerja.test.v1.Counted',
        'ce-source': 'kinerja/msgtest',
        'ce-time': row?.created_at.toISOString(),
        'ce-specversion': '1.0',
        'kinerja-tenant': tenant,
        'kinerja-aggregate-type': 'widget',
        'kinerja-aggregate-id': 'headers',
        'kinerja-aggregate-seq': '1',
      });
      expect(JSON.parse(Buffer.from(stored?.data ?? []).toString())).toEqual({ amount: 7 });
    } finally {
      await relay.stop();
    }
  });

  it('publishes on NOTIFY without waiting for the poll, also after its listener connection was cut', async () => {
    const relay = new OutboxRelay({
      url: db.appUrl,
      service: 'msgtest',
      connection: nc,
      pollIntervalMs: 60_000,
      logger: log,
    });
    const published = (aggregateId: string) =>
      adminQuery(db, 'SELECT 1 FROM outbox WHERE aggregate_id = $1 AND published_at IS NOT NULL', [aggregateId]);
    try {
      relay.start();
      await eventually(async () =>
        expect(await adminQuery(db, 'SELECT 1 FROM outbox WHERE published_at IS NULL')).toHaveLength(0),
      );
      await write('notified', 1);
      await eventually(async () => expect(await published('notified')).toHaveLength(1), 3_000);

      const cut = await adminQuery(
        db,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kinerja-msgtest-relay-listen'`,
      );
      expect(cut).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1_500));
      await write('notified-again', 1);
      await eventually(async () => expect(await published('notified-again')).toHaveLength(1), 3_000);
    } finally {
      await relay.stop();
    }
  });

  it('keeps published rows for the retention window and sweeps only older published ones', async () => {
    for (const id of ['old-published', 'old-unpublished', 'recent', 'new']) await write(id, 1);
    await adminQuery(
      db,
      `UPDATE outbox SET published_at = now() WHERE aggregate_id IN ('old-published', 'recent', 'new')`,
    );
    await adminQuery(
      db,
      `UPDATE outbox SET created_at = now() - interval '8 days' WHERE aggregate_id IN ('old-published', 'old-unpublished')`,
    );
    await adminQuery(
      db,
      `UPDATE outbox SET created_at = now() - interval '6 days 23 hours' WHERE aggregate_id = 'recent'`,
    );
    // Not started: only its sweep runs here.
    const relay = new OutboxRelay({
      url: db.appUrl,
      service: 'msgtest',
      connection: nc,
      retentionDays: 7,
      logger: log,
    });
    try {
      expect(await relay.sweep()).toBe(1);
      const left = await adminQuery<{ aggregate_id: string }>(
        db,
        `SELECT aggregate_id FROM outbox WHERE aggregate_id IN ('old-published', 'old-unpublished', 'recent', 'new') ORDER BY aggregate_id`,
      );
      expect(left.map((r) => r.aggregate_id)).toEqual(['new', 'old-unpublished', 'recent']);
    } finally {
      await relay.stop();
    }
  });
});
