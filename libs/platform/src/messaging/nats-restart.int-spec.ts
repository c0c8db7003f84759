import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import {
  adminQuery,
  createTestDatabase,
  eventually,
  startPrivateNats,
  uniqueName,
  type PrivateNats,
  type TestDatabase,
} from '@kinerja/testing';
import { createServiceDataSource, TenantDatabase } from '../database/index.js';
import { createLogger } from '../logging/index.js';
import { startEventConsumer, type ConsumedEvent } from './consumer.js';
import { OutboxRelay } from './outbox-relay.js';
import { ensureEventStreams, type EventStreams } from './streams.js';
import { AppliedTable1763900000001 } from './applied.fixture.js';

describe('messaging across a NATS restart', () => {
  const service = uniqueName('msgtest');
  const tenant = randomUUID();
  const silent = createLogger('msgtest', { level: 'silent' });
  let nats: PrivateNats;
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let streams: EventStreams;

  beforeAll(async () => {
    nats = await startPrivateNats();
    db = await createTestDatabase('msgtest', [AppliedTable1763900000001]);
    dataSource = createServiceDataSource({ url: db.appUrl, service: 'msgtest', poolMax: 4 });
    await dataSource.initialize();
    tenants = new TenantDatabase(dataSource, service);
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    jsm = await jetstreamManager(nc);
    streams = await ensureEventStreams(jsm, service);
  });

  afterAll(async () => {
    await nc.close();
    await nats.dispose();
    await dataSource.destroy();
    await db.drop();
  });

  it('loses no event written while NATS is down and applies each once', async () => {
    const durable = uniqueName('restart');
    const relay = new OutboxRelay({
      url: db.appUrl,
      service: 'msgtest',
      connection: nc,
      pollIntervalMs: 200,
      publishTimeoutMs: 1_000,
      maxBackoffMs: 500,
      logger: silent,
    });
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
        await event.tx.manager.query(
          `INSERT INTO applied (tenant_id, consumer, aggregate_id, times, total) VALUES ($1, $2, $3, 1, 1)
           ON CONFLICT (tenant_id, consumer, aggregate_id) DO UPDATE SET times = applied.times + 1`,
          [event.tenantId, durable, event.headers['kinerja-aggregate-id']],
        );
      },
    });
    const write = (aggregateId: string) =>
      tenants.withTenant(tenant, async (tx) => {
        tx.outbox.record({
          aggregateType: 'widget',
          aggregateId,
          event: 'counted',
          type: 'kinerja.test.v1.Counted',
          payload: new Uint8Array([1]),
        });
      });
    const appliedIds = async () =>
      await adminQuery<{ aggregate_id: string; times: number }>(
        db,
        'SELECT aggregate_id, times FROM applied WHERE consumer = $1 ORDER BY aggregate_id',
        [durable],
      );
    const ids = (prefix: string) => Array.from({ length: 5 }, (_, i) => `${prefix}${i}`);
    try {
      relay.start();
      await consumer.ready;
      for (const id of ids('before')) await write(id);
      await eventually(async () => expect((await appliedIds()).map((r) => r.aggregate_id)).toEqual(ids('before')));

      await nats.stop();
      for (const id of ids('during')) await write(id);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await adminQuery(db, 'SELECT 1 FROM outbox WHERE published_at IS NULL')).toHaveLength(5);

      // Same port, same store dir: the stream and the durable consumer come back with it.
      await nats.start();
      await eventually(async () => {
        expect(await adminQuery(db, 'SELECT 1 FROM outbox WHERE published_at IS NULL')).toHaveLength(0);
        expect(await appliedIds()).toEqual(
          [...ids('before'), ...ids('during')].sort().map((aggregate_id) => ({ aggregate_id, times: 1 })),
        );
      }, 45_000);
      expect((await jsm.streams.info(streams.stream)).state.messages).toBe(10);
    } finally {
      await consumer.close();
      await relay.stop();
    }
  });
});
