import { describe, expect, it } from '@jest/globals';
import { planImport, type Known, type KnownEmployee, type KnownUnit } from './import-plan.js';
import type { EmployeeRow, UnitRow } from './import-rows.js';

const TODAY = '2025-03-01';
let ids = 0;
const newId = () => `new-${(ids += 1)}`;

const aUnit = (code: string, parentCode: string | null, extra: Partial<UnitRow> = {}): UnitRow => ({
  row: 2,
  code,
  name: `Unit ${code}`,
  kind: 'BIDANG',
  parentCode,
  headPositionName: undefined,
  headNip: null,
  from: '2025-01-01',
  ...extra,
});
const anEmployee = (nip: string, unitCode: string | null, extra: Partial<EmployeeRow> = {}): EmployeeRow => ({
  row: 2,
  nip,
  birthDate: '1990-01-15',
  gender: 'P',
  name: 'Siti',
  employmentType: 'PNS',
  status: null,
  statusFrom: null,
  golongan: undefined,
  email: undefined,
  placement: unitCode
    ? { unitCode, positionName: 'Analis', jenisJabatan: 'PELAKSANA', jenjang: null, from: '2025-02-01' }
    : null,
  ...extra,
});
const knownUnit = (code: string, extra: Partial<KnownUnit> = {}): KnownUnit => ({
  id: `id-${code}`,
  code,
  name: `Unit ${code}`,
  kind: 'BIDANG',
  headPositionName: null,
  active: true,
  parents: [{ from: '2024-01-01', to: null, value: { parentId: null } }],
  heads: [],
  ...extra,
});
const knownEmployee = (nip: string, extra: Partial<KnownEmployee> = {}): KnownEmployee => ({
  id: `id-${nip}`,
  nip,
  employmentType: 'PNS',
  name: 'Siti',
  email: null,
  golongan: null,
  placement: {
    from: '2025-02-01',
    to: null,
    value: { unitId: 'id-TOP', positionName: 'Analis', jenisJabatan: 'PELAKSANA', jenjang: null, decreeNumber: null },
  },
  status: { from: '2024-01-01', to: null, value: { status: 'AKTIF' } },
  ...extra,
});
const known = (units: KnownUnit[] = [], employees: KnownEmployee[] = []): Known => ({
  units: new Map(units.map((u) => [u.code, u])),
  employees: new Map(employees.map((e) => [e.nip, e])),
});
const codes = (plan: ReturnType<typeof planImport>) => plan.errors.map((e) => [e.sheet, e.row, e.column, e.code]);

describe(planImport.name, () => {
  it('creates units parents first by id, places new employees in them and makes the named employee head (R5)', () => {
    const plan = planImport(
      {
        units: [aUnit('TOP', null, { headNip: 'N1' }), aUnit('SUB', 'TOP', { row: 3 })],
        employees: [anEmployee('N1', 'SUB')],
      },
      known(),
      TODAY,
      newId,
    );
    expect(plan.errors).toEqual([]);
    const [top, sub] = plan.units;
    const [employee] = plan.employees;
    expect(sub).toMatchObject({ action: 'create', parentId: top?.id });
    expect(employee).toMatchObject({ action: 'create', unitId: sub?.id, placementFrom: '2025-02-01' });
    expect(top).toMatchObject({ action: 'create', headId: employee?.id });
  });

  it.each([
    ['an unknown parent', [aUnit('A', 'NOPE')], [], 'DIATASAN_ID', 'UNKNOWN_UNIT'],
    ['a dissolved parent', [aUnit('A', 'OLD')], [knownUnit('OLD', { active: false })], 'DIATASAN_ID', 'UNIT_INACTIVE'],
    [
      'a parent that starts later',
      [aUnit('A', 'TOP', { from: '2023-06-01' })],
      [knownUnit('TOP')],
      'TMT_BERLAKU',
      'UNIT_NOT_IN_FORCE',
    ],
    ['an unknown head', [aUnit('A', null, { headNip: 'N9' })], [], 'NIP_PIMPINAN', 'UNKNOWN_EMPLOYEE'],
    ['a dissolved unit', [aUnit('OLD', null)], [knownUnit('OLD', { active: false })], 'UNOR_ID', 'UNIT_INACTIVE'],
    [
      'a move before the latest one',
      [aUnit('A', 'TOP', { from: '2023-01-01' })],
      [knownUnit('TOP', { parents: [{ from: '2022-01-01', to: null, value: { parentId: null } }] }), knownUnit('A')],
      'TMT_BERLAKU',
      'HISTORY_CONFLICT',
    ],
  ])('refuses a unit row with %s', (_name, units, knownUnits, column, code) => {
    expect(codes(planImport({ units, employees: [] }, known(knownUnits), TODAY, newId))).toEqual([
      ['UNOR', 2, column, code],
    ]);
  });

  it('refuses units that would be their own ancestors, and the rows below them', () => {
    const plan = planImport(
      {
        units: [aUnit('A', 'B'), aUnit('B', 'A', { row: 3 }), aUnit('C', 'B', { row: 4 })],
        employees: [anEmployee('N1', 'C')],
      },
      known(),
      TODAY,
      newId,
    );
    expect(codes(plan)).toEqual([
      ['UNOR', 2, 'DIATASAN_ID', 'UNIT_CYCLE'],
      ['UNOR', 3, 'DIATASAN_ID', 'UNIT_CYCLE'],
      ['UNOR', 4, 'DIATASAN_ID', 'PARENT_ROW_INVALID'],
      ['PEGAWAI', 2, 'UNOR_ID', 'UNIT_ROW_INVALID'],
    ]);
    expect(plan.units).toEqual([]);
  });

  it('sees a cycle through units of the tenant that the file does not name', () => {
    const tenant = known([
      knownUnit('TOP'),
      knownUnit('MID', { parents: [{ from: '2024-01-01', to: null, value: { parentId: 'id-TOP' } }] }),
    ]);
    expect(codes(planImport({ units: [aUnit('TOP', 'MID')], employees: [] }, tenant, TODAY, newId))).toEqual([
      ['UNOR', 2, 'DIATASAN_ID', 'UNIT_CYCLE'],
    ]);
  });

  it('leaves a row equal to what is recorded unchanged, and plans only what differs (idempotent upsert)', () => {
    const tenant = known([knownUnit('TOP')], [knownEmployee('N1'), knownEmployee('N2'), knownEmployee('N3')]);
    const plan = planImport(
      {
        units: [aUnit('TOP', null, { name: 'Unit TOP', from: '2025-01-01' })],
        employees: [
          anEmployee('N1', 'TOP'),
          anEmployee('N2', 'TOP', { row: 3, name: 'Siti R', email: 'siti@example.go.id' }),
          anEmployee('N3', 'TOP', { row: 4, status: 'CLTN', statusFrom: '2025-02-10' }),
        ],
      },
      tenant,
      TODAY,
      newId,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.units.map((p) => p.action)).toEqual(['unchanged']);
    expect(plan.employees.map((p) => p.action)).toEqual(['unchanged', 'update', 'update']);
    expect(plan.employees[1]).toMatchObject({
      changes: { name: 'Siti R', email: 'siti@example.go.id' },
      placement: null,
      status: null,
    });
    expect(plan.employees[2]).toMatchObject({ changes: {}, status: { status: 'CLTN', from: '2025-02-10' } });
  });

  it.each([
    [
      'a second row with the same NIP',
      [anEmployee('N1', 'TOP'), anEmployee('N1', 'TOP', { row: 3 })],
      3,
      'NIP_BARU',
      'DUPLICATE_IN_FILE',
    ],
    ['an unknown unit', [anEmployee('N1', 'NOPE', { row: 3 })], 3, 'UNOR_ID', 'UNKNOWN_UNIT'],
    [
      'another employment type',
      [anEmployee('K1', 'TOP', { row: 3, employmentType: 'PPPK' })],
      3,
      'JENIS_PEGAWAI',
      'EMPLOYMENT_TYPE_CHANGED',
    ],
    [
      'a move before the latest placement',
      [
        anEmployee('K1', 'SUB', {
          row: 3,
          placement: { unitCode: 'SUB', positionName: null, jenisJabatan: null, jenjang: null, from: '2025-01-15' },
        }),
      ],
      3,
      'TMT_JABATAN',
      'HISTORY_CONFLICT',
    ],
    [
      'a status before the latest one',
      [anEmployee('K1', null, { row: 3, status: 'MPP', statusFrom: '2023-12-31' })],
      3,
      'TMT_KEDUDUKAN',
      'HISTORY_CONFLICT',
    ],
    [
      'a placement before the unit exists',
      [
        anEmployee('N1', 'TOP', {
          row: 3,
          placement: { unitCode: 'TOP', positionName: null, jenisJabatan: null, jenjang: null, from: '2023-01-01' },
        }),
      ],
      3,
      'TMT_JABATAN',
      'UNIT_NOT_IN_FORCE',
    ],
  ])('refuses an employee row with %s', (_name, employees, row, column, code) => {
    const tenant = known([knownUnit('TOP'), knownUnit('SUB')], [knownEmployee('K1')]);
    expect(codes(planImport({ units: [], employees }, tenant, TODAY, newId))).toEqual([['PEGAWAI', row, column, code]]);
  });
});
