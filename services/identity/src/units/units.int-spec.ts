import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminQuery } from '@kinerja/testing';
import { IdentityHarness, TenantApi } from '../../test/identity-harness.js';

type UnitMessage = {
  id: string;
  parentId?: string;
  headEmployeeId?: string;
  version: string;
  parents: { parentId?: string; from: string; to?: string }[];
  heads?: { employeeId: string; from: string; to?: string }[];
  active?: boolean;
};
type TreeNode = {
  id: string;
  name: string;
  headName?: string;
  actingName?: string;
  employeeCount?: number;
  children?: TreeNode[];
};

describe('org units (unor tree)', () => {
  let harness: IdentityHarness;
  let api: TenantApi;
  const call = <T>(subject: string, payload: unknown) => api.call<T>(subject, payload);
  const fail = (subject: string, payload: unknown) => api.fail(subject, payload);

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    api = new TenantApi(harness, await harness.aTenant());
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates a tree and reads it as of a date with heads, acting heads and staff counts', async () => {
    const top = await api.unit('U-TOP', null, '2024-01-01', 'PERANGKAT_DAERAH');
    const dinkes = await api.unit('U-DINKES', top, '2024-01-01', 'PERANGKAT_DAERAH');
    const puskesmas = await api.unit('U-PKM', dinkes, '2024-03-01', 'PUSKESMAS');
    const head = await api.employee({ name: 'Dr. Ratna', unitId: dinkes });
    await api.employee({ name: 'Perawat', unitId: puskesmas, effectiveFrom: '2024-03-01' });
    await api.head(dinkes, head);
    await api.acting(puskesmas, head, 'PLT', '2024-03-01');

    const tree = await call<{ roots: TreeNode[] }>('rpc.identity.unit-tree.get', { date: '2024-04-01', rootId: top });
    const [root] = tree.roots;
    expect(root?.children?.[0]).toMatchObject({ name: 'Unit U-DINKES', headName: 'Dr. Ratna', employeeCount: 1 });
    expect(root?.children?.[0]?.children?.[0]).toMatchObject({
      name: 'Unit U-PKM',
      actingName: 'Dr. Ratna',
      employeeCount: 1,
    });
    // Before the puskesmas existed, the tree had no such node.
    const earlier = await call<{ roots: TreeNode[] }>('rpc.identity.unit-tree.get', {
      date: '2024-02-01',
      rootId: top,
    });
    expect(earlier.roots[0]?.children?.[0]?.children ?? []).toEqual([]);
  });

  it('moves a unit to another parent from a date and keeps the history', async () => {
    const a = await api.unit('M-A', null);
    const b = await api.unit('M-B', null);
    const child = await api.unit('M-C', a);
    const { unit } = await call<{ unit: UnitMessage }>('rpc.identity.unit.update', {
      id: child,
      parentId: b,
      effectiveFrom: '2024-07-01',
      reason: 'Restrukturisasi',
    });
    expect(unit.parentId).toBe(b);
    expect(unit.parents).toEqual([
      { parentId: a, from: '2024-01-01', to: '2024-06-30' },
      { parentId: b, from: '2024-07-01' },
    ]);
    expect(unit.version).toBe('2');
  });

  it('refuses to make a unit its own ancestor, directly or through a descendant (UNIT_CYCLE)', async () => {
    const a = await api.unit('C-A', null);
    const b = await api.unit('C-B', a);
    const c = await api.unit('C-C', b);
    const self = await fail('rpc.identity.unit.update', { id: a, parentId: a, effectiveFrom: '2024-02-01' });
    expect(self.code).toBe('UNIT_CYCLE');
    const deep = await fail('rpc.identity.unit.update', { id: a, parentId: c, effectiveFrom: '2024-02-01' });
    expect(deep.code).toBe('UNIT_CYCLE');
    expect(deep.fields).toEqual([expect.objectContaining({ field: 'parentId', code: 'UNIT_CYCLE' })]);
    // A cycle only later: y goes under x from June; x under y from March is fine in March but loops in June.
    const x = await api.unit('C-X', null);
    const y = await api.unit('C-Y', null);
    await call('rpc.identity.unit.update', { id: y, parentId: x, effectiveFrom: '2024-06-01' });
    expect((await fail('rpc.identity.unit.update', { id: x, parentId: y, effectiveFrom: '2024-03-01' })).code).toBe(
      'UNIT_CYCLE',
    );
    const rows = await adminQuery(harness.db, 'SELECT unit_id FROM unit_parent_term WHERE unit_id = ANY($1)', [[a, x]]);
    expect(rows).toHaveLength(2);
  });

  it('keeps head history with vacancies, and refuses a change before the latest one', async () => {
    const unit = await api.unit('H-1', null);
    const [budi, siti] = [await api.employee({ name: 'Budi' }), await api.employee({ name: 'Siti' })];
    await api.head(unit, budi, '2024-01-01');
    await api.head(unit, null, '2024-04-01');
    const { unit: headed } = await call<{ unit: UnitMessage }>('rpc.identity.unit-head.set', {
      unitId: unit,
      employeeId: siti,
      effectiveFrom: '2024-06-01',
    });
    expect(headed.heads).toEqual([
      { employeeId: budi, from: '2024-01-01', to: '2024-03-31' },
      { employeeId: siti, from: '2024-06-01' },
    ]);
    expect(headed.headEmployeeId).toBe(siti);
    const before = await fail('rpc.identity.unit-head.set', {
      unitId: unit,
      employeeId: budi,
      effectiveFrom: '2024-05-01',
    });
    expect(before.code).toBe('HISTORY_CONFLICT');
    expect(before.fields[0]).toMatchObject({ field: 'effectiveFrom', code: 'HISTORY_CONFLICT' });
    const stale = await fail('rpc.identity.unit-head.set', {
      unitId: unit,
      employeeId: budi,
      effectiveFrom: '2024-09-01',
      expectedVersion: '1',
    });
    expect(stale.code).toBe('PRECONDITION_FAILED');
  });

  it('refuses overlapping acting appointments in one unit, and allows them after a revocation', async () => {
    const unit = await api.unit('A-1', null);
    const [one, two] = [await api.employee(), await api.employee()];
    const first = await api.acting(unit, one, 'PLT', '2024-02-01', '2024-04-30');
    const overlap = await fail('rpc.identity.acting.create', {
      unitId: unit,
      employeeId: two,
      kind: 'PLH',
      from: '2024-04-30',
      to: '2024-05-05',
    });
    expect(overlap.code).toBe('ACTING_OVERLAP');
    expect(overlap.fields[0]?.message).toContain(first);
    // Open-ended overlaps everything after it.
    expect(
      (await fail('rpc.identity.acting.create', { unitId: unit, employeeId: two, kind: 'PLT', from: '2024-01-01' }))
        .code,
    ).toBe('ACTING_OVERLAP');
    await api.acting(unit, two, 'PLH', '2024-05-01', '2024-05-05');
    // Changing dates is checked the same way.
    const widened = await fail('rpc.identity.acting.update', { id: first, unitId: unit, to: '2024-05-02' });
    expect(widened.code).toBe('ACTING_OVERLAP');
    const revoked = await call<{ appointment: { revoked: boolean; version: string } }>('rpc.identity.acting.revoke', {
      id: first,
      unitId: unit,
      reason: 'SK dibatalkan',
    });
    expect(revoked.appointment).toMatchObject({ revoked: true, version: '2' });
    await api.acting(unit, two, 'PLT', '2024-02-01', '2024-04-30');
    const { appointments } = await call<{ appointments: { id: string; revoked?: boolean }[] }>(
      'rpc.identity.acting.list',
      { unitId: unit },
    );
    expect(appointments).toHaveLength(3);
  });

  it('answers bad input with every field error', async () => {
    const bad = await fail('rpc.identity.unit.create', { code: 'bad code!', name: '', kind: 'KANTOR', parentId: 'x' });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.fields.map((f) => `${f.field}:${f.code}`).sort()).toEqual([
      'code:INVALID_VALUE',
      'kind:INVALID_VALUE',
      'name:REQUIRED',
      'parentId:INVALID_VALUE',
    ]);
    const unit = await api.unit('B-1', null);
    const employee = await api.employee();
    const order = await fail('rpc.identity.acting.create', {
      unitId: unit,
      employeeId: employee,
      kind: 'PLT',
      from: '2024-05-01',
      to: '2024-04-01',
    });
    expect(order.fields).toEqual([expect.objectContaining({ field: 'to', code: 'DATES_OUT_OF_ORDER' })]);
    const date = await fail('rpc.identity.unit-head.set', {
      unitId: unit,
      employeeId: employee,
      effectiveFrom: '2024-02-30',
    });
    expect(date.fields).toEqual([expect.objectContaining({ field: 'effectiveFrom', code: 'INVALID_DATE' })]);
    const unknownField = await fail('rpc.identity.unit.create', {
      code: 'X-1',
      name: 'X',
      kind: 'BIDANG',
      colour: 'red',
    });
    expect(unknownField.fields).toEqual([expect.objectContaining({ field: 'colour', code: 'UNKNOWN_FIELD' })]);
    const taken = await fail('rpc.identity.unit.create', { code: 'B-1', name: 'Lagi', kind: 'BIDANG' });
    expect(taken.code).toBe('UNIT_CODE_TAKEN');
    const unknownParent = await fail('rpc.identity.unit.create', {
      code: 'B-2',
      name: 'Anak',
      kind: 'SEKSI',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownParent.code).toBe('NOT_FOUND');
    expect(unknownParent.fields).toEqual([expect.objectContaining({ field: 'parentId' })]);
  });

  it('refuses to dissolve a unit that still has staff, and lists units without a head', async () => {
    const unit = await api.unit('D-1', null);
    const staff = await api.employee({ unitId: unit });
    const refused = await fail('rpc.identity.unit.update', { id: unit, active: false });
    expect(refused.code).toBe('UNIT_NOT_EMPTY');
    const report = await call<{ units: { unit: { id: string } }[] }>('rpc.identity.report.units-without-head', {
      date: '2024-02-01',
    });
    expect(report.units.map((r) => r.unit.id)).toContain(unit);
    await api.head(unit, staff);
    const after = await call<{ units: { unit: { id: string } }[] }>('rpc.identity.report.units-without-head', {
      date: '2024-02-01',
    });
    expect(after.units.map((r) => r.unit.id)).not.toContain(unit);
  });

  it('lists units with a name filter and cursor pagination', async () => {
    for (const code of ['P-1', 'P-2', 'P-3']) await api.unit(code, null);
    const first = await call<{ units: { id: string }[]; page: { nextCursor?: string } }>('rpc.identity.unit.list', {
      q: 'unit p-',
      page: { limit: 2 },
    });
    expect(first.units).toHaveLength(2);
    const second = await call<{ units: { id: string }[]; page?: { nextCursor?: string } }>('rpc.identity.unit.list', {
      q: 'unit p-',
      page: { limit: 2, cursor: first.page.nextCursor },
    });
    expect(second.units).toHaveLength(1);
    expect(second.page?.nextCursor ?? '').toBe('');
  });
});
