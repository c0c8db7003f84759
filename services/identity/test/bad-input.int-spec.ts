import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IdentityHarness, TenantApi } from './identity-harness.js';

// Every identity request refuses bad input with VALIDATION_FAILED and the field at fault, and writes nothing.

describe('bad input on every identity request', () => {
  let harness: IdentityHarness;
  let api: TenantApi;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    api = new TenantApi(harness, await harness.aTenant());
    ids.unit = await api.unit('BAD-1', null);
    ids.employee = await api.employee({ unitId: ids.unit });
    ids.acting = await api.acting(ids.unit, ids.employee, 'PLT', '2024-02-01', '2024-02-28');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const cases: [string, () => Record<string, unknown>, string, string][] = [
    ['rpc.identity.tenant.update', () => ({ id: api.tenant.id, name: ' ' }), 'name', 'REQUIRED'],
    ['rpc.identity.settings.get', () => ({ date: '2024-02-30' }), 'date', 'INVALID_DATE'],
    ['rpc.identity.settings.update', () => ({ effectiveFrom: '' }), 'effectiveFrom', 'REQUIRED'],
    ['rpc.identity.unit.get', () => ({ id: 'unit-1' }), 'id', 'INVALID_VALUE'],
    ['rpc.identity.unit.list', () => ({ kind: 'KANTOR' }), 'kind', 'INVALID_VALUE'],
    ['rpc.identity.unit.update', () => ({ id: ids.unit, parentId: '' }), 'effectiveFrom', 'REQUIRED'],
    ['rpc.identity.unit-tree.get', () => ({ date: '20240101' }), 'date', 'INVALID_DATE'],
    [
      'rpc.identity.unit-head.set',
      () => ({ unitId: ids.unit, employeeId: 'x', effectiveFrom: '2024-03-01' }),
      'employeeId',
      'INVALID_VALUE',
    ],
    [
      'rpc.identity.acting.create',
      () => ({ unitId: ids.unit, employeeId: ids.employee, kind: 'WAKIL', from: '2024-05-01' }),
      'kind',
      'INVALID_VALUE',
    ],
    [
      'rpc.identity.acting.update',
      () => ({ id: ids.acting, unitId: ids.unit, to: '2024-01-15' }),
      'to',
      'DATES_OUT_OF_ORDER',
    ],
    [
      'rpc.identity.acting.revoke',
      () => ({ id: ids.acting, unitId: ids.unit, reason: 'x'.repeat(501) }),
      'reason',
      'TOO_LONG',
    ],
    ['rpc.identity.acting.list', () => ({ unitId: '' }), 'unitId', 'REQUIRED'],
    ['rpc.identity.employee.create', () => ({ nip: '12', name: 'X', employmentType: 'PNS' }), 'nip', 'NIP_FORMAT'],
    ['rpc.identity.employee.get', () => ({ id: '' }), 'id', 'REQUIRED'],
    ['rpc.identity.tenant.get', () => ({ id: 'DEMO' }), 'id', 'INVALID_VALUE'],
    ['rpc.identity.employee.list', () => ({ includeDescendants: true }), 'includeDescendants', 'REQUIRES_UNIT'],
    ['rpc.identity.employee.update', () => ({ id: ids.employee, email: 'bukan' }), 'email', 'INVALID_VALUE'],
    [
      'rpc.identity.employee.move',
      () => ({
        id: ids.employee,
        unitId: ids.unit,
        jenisJabatan: 'PELAKSANA',
        jenjang: 'MAHIR',
        effectiveFrom: '2024-06-01',
      }),
      'jenjang',
      'INVALID_JENJANG',
    ],
    [
      'rpc.identity.employee-status.change',
      () => ({ id: ids.employee, status: 'AKTIF', effectiveFrom: '2024-13-01' }),
      'effectiveFrom',
      'INVALID_DATE',
    ],
    ['rpc.identity.rater.get', () => ({ employeeId: ids.employee, date: '2024-02-30' }), 'date', 'INVALID_DATE'],
    ['rpc.identity.subordinates.list', () => ({ employeeId: 'x' }), 'employeeId', 'INVALID_VALUE'],
    ['rpc.identity.report.employees-without-rater', () => ({ date: 'kemarin' }), 'date', 'INVALID_DATE'],
    ['rpc.identity.report.units-without-head', () => ({ date: '2024-00-10' }), 'date', 'INVALID_DATE'],
    [
      'rpc.identity.account.create',
      () => ({ employeeId: ids.employee, username: 'Rina Akun' }),
      'username',
      'INVALID_VALUE',
    ],
    ['rpc.identity.employee-roles.set', () => ({ employeeId: 'x', roles: [] }), 'employeeId', 'INVALID_VALUE'],
    [
      'rpc.identity.audit.list',
      () => ({ from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' }),
      'to',
      'DATES_OUT_OF_ORDER',
    ],
    ['rpc.identity.employee.list', () => ({ page: { limit: 500 } }), 'limit', 'OUT_OF_RANGE'],
  ];

  it.each(cases)('%s refuses it, naming the field', async (subject, payload, field, code) => {
    const before = await harness.call<{ records?: unknown[] }>('rpc.identity.audit.list', {}, api.tenant.admin);
    const error = await api.fail(subject, payload());
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    const after = await harness.call<{ records?: unknown[] }>('rpc.identity.audit.list', {}, api.tenant.admin);
    expect(after.records).toEqual(before.records);
  });

  it('refuses a payload that does not fit the contract, naming the field', async () => {
    const error = await api.fail('rpc.identity.employee.move', { id: ids.employee, effectiveFrom: 20240601 });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([expect.objectContaining({ field: 'effectiveFrom', code: 'INVALID_VALUE' })]);
  });
});
