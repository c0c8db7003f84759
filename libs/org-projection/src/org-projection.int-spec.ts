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
import { raterContextSql, resolveFromContext, type RaterContext } from './rater-context.js';
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

  // R5 set-based (ratedOn) against resolveRater per candidate (subordinatesOn), on an organisation with vacant units
  // two levels deep, acting heads of another's unit and of their own, a definitive head under a PLT, two acting heads
  // at once (ambiguous), a PLH, a vacant top unit and a head change, on dates before, during and after each.
  describe('the employees a rater rates, set-based', () => {
    const tenant2 = randomUUID();
    const p: Record<string, string> = {};
    const u: Record<string, string> = {};
    const ask2 = <T>(work: (tx: Parameters<Parameters<TenantDatabase['withTenant']>[1]>[0]) => Promise<T>) =>
      tenants.withTenant(tenant2, work);
    const dates = ['2026-01-10', '2026-02-10', '2026-02-16', '2026-03-15', '2026-04-10', '2026-07-01'];

    beforeAll(async () => {
      const ev = new IdentityEvents(nc, tenant2, source);
      await ev.tenant({ timeZone: 'Asia/Jakarta', regionalHeadSubject: 'sub-bupati-2' });
      for (const name of ['kadis', 'kabid1', 'kasi2', 'kasi3', 'kabid3', 'kabid3b', 'plt', 'plh', 'pltOwn'])
        p[name] = randomUUID();
      u.top = (await ev.unit({ headEmployeeId: p.kadis })).id;
      u.top2 = (await ev.unit({})).id; // a vacant top unit: its staff go to the regional head
      u.b1 = (await ev.unit({ parentId: u.top, headEmployeeId: p.kabid1 })).id;
      u.s1 = (await ev.unit({ parentId: u.b1 })).id; // vacant
      u.s1a = (await ev.unit({ parentId: u.s1 })).id; // vacant below a vacant unit
      u.s2 = (await ev.unit({ parentId: u.b1, headEmployeeId: p.kasi2 })).id;
      u.b2 = (await ev.unit({ parentId: u.top })).id; // a vacant bidang: the kadis rates its staff
      u.s3 = (await ev.unit({ parentId: u.b2, headEmployeeId: p.kasi3 })).id;
      u.b3 = (await ev.unit({ parentId: u.top, headEmployeeId: p.kabid3 })).id;
      u.s4 = (await ev.unit({ parentId: u.b3 })).id;
      await ev.employee({ id: p.kadis, unitId: u.top, jenisJabatan: 'JPT_PRATAMA' });
      await ev.employee({ id: p.kabid1, unitId: u.b1 });
      await ev.employee({ id: p.kasi2, unitId: u.s2 });
      await ev.employee({ id: p.kasi3, unitId: u.s3 });
      await ev.employee({ id: p.kabid3, unitId: u.b3 });
      await ev.employee({ id: p.kabid3b, unitId: u.b3 });
      await ev.employee({ id: p.plt, unitId: u.top });
      await ev.employee({ id: p.plh, unitId: u.b1 });
      await ev.employee({ id: p.pltOwn, unitId: u.s4 });
      const staff: [string, string][] = [
        ['b1Staff', u.b1],
        ['s1Staff', u.s1],
        ['s1aStaff', u.s1a],
        ['s2Staff', u.s2],
        ['b2Staff', u.b2],
        ['s3Staff', u.s3],
        ['b3Staff', u.b3],
        ['s4Staff', u.s4],
        ['topStaff', u.top],
        ['top2Staff', u.top2],
      ];
      for (const [name, unitId] of staff) p[name] = (await ev.employee({ unitId })).id;
      // The PLT of bidang 3 in February and March; a PLH as well from 15 to 20 February (two at once: ambiguous).
      await ev.acting({ unitId: u.b3, employeeId: p.plt, from: '2026-02-01', to: '2026-03-31' });
      await ev.acting({ unitId: u.b3, employeeId: p.plh, from: '2026-02-15', to: '2026-02-20', kind: 'PLH' });
      // A member of seksi 4 acting as its head: the question passes up to the bidang's effective head.
      await ev.acting({ unitId: u.s4, employeeId: p.pltOwn, from: '2026-01-01' });
      // From June another employee heads bidang 3.
      await ev.unitHead(u.b3, p.kabid3b, '2026-06-01');
      await eventually(async () => {
        const [counts] = await adminQuery(
          db,
          `SELECT (SELECT count(*) FROM org_employee WHERE tenant_id = $1)::int AS employees,
             (SELECT count(*) FROM org_acting WHERE tenant_id = $1)::int AS acting,
             (SELECT count(*) FROM org_unit_head WHERE tenant_id = $1 AND employee_id = $2)::int AS changed`,
          [tenant2, p.kabid3b],
        );
        expect(counts).toEqual({ employees: 19, acting: 3, changed: 1 });
      });
    });

    it('rates the same people as resolveRater does for each candidate, for every rater and date', async () => {
      for (const date of dates)
        await ask2(async (tx) => {
          for (const rater of [...Object.values(p), 'REGIONAL_HEAD']) {
            const expected = (await directory.subordinatesOn(tx, rater, date))
              .map((s) => s.placement.employeeId)
              .sort();
            const regional = rater === 'REGIONAL_HEAD';
            const found = await directory.ratedOn(tx, regional ? null : rater, regional, date);
            expect({ date, rater, found }).toEqual({ date, rater, found: expected });
          }
        });
    });

    it('resolves the rater from a rater_context row as raterOn does, for every employee and date', async () => {
      for (const date of dates)
        await ask2(async (tx) => {
          for (const employeeId of Object.values(p)) {
            const expected = await directory.raterOn(tx, employeeId, date, { regionalHeadSubject: 'sub-bupati-2' });
            const [row] = (await tx.manager.query(
              `WITH RECURSIVE ${raterContextSql({ tenant: '$1', employee: '$2::uuid', date: '$3::date' })}
               SELECT placement, units FROM rater_context`,
              [tenant2, employeeId, date],
            )) as RaterContext[];
            const found = resolveFromContext(row as RaterContext, employeeId, date, 'sub-bupati-2');
            expect({ date, employeeId, found }).toEqual({ date, employeeId, found: expected });
          }
        });
    });

    it('follows R5 on the cases that matter', async () => {
      const rated = (rater: string | null, date: string, regional = false) =>
        ask2((tx) => directory.ratedOn(tx, rater, regional, date));
      const sorted = (...names: string[]) => names.map((n) => p[n]).sort();
      // Through vacant units two levels deep; the head of a seksi with a head, not its staff.
      expect(await rated(p.kabid1, '2026-02-10')).toEqual(sorted('b1Staff', 's1Staff', 's1aStaff', 'kasi2', 'plh'));
      // A vacant bidang: the kadis rates its staff and the head of the seksi below it; the heads of the bidang.
      expect(await rated(p.kadis, '2026-01-10')).toEqual(
        sorted('kabid1', 'b2Staff', 'kasi3', 'kabid3', 'plt', 'topStaff'),
      );
      // During the PLT: the PLT rates the bidang's staff, never the definitive head it stands in for (the kadis
      // does); the seksi's own acting head passes up to the PLT and rates the seksi's staff.
      expect(await rated(p.plt, '2026-02-10')).toEqual(sorted('b3Staff', 'kabid3b', 'pltOwn'));
      expect(await rated(p.pltOwn, '2026-02-10')).toEqual(sorted('s4Staff'));
      expect(await rated(p.kabid3, '2026-02-10')).toEqual([]);
      expect(await rated(p.kadis, '2026-02-10')).toContain(p.kabid3);
      // Two acting heads at once: nobody rates the bidang's staff (AMBIGUOUS_ACTING_APPOINTMENT).
      expect(await rated(p.plt, '2026-02-16')).toEqual([]);
      expect(await rated(p.plh, '2026-02-16')).toEqual([]);
      // Still the PLT in March; after it, the definitive head again; from June the new head, who rates the former one.
      expect(await rated(p.kabid3, '2026-03-15')).toEqual([]);
      expect(await rated(p.kabid3, '2026-04-10')).toEqual(sorted('b3Staff', 'kabid3b', 'pltOwn'));
      expect(await rated(p.kabid3b, '2026-07-01')).toEqual(sorted('b3Staff', 'kabid3', 'pltOwn'));
      // The regional head: the head of the top unit and the staff of a vacant top unit; both roles at once.
      expect(await rated(null, '2026-02-10', true)).toEqual(sorted('kadis', 'top2Staff'));
      expect(await rated(p.kabid1, '2026-02-10', true)).toEqual(
        sorted('b1Staff', 's1Staff', 's1aStaff', 'kasi2', 'plh', 'kadis', 'top2Staff'),
      );
      expect(await rated(p.b1Staff, '2026-02-10')).toEqual([]);
    });
  });
});
