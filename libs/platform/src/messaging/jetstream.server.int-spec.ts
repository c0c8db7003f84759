import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
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
import { ServiceError } from '../errors/index.js';
import { createLogger } from '../logging/index.js';
import type { ConsumedEvent } from './consumer.js';
import { ConsumeEvent, JetStreamContext, JetStreamServer } from './jetstream.server.js';
import { OutboxRelay } from './outbox-relay.js';
import { RpcErrorFilter } from './rpc-error.filter.js';
import { RpcTracingInterceptor } from './rpc-server.js';
import { ensureEventStreams, type EventStreams } from './streams.js';
import { AppliedTable1763900000001 } from './applied.fixture.js';

const service = uniqueName('msgtest');
const countedDurable = uniqueName('counted');
const brokenDurable = uniqueName('broken');
const seen: { id: string; sameInContext: boolean; seq: number }[] = [];

@Controller()
class WidgetEventsController {
  @ConsumeEvent(`evt.${service}.*.widget.counted`, { durable: countedDurable })
  async counted(@Payload() event: ConsumedEvent, @Ctx() ctx: JetStreamContext): Promise<void> {
    seen.push({ id: event.id, sameInContext: ctx.getEvent() === event, seq: event.aggregateSeq });
    await event.tx.manager.query(
      `INSERT INTO applied (tenant_id, consumer, aggregate_id, times, total) VALUES ($1, $2, $3, 1, 0)
       ON CONFLICT (tenant_id, consumer, aggregate_id) DO UPDATE SET times = applied.times + 1`,
      [event.tenantId, countedDurable, event.headers['kinerja-aggregate-id']],
    );
  }

  @ConsumeEvent(`evt.${service}.*.widget.broken`, {
    durable: brokenDurable,
    policy: { maxDeliver: 2, backoffMs: [100] },
  })
  async broken(): Promise<void> {
    throw new ServiceError('CONFLICT', 'widget sudah diarsipkan');
  }

  // A request pattern in the same app is the RPC server's, never a JetStream consumer.
  @MessagePattern(`rpc.${service}.widget.get`)
  get(): string {
    return 'not for JetStream';
  }
}

@Module({ controllers: [WidgetEventsController] })
class WidgetEventsModule {}

describe(JetStreamServer.name, () => {
  const tenant = randomUUID();
  const silent = createLogger('msgtest', { level: 'silent' });
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let streams: EventStreams;
  let relay: OutboxRelay;
  let server: JetStreamServer;
  let app: INestMicroservice;

  const write = (aggregateId: string, event: string) =>
    tenants.withTenant(tenant, async (tx) =>
      tx.outbox.record({
        aggregateType: 'widget',
        aggregateId,
        event,
        type: 'kinerja.test.v1.Changed',
        payload: new Uint8Array([1]),
      }),
    );

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
    server = new JetStreamServer({
      tenants,
      url: await testNatsUrl(),
      dlqPrefix: streams.dlqPrefix,
      expiresMs: 5_000,
      logger: silent,
    });
    app = await NestFactory.createMicroservice(WidgetEventsModule, { strategy: server, logger: false });
    app.useGlobalFilters(new RpcErrorFilter(silent));
    app.useGlobalInterceptors(new RpcTracingInterceptor());
    await app.listen();
    await server.ready();
  });

  afterAll(async () => {
    await app.close();
    await relay.stop();
    await jsm.streams.delete(streams.stream).catch(() => undefined);
    await jsm.streams.delete(streams.dlqStream).catch(() => undefined);
    await nc.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('creates one durable consumer per event handler on the publishing service stream, and none for requests', async () => {
    const names: string[] = [];
    for await (const info of jsm.consumers.list(streams.stream)) names.push(info.name);
    expect(names.sort()).toEqual([brokenDurable, countedDurable].sort());
    const info = await jsm.consumers.info(streams.stream, countedDurable);
    expect(info.config.filter_subject).toBe(`evt.${service}.*.widget.counted`);
    expect(info.config.ack_policy).toBe('explicit');
  });

  it('hands each event to its decorated handler inside the tenant transaction', async () => {
    const first = await write('w1', 'counted');
    const second = await write('w1', 'counted');
    await eventually(async () =>
      expect(
        await adminQuery(db, 'SELECT aggregate_id, times FROM applied WHERE consumer = $1', [countedDurable]),
      ).toEqual([{ aggregate_id: 'w1', times: 2 }]),
    );
    expect(seen).toEqual([
      { id: first.id, sameInContext: true, seq: 1 },
      { id: second.id, sameInContext: true, seq: 2 },
    ]);
  });

  it('dead-letters an event whose handler keeps failing, with the error message of the handler', async () => {
    const broken = await write('w2', 'broken');
    const dlqSubject = `${streams.dlqPrefix}.evt.${service}.${tenant}.widget.broken`;
    await eventually(async () =>
      expect(await jsm.streams.getMessage(streams.dlqStream, { last_by_subj: dlqSubject })).not.toBeNull(),
    );
    const copy = await jsm.streams.getMessage(streams.dlqStream, { last_by_subj: dlqSubject });
    expect(copy?.header.get('ce-id')).toBe(broken.id);
    expect(copy?.header.get('kinerja-dlq-error')).toBe('widget sudah diarsipkan');
    expect(copy?.header.get('kinerja-dlq-consumer')).toBe(brokenDurable);
  });
});
