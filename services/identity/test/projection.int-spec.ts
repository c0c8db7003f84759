import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { createServiceDataSource, TenantDatabase } from '@kinerja/platform/database';
import { createLogger } from '@kinerja/platform/logging';
import { EventConsumer, eventStreamName, startEventConsumer } from '@kinerja/platform/messaging';
import { adminQuery, createTestDatabase, eventually, uniqueName, type TestDatabase } from '@kinerja/testing';
import type { DataSource } from 'typeorm';
import { IdentityHarness, TenantApi } from './identity-harness.js';
import { IdentityProjection1763900000002, project } from './projection.fixture.js';

// Another service's view of identity, rebuilt from the event stream alone (a durable JetStream consumer started
// after all the changes, through the platform's EventConsumer with its inbox), equals identity's own tables for
// units, their parent and head history, acting heads, and employees with their placements and statuses.

const pairs: [string, string, string][] = [
  [
    'units',
    `SELECT tenant_id, id, version::text, code, name, kind, active FROM unit ORDER BY 1, 2`,
    `SELECT tenant_id, id, version::text, code, name, kind, active FROM p_unit ORDER BY 1, 2`,
  ],
  [
    'unit parents',
    `SELECT tenant_id, unit_id, valid_from, valid_to, parent_id FROM unit_parent_term ORDER BY 1, 2, 3`,
    `SELECT tenant_id, unit_id, valid_from, valid_to, parent_id FROM p_unit_parent ORDER BY 1, 2, 3`,
  ],
  [
    'unit heads',
    `SELECT tenant_id, unit_id, valid_from, valid_to, employee_id FROM unit_head_term ORDER BY 1, 2, 3`,
    `SELECT tenant_id, unit_id, valid_from, valid_to, employee_id FROM p_unit_head ORDER BY 1, 2, 3`,
  ],
  [
    'acting heads',
    `SELECT tenant_id, id, version::text, unit_id, employee_id, kind, valid_from, valid_to, revoked
     FROM acting_appointment ORDER BY 1, 2`,
    `SELECT tenant_id, id, version::text, unit_id, employee_id, kind, valid_from, valid_to, revoked
     FROM p_acting ORDER BY 1, 2`,
  ],
  [
    'employees',
    `SELECT tenant_id, id, version::text, nip, name, status FROM employee ORDER BY 1, 2`,
    `SELECT tenant_id, id, version::text, nip, name, status FROM p_employee ORDER BY 1, 2`,
  ],
  [
    'placements',
    `SELECT tenant_id, employee_id, valid_from, valid_to, unit_id, position_name, jenis_jabatan, jenjang
     FROM assignment ORDER BY 1, 2, 3`,
    `SELECT tenant_id, employee_id, valid_from, valid_to, unit_id, position_name, jenis_jabatan, jenjang
     FROM p_assignment ORDER BY 1, 2, 3`,
  ],
  [
    'statuses',
    `SELECT tenant_id, employee_id, valid_from, valid_to, status FROM employee_status_term ORDER BY 1, 2, 3`,
    `SELECT tenant_id, employee_id, valid_from, valid_to, status FROM p_status ORDER BY 1, 2, 3`,
  ],
];

describe('a projection rebuilt from identity events', () => {
  let harness: IdentityHarness;
  let projectionDb: TestDatabase;
  let dataSource: DataSource;
  let consumer: EventConsumer | undefined;

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    projectionDb = await createTestDatabase('idproj', [IdentityProjection1763900000002]);
    dataSource = createServiceDataSource({ url: projectionDb.appUrl, service: 'idproj', poolMax: 2 });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await consumer?.close();
    await dataSource?.destroy();
    await projectionDb?.drop();
    await harness?.close();
  });

  async function scriptedChanges(api: TenantApi): Promise<void> {
    const top = await api.unit('S-TOP', null, '2024-01-01', 'PERANGKAT_DAERAH');
    const dinas = await api.unit('S-DINAS', top);
    const bidang1 = await api.unit('S-B1', dinas);
    const bidang2 = await api.unit('S-B2', dinas);
    const seksi = await api.unit('S-SEKSI', bidang1, '2024-02-01', 'SEKSI');
    const [kadis, kabid1, kabid2, staff, cuti, plt] = [
      await api.employee({ name: 'Kadis', unitId: dinas }),
      await api.employee({ name: 'Kabid 1', unitId: bidang1, jenisJabatan: 'ADMINISTRATOR' }),
      await api.employee({ name: 'Kabid 2', unitId: bidang2 }),
      await api.employee({ name: 'Staf', unitId: seksi, effectiveFrom: '2024-02-01' }),
      await api.employee({ name: 'Cuti', unitId: bidang1, jenisJabatan: 'JF_KEAHLIAN', jenjang: 'AHLI_MUDA' }),
      await api.employee({ name: 'PLT', unitId: bidang2 }),
    ];
    const admin = api.tenant.admin;
    await api.head(dinas, kadis);
    await api.head(bidang1, kabid1);
    await api.head(bidang2, kabid2, '2024-01-01');
    await api.head(bidang2, null, '2024-05-01');
    const acting = await api.acting(bidang2, plt, 'PLT', '2024-05-01', '2024-07-31');
    await harness.call('rpc.identity.acting.update', { id: acting, unitId: bidang2, to: '2024-08-31' }, admin);
    const revoked = await api.acting(seksi, plt, 'PLH', '2024-03-01', '2024-03-03');
    await harness.call('rpc.identity.acting.revoke', { id: revoked, unitId: seksi }, admin);
    await harness.call(
      'rpc.identity.unit.update',
      { id: seksi, parentId: bidang2, effectiveFrom: '2024-06-01' },
      admin,
    );
    await harness.call('rpc.identity.unit.update', { id: bidang1, name: 'Bidang Satu' }, admin);
    await api.move(staff, bidang2, '2024-04-01', { positionName: 'Analis', jenisJabatan: 'PELAKSANA' });
    await api.move(kabid1, bidang2, '2024-09-01');
    await harness.call(
      'rpc.identity.employee-status.change',
      { id: cuti, status: 'CLTN', effectiveFrom: '2024-03-01' },
      admin,
    );
    await harness.call('rpc.identity.employee.update', { id: cuti, name: 'Cuti Panjang' }, admin);
    await api.head(bidang1, plt, '2024-09-01');
  }

  it('equals the identity database for units, heads, acting heads and employee placements', async () => {
    const first = new TenantApi(harness, await harness.aTenant());
    const second = new TenantApi(harness, await harness.aTenant({ timeZone: 'Asia/Jayapura' }));
    await scriptedChanges(first);
    await scriptedChanges(second);

    // Every event is on the stream before the consumer exists: it starts from the stream alone.
    await eventually(async () =>
      expect(await adminQuery(harness.db, 'SELECT 1 FROM outbox WHERE published_at IS NULL')).toEqual([]),
    );
    const jsm = await jetstreamManager(harness.nc);
    const stream = eventStreamName('identity');
    const durable = uniqueName('projection');
    consumer = startEventConsumer({
      connection: harness.nc,
      tenants: new TenantDatabase(dataSource, 'idproj'),
      stream,
      durable,
      filterSubject: 'evt.identity.>',
      handle: project,
      logger: createLogger('idproj', { level: 'silent' }),
    });
    await consumer.ready;
    const lastSeq = (await jsm.streams.info(stream)).state.last_seq;
    await eventually(async () => {
      const info = await jsm.consumers.info(stream, durable);
      expect(info.delivered.stream_seq).toBeGreaterThanOrEqual(lastSeq);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    }, 30_000);

    for (const [what, identitySql, projectionSql] of pairs) {
      const expected = await adminQuery(harness.db, identitySql);
      expect({ what, rows: await adminQuery(projectionDb, projectionSql) }).toEqual({ what, rows: expected });
      expect(expected.length).toBeGreaterThan(0);
    }
  });
});
