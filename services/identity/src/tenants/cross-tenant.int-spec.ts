import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { IdentityHarness, TenantApi } from '../../test/identity-harness.js';

// R41 through the API: a tenant admin of A who names B's ids in paths, bodies or filters finds nothing (404), and
// B's data, audit and outbox stay exactly as they were.

describe('cross-tenant attempts (R41)', () => {
  let harness: IdentityHarness;
  let a: TenantApi;
  let b: TenantApi;
  const ofB: Record<string, string> = {};
  const ofA: Record<string, string> = {};

  // Everything of one tenant, read as the cluster admin (past RLS), in one connection.
  const stateOf = async (tenantId: string) => {
    const client = new pg.Client({ connectionString: harness.db.adminUrl });
    await client.connect();
    try {
      const state: Record<string, unknown[]> = {};
      for (const table of [
        'employee',
        'unit',
        'unit_parent_term',
        'unit_head_term',
        'assignment',
        'employee_status_term',
        'acting_appointment',
        'audit_record',
        'outbox',
        'tenant_settings_version',
      ])
        state[table] = (
          await client.query(`SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY 1, 2, 3`, [tenantId])
        ).rows;
      state.tenant = (await client.query('SELECT * FROM tenant WHERE id = $1', [tenantId])).rows;
      return state;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    a = new TenantApi(harness, await harness.aTenant());
    b = new TenantApi(harness, await harness.aTenant());
    ofB.unit = await b.unit('B-UNIT', null);
    ofB.employee = await b.employee({ name: 'Pegawai B', unitId: ofB.unit });
    await b.head(ofB.unit, ofB.employee);
    ofB.acting = await b.acting(ofB.unit, ofB.employee, 'PLH', '2024-03-01', '2024-03-05');
    ofA.unit = await a.unit('A-UNIT', null);
    ofA.employee = await a.employee({ name: 'Pegawai A', unitId: ofA.unit });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const attempts: [string, string, () => Record<string, unknown>][] = [
    ['path', 'rpc.identity.employee.get', () => ({ id: ofB.employee })],
    ['path', 'rpc.identity.employee.update', () => ({ id: ofB.employee, name: 'Diubah' })],
    ['path', 'rpc.identity.employee.move', () => ({ id: ofB.employee, unitId: ofA.unit, effectiveFrom: '2024-06-01' })],
    [
      'path',
      'rpc.identity.employee-status.change',
      () => ({ id: ofB.employee, status: 'CLTN', effectiveFrom: '2024-06-01' }),
    ],
    ['path', 'rpc.identity.rater.get', () => ({ employeeId: ofB.employee, date: '2024-06-01' })],
    ['path', 'rpc.identity.subordinates.list', () => ({ employeeId: ofB.employee })],
    ['path', 'rpc.identity.employee-roles.set', () => ({ employeeId: ofB.employee, roles: ['performance-manager'] })],
    ['path', 'rpc.identity.account.create', () => ({ employeeId: ofB.employee, username: 'pegawai.b' })],
    ['path', 'rpc.identity.unit.get', () => ({ id: ofB.unit })],
    ['path', 'rpc.identity.unit.update', () => ({ id: ofB.unit, name: 'Diubah' })],
    ['path', 'rpc.identity.unit-head.set', () => ({ unitId: ofB.unit, employeeId: '', effectiveFrom: '2024-06-01' })],
    [
      'path',
      'rpc.identity.acting.create',
      () => ({ unitId: ofB.unit, employeeId: ofA.employee, kind: 'PLT', from: '2024-06-01' }),
    ],
    ['path', 'rpc.identity.acting.update', () => ({ id: ofB.acting, unitId: ofB.unit, to: '2024-03-31' })],
    ['path', 'rpc.identity.acting.revoke', () => ({ id: ofB.acting, unitId: ofB.unit })],
    ['path', 'rpc.identity.acting.list', () => ({ unitId: ofB.unit })],
    ['path', 'rpc.identity.tenant.get', () => ({ id: b.tenant.id })],
    ['path', 'rpc.identity.tenant.update', () => ({ id: b.tenant.id, name: 'Diambil alih' })],
    [
      'body',
      'rpc.identity.employee.create',
      () => ({ nip: '198203112008011003', name: 'X', employmentType: 'PNS', unitId: ofB.unit }),
    ],
    ['body', 'rpc.identity.employee.move', () => ({ id: ofA.employee, unitId: ofB.unit, effectiveFrom: '2024-06-01' })],
    ['body', 'rpc.identity.unit.create', () => ({ code: 'A-CHILD', name: 'Anak', kind: 'SEKSI', parentId: ofB.unit })],
    ['body', 'rpc.identity.unit.update', () => ({ id: ofA.unit, parentId: ofB.unit, effectiveFrom: '2024-06-01' })],
    [
      'body',
      'rpc.identity.unit-head.set',
      () => ({ unitId: ofA.unit, employeeId: ofB.employee, effectiveFrom: '2024-06-01' }),
    ],
    [
      'body',
      'rpc.identity.acting.create',
      () => ({ unitId: ofA.unit, employeeId: ofB.employee, kind: 'PLT', from: '2024-06-01' }),
    ],
    ['body', 'rpc.identity.acting.revoke', () => ({ id: ofB.acting, unitId: ofA.unit })],
    [
      'body',
      'rpc.identity.settings.update',
      () => ({ effectiveFrom: '2999-01-01', rollout: [{ module: 'TPP', scope: 'UNITS', unitIds: [ofB.unit] }] }),
    ],
    ['filter', 'rpc.identity.employee.list', () => ({ unitId: ofB.unit })],
    ['filter', 'rpc.identity.unit.list', () => ({ parentId: ofB.unit })],
    ['filter', 'rpc.identity.unit-tree.get', () => ({ rootId: ofB.unit })],
  ];

  it.each(attempts)('answers NOT_FOUND to another tenant id in a %s: %s', async (_where, subject, payload) => {
    const before = await stateOf(b.tenant.id);
    const error = await harness.failure(subject, payload(), a.tenant.admin);
    expect(error.code).toBe('NOT_FOUND');
    expect(await stateOf(b.tenant.id)).toEqual(before);
  });

  it('finds nothing of another tenant in the audit or in searches', async () => {
    const audit = await harness.call<{ records?: unknown[] }>(
      'rpc.identity.audit.list',
      { entityId: ofB.employee },
      a.tenant.admin,
    );
    expect(audit.records ?? []).toEqual([]);
    const search = await harness.call<{ employees?: unknown[] }>(
      'rpc.identity.employee.list',
      { q: 'pegawai b' },
      a.tenant.admin,
    );
    expect(search.employees ?? []).toEqual([]);
  });

  it('never lets a tenant admin grant platform-admin, national-monitor or integration, and changes nothing', async () => {
    const before = await stateOf(a.tenant.id);
    for (const role of ['platform-admin', 'national-monitor', 'integration']) {
      const error = await harness.failure(
        'rpc.identity.employee-roles.set',
        { employeeId: ofA.employee, roles: ['employee', role] },
        a.tenant.admin,
      );
      expect(error.code).toBe('ROLE_NOT_GRANTABLE');
      expect(error.fields).toEqual([expect.objectContaining({ field: 'roles.1', code: 'ROLE_NOT_GRANTABLE' })]);
    }
    expect(await stateOf(a.tenant.id)).toEqual(before);
  });

  it('refuses roles to an employee without a login', async () => {
    const error = await harness.failure(
      'rpc.identity.employee-roles.set',
      { employeeId: ofA.employee, roles: ['performance-manager'] },
      a.tenant.admin,
    );
    expect(error.code).toBe('ACCOUNT_MISSING');
  });
});
