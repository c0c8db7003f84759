import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { create } from '@bufbuild/protobuf';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { identityV1 } from '@kinerja/contracts';
import { createServiceDataSource, runSql, TenantDatabase } from '@kinerja/platform/database';
import { createLogger } from '@kinerja/platform/logging';
import { ensureEventStreams, type EventConsumer } from '@kinerja/platform/messaging';
import {
  adminQuery,
  createTestDatabase,
  eventually,
  IdentityEvents,
  testNatsUrl,
  uniqueName,
  type TestDatabase,
} from '@kinerja/testing';
import { startOrgProjection } from './consumer.js';
import { OrgDirectory } from './directory.js';
import { orgProjectionSql } from './schema.js';

class OrgProjectionTables1764000000001 implements MigrationInterface {
  name = 'OrgProjectionTables1764000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, orgProjectionSql());
  }
  async down(): Promise<void> {}
}

// Events published to real JetStream (a private source stream) → projection rows → the questions on a date.
describe('org projection', () => {
  const source = uniqueName('idtest');
  const tenantId = randomUUID();
  const directory = new OrgDirectory();
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let consumer: EventConsumer;
  let events: IdentityEvents;
  const seenTypes: string[] = [];
  const ids = { top: '', bidang: '', seksi: '', head: '', kabid: '', staff: '', peer: '', plt: '' };

  const ask = <T>(work: (tx: Parameters<Parameters<TenantDatabase['withTenant']>[1]>[0]) => Promise<T>) =>
    tenants.withTenant(tenantId, work);

  beforeAll(async () => {
    db = await createTestDatabase('orgtest', [OrgProjectionTables1764000000001]);
    dataSource = createServiceDataSource({ url: db.appUrl, service: 'orgtest', poolMax: 4 });
    await dataSource.initialize();
    tenants = new TenantDatabase(dataSource, 'orgtest');
    nc = await connect({ servers: await testNatsUrl() });
    jsm = await jetstreamManager(nc);
    await ensureEventStreams(jsm, source, { dlqStream: `DLQ_${source}`, dlqPrefix: `dlq_${source}` });
    consumer = startOrgProjection({
      connection: nc,
      tenants,
      durable: uniqueName('projection'),
      source,
      expiresMs: 5_000,
      logger: createLogger('orgtest', { level: 'silent' }),
      after: async (_tx, message) => void seenTypes.push(message.$typeName),
    });
    await consumer.ready;
    events = new IdentityEvents(nc, tenantId, source);
    await events.tenant({ timeZone: 'Asia/Makassar', regionalHeadSubject: 'kepala-daerah-sub' });
    ids.head = randomUUID();
    ids.kabid = randomUUID();
    ids.top = (await events.unit({ name: 'Dinas', headEmployeeId: ids.head })).id;
    ids.bidang = (await events.unit({ name: 'Bidang', parentId: ids.top, headEmployeeId: ids.kabid })).id;
    // A vacant seksi below the bidang: its staff are rated by the bidang head.
    ids.seksi = (await events.unit({ name: 'Seksi', parentId: ids.bidang })).id;
    await events.employee({ id: ids.head, unitId: ids.top, jenisJabatan: 'JPT_PRATAMA', accountSubject: 'sub-head' });
    await events.employee({ id: ids.kabid, unitId: ids.bidang, jenisJabatan: 'ADMINISTRATOR' });
    ids.staff = (await events.employee({ unitId: ids.bidang, name: 'Siti' })).id;
    ids.peer = (await events.employee({ unitId: ids.seksi, name: 'Agus', status: 'CLTN' })).id;
    ids.plt = (await events.employee({ unitId: ids.top, name: 'Plt' })).id;
    await events.acting({ unitId: ids.bidang, employeeId: ids.plt, from: '2026-03-01', to: '2026-03-31' });
    await eventually(async () => expect(seenTypes).toHaveLength(10));
  });

  afterAll(async () => {
    await consumer.close();
    await jsm.streams.delete(`EVT_${source.toUpperCase()}`).catch(() => undefined);
    await jsm.streams.delete(`DLQ_${source}`).catch(() => undefined);
    await nc.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('keeps the tenant time zone and regional head, and lists the tenant for schedulers', async () => {
    expect(await ask((tx) => directory.tenant(tx))).toEqual({
      timeZone: 'Asia/Makassar',
      holidays: [],
      regionalHeadSubject: 'kepala-daerah-sub',
      name: 'BKD Uji',
    });
    expect(await adminQuery(db, 'SELECT time_zone FROM org_known_tenant WHERE tenant_id = $1', [tenantId])).toEqual([
      { time_zone: 'Asia/Makassar' },
    ]);
  });

  it('resolves the rater and the rater superior on a date (R5), the head of the top unit to the regional head', async () => {
    const staff = await ask((tx) => directory.raterOn(tx, ids.staff, '2026-02-10'));
    expect(staff.placement?.unitId).toBe(ids.bidang);
    expect(staff.resolution.ok && [staff.resolution.value.rater.id, staff.resolution.value.raterSuperior.id]).toEqual([
      ids.kabid,
      ids.head,
    ]);
    const head = await ask((tx) => directory.raterOn(tx, ids.head, '2026-02-10'));
    expect(head.resolution.ok && head.resolution.value.rater).toMatchObject({
      id: 'kepala-daerah-sub',
      isRegionalHead: true,
    });
    const vacantSeksi = await ask((tx) => directory.raterOn(tx, ids.peer, '2026-02-10'));
    expect(vacantSeksi.resolution.ok && vacantSeksi.resolution.value.rater.id).toBe(ids.kabid);
  });

  it('lets an acting appointment override the head only within its dates (R5)', async () => {
    const during = await ask((tx) => directory.raterOn(tx, ids.staff, '2026-03-15'));
    const after = await ask((tx) => directory.raterOn(tx, ids.staff, '2026-04-01'));
    expect(during.resolution.ok && during.resolution.value.rater).toMatchObject({ id: ids.plt });
    expect(after.resolution.ok && after.resolution.value.rater).toMatchObject({ id: ids.kabid });
    expect(await ask((tx) => directory.unitHeadOn(tx, ids.bidang, '2026-03-15'))).toEqual({
      employeeId: ids.plt,
      acting: 'PLT',
    });
  });

  it('finds the subordinates of a rater on a date, through vacant units, and those of the regional head', async () => {
    const ofKabid = await ask((tx) => directory.subordinatesOn(tx, ids.kabid, '2026-02-10'));
    expect(ofKabid.map((s) => s.placement.employeeId).sort()).toEqual([ids.peer, ids.staff].sort());
    const ofHead = await ask((tx) => directory.subordinatesOn(tx, ids.head, '2026-02-10'));
    expect(ofHead.map((s) => s.placement.employeeId).sort()).toEqual([ids.kabid, ids.plt].sort());
    const ofPltInMarch = await ask((tx) => directory.subordinatesOn(tx, ids.plt, '2026-03-15'));
    // R5: the PLT rates the bidang's staff in March, never the definitive head it stands in for.
    expect(ofPltInMarch.map((s) => s.placement.employeeId).sort()).toEqual([ids.peer, ids.staff].sort());
    const ofRegional = await ask((tx) => directory.subordinatesOn(tx, 'REGIONAL_HEAD', '2026-02-10'));
    expect(ofRegional.map((s) => s.placement.employeeId)).toEqual([ids.head]);
  });

  it('reads status, subtree, members and the employee of a login', async () => {
    expect(await ask((tx) => directory.statusOn(tx, ids.peer, '2026-02-10'))).toBe('CLTN');
    expect((await ask((tx) => directory.subtreeOn(tx, ids.top, '2026-02-10'))).sort()).toEqual(
      [ids.top, ids.bidang, ids.seksi].sort(),
    );
    expect(await ask((tx) => directory.employeeIdOfSubject(tx, 'sub-head'))).toBe(ids.head);
  });

  it('applies a move from its date, and ignores an older version arriving late (order-tolerant)', async () => {
    const before = seenTypes.length;
    const moved = await events.move(ids.staff, { unitId: ids.seksi }, '2026-05-01');
    // The older state (version 1, still in the bidang) arrives after the move.
    const stale = create(identityV1.EmployeeSchema, {
      ...moved,
      assignments: moved.assignments.slice(0, 1),
      version: 1n,
    });
    stale.assignments[0] = create(identityV1.AssignmentSchema, { ...stale.assignments[0], to: '' });
    await events.publish(
      identityV1.EmployeeUpdatedSchema,
      { employee: stale },
      {
        type: 'employee',
        id: ids.staff,
        event: 'updated',
      },
    );
    await eventually(async () => expect(seenTypes.length).toBe(before + 2));
    expect((await ask((tx) => directory.placementOn(tx, ids.staff, '2026-04-30')))?.unitId).toBe(ids.bidang);
    expect((await ask((tx) => directory.placementOn(tx, ids.staff, '2026-05-01')))?.unitId).toBe(ids.seksi);
  });

  it('gives the settings in force on a date, over the defaults (R30)', async () => {
    await events.settings([
      { effectiveFrom: '2000-01-01', overrides: {} },
      { effectiveFrom: '2026-07-01', overrides: { period: { cadence: 'MONTHLY' } } },
    ]);
    await eventually(async () =>
      expect((await ask((tx) => directory.settingsOn(tx, '2026-07-01'))).period.cadence).toBe('MONTHLY'),
    );
    const june = await ask((tx) => directory.settingsOn(tx, '2026-06-30'));
    expect(june.period).toEqual({ cadence: 'QUARTERLY', inputDeadlineDays: 5 });
    expect(june.timeZone).toBe('Asia/Makassar');
  });

  it('keeps every row behind row-level security', async () => {
    const other = randomUUID();
    const seen = await tenants.withTenant(other, (tx) => tx.manager.query('SELECT count(*)::int AS n FROM org_unit'));
    expect(seen).toEqual([{ n: 0 }]);
  });
});
