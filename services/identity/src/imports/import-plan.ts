import { samePlacement } from '../employees/employee-checks.js';
import type { PlacementValue, StatusValue } from '../employees/employee.repository.js';
import { termOn, type Term } from '../terms.js';
import type { HeadValue, ParentValue } from '../units/unit.repository.js';
import type { EmployeeRow, RowError, UnitRow } from './import-rows.js';

// What an import would do, decided against what the tenant holds, before anything is written: each valid row is a
// creation, a change or unchanged (idempotent upsert by unit code and NIP); each row that cannot be applied gets its
// errors. The write phase applies exactly this plan.

export type KnownUnit = {
  id: string;
  code: string;
  name: string;
  kind: string;
  headPositionName: string | null;
  active: boolean;
  parents: Term<ParentValue>[];
  heads: Term<HeadValue>[];
};

export type KnownEmployee = {
  id: string;
  nip: string;
  employmentType: 'PNS' | 'PPPK';
  name: string;
  email: string | null;
  golongan: string | null;
  /** The latest placement and status terms (what a change from a date is checked against). */
  placement: Term<PlacementValue> | null;
  status: Term<StatusValue> | null;
};

export type Known = { units: ReadonlyMap<string, KnownUnit>; employees: ReadonlyMap<string, KnownEmployee> };

export type UnitPlan =
  | { action: 'create'; row: UnitRow; id: string; parentId: string | null; from: string; headId: string | null }
  | {
      action: 'update';
      row: UnitRow;
      id: string;
      changes: { name?: string; kind?: string; headPositionName?: string | null };
      move: { parentId: string | null; from: string } | null;
      head: { employeeId: string; from: string } | null;
    }
  | { action: 'unchanged'; row: UnitRow; id: string };

export type EmployeePlan =
  | { action: 'create'; row: EmployeeRow; id: string; unitId: string | null; placementFrom: string; statusFrom: string }
  | {
      action: 'update';
      row: EmployeeRow;
      id: string;
      changes: { name?: string; email?: string | null; golongan?: string | null };
      placement: { value: PlacementValue; from: string } | null;
      status: { status: string; from: string } | null;
    }
  | { action: 'unchanged'; row: EmployeeRow; id: string };

export type Plan = { units: UnitPlan[]; employees: EmployeePlan[]; errors: RowError[] };

const open = <V>(terms: readonly Term<V>[]): Term<V> | null => {
  const last = terms.at(-1);
  return last && last.to === null ? last : null;
};

export function planImport(
  input: { units: UnitRow[]; employees: EmployeeRow[] },
  known: Known,
  today: string,
  newId: () => string,
): Plan {
  const errors: RowError[] = [];
  const fail = (sheet: 'UNOR' | 'PEGAWAI', row: number, column: string, code: string, message: string) =>
    errors.push({ sheet, row, column, code, message });

  // Duplicates in the file: the first row counts, the others are errors.
  const unitRows = firstOf(
    input.units,
    (r) => r.code,
    (r, first) => fail('UNOR', r.row, 'UNOR_ID', 'DUPLICATE_IN_FILE', `Kode unit sama dengan baris ${first.row}.`),
  );
  const employeeRows = firstOf(
    input.employees,
    (r) => r.nip,
    (r, first) => fail('PEGAWAI', r.row, 'NIP_BARU', 'DUPLICATE_IN_FILE', `NIP sama dengan baris ${first.row}.`),
  );

  // Every unit of the file gets its id (new or known) before parents and placements are resolved.
  const fileUnits = new Map<string, { id: string; from: string; row: UnitRow }>();
  for (const row of unitRows.values()) {
    const knownUnit = known.units.get(row.code);
    fileUnits.set(row.code, { id: knownUnit?.id ?? newId(), from: row.from ?? today, row });
  }
  const employeeIds = new Map<string, string>();
  for (const row of employeeRows.values()) employeeIds.set(row.nip, known.employees.get(row.nip)?.id ?? newId());

  // Parents: a code of the file or of the tenant, existing on the date the unit takes it.
  const parentOf = new Map<string, string | null>();
  const bad = new Set<string>();
  for (const [code, { row, from }] of fileUnits) {
    if (row.parentCode === null) {
      parentOf.set(code, null);
      continue;
    }
    const inFile = fileUnits.get(row.parentCode);
    const inTenant = known.units.get(row.parentCode);
    if (!inFile && !inTenant) {
      fail(
        'UNOR',
        row.row,
        'DIATASAN_ID',
        'UNKNOWN_UNIT',
        `Unit induk ${row.parentCode} tidak ada di berkas maupun di instansi.`,
      );
      bad.add(code);
    } else if (inTenant && !inFile && !inTenant.active) {
      fail('UNOR', row.row, 'DIATASAN_ID', 'UNIT_INACTIVE', `Unit induk ${row.parentCode} sudah tidak aktif.`);
      bad.add(code);
    } else if (inFile ? inFile.from > from : !termOn(inTenant?.parents ?? [], from)) {
      fail('UNOR', row.row, 'TMT_BERLAKU', 'UNIT_NOT_IN_FORCE', `Unit induk ${row.parentCode} belum ada pada ${from}.`);
      bad.add(code);
    }
    parentOf.set(code, row.parentCode);
  }
  // A unit cannot become its own ancestor: walk up the tree as it would stand after the import.
  const codeById = new Map([...known.units.values()].map((u) => [u.id, u.code]));
  const parentCodeOf = (code: string): string | null => {
    if (parentOf.has(code)) return parentOf.get(code) ?? null;
    const unit = known.units.get(code);
    const parentId = unit ? open(unit.parents)?.value.parentId : null;
    return parentId ? (codeById.get(parentId) ?? null) : null;
  };
  for (const [code, { row }] of fileUnits) {
    const seen = new Set<string>([code]);
    for (let up = parentCodeOf(code); up !== null; up = parentCodeOf(up)) {
      if (seen.has(up)) {
        if (up === code) {
          fail('UNOR', row.row, 'DIATASAN_ID', 'UNIT_CYCLE', 'Unit akan menjadi induk dari dirinya sendiri.');
          bad.add(code);
        }
        break;
      }
      seen.add(up);
    }
  }
  // A unit under a unit that cannot be imported cannot be imported either.
  let spread = true;
  while (spread) {
    spread = false;
    for (const [code, { row }] of fileUnits) {
      if (bad.has(code) || row.parentCode === null || !bad.has(row.parentCode)) continue;
      fail('UNOR', row.row, 'DIATASAN_ID', 'PARENT_ROW_INVALID', `Baris unit induk ${row.parentCode} tidak sah.`);
      bad.add(code);
      spread = true;
    }
  }

  const units: UnitPlan[] = [];
  for (const [code, { id, from, row }] of fileUnits) {
    if (bad.has(code)) continue;
    const parentId =
      row.parentCode === null
        ? null
        : (fileUnits.get(row.parentCode)?.id ?? known.units.get(row.parentCode)?.id ?? null);
    let headId: string | null = null;
    if (row.headNip !== null) {
      headId = employeeIds.get(row.headNip) ?? known.employees.get(row.headNip)?.id ?? null;
      if (!headId) {
        fail(
          'UNOR',
          row.row,
          'NIP_PIMPINAN',
          'UNKNOWN_EMPLOYEE',
          `Pegawai dengan NIP ${row.headNip} tidak ada di berkas maupun di instansi.`,
        );
        bad.add(code);
        continue;
      }
    }
    const existing = known.units.get(code);
    if (!existing) {
      units.push({ action: 'create', row, id, parentId, from, headId });
      continue;
    }
    if (!existing.active) {
      fail('UNOR', row.row, 'UNOR_ID', 'UNIT_INACTIVE', 'Unit ini sudah tidak aktif; aktifkan kembali lewat API.');
      bad.add(code);
      continue;
    }
    const changes: { name?: string; kind?: string; headPositionName?: string | null } = {};
    if (row.name !== existing.name) changes.name = row.name;
    if (row.kind !== existing.kind) changes.kind = row.kind;
    if (row.headPositionName !== undefined && row.headPositionName !== existing.headPositionName)
      changes.headPositionName = row.headPositionName;
    let move: { parentId: string | null; from: string } | null = null;
    const currentParent = open(existing.parents);
    if ((currentParent?.value.parentId ?? null) !== parentId) {
      const latest = existing.parents.at(-1);
      if (latest && from < latest.from) {
        fail('UNOR', row.row, 'TMT_BERLAKU', 'HISTORY_CONFLICT', `Harus pada atau setelah ${latest.from}.`);
        bad.add(code);
        continue;
      }
      move = { parentId, from };
    }
    let head: { employeeId: string; from: string } | null = null;
    if (headId && open(existing.heads)?.value.employeeId !== headId) {
      const latest = existing.heads.at(-1);
      if (latest && from < latest.from) {
        fail('UNOR', row.row, 'TMT_BERLAKU', 'HISTORY_CONFLICT', `Kepala unit berubah terakhir ${latest.from}.`);
        bad.add(code);
        continue;
      }
      head = { employeeId: headId, from };
    }
    units.push(
      Object.keys(changes).length === 0 && !move && !head
        ? { action: 'unchanged', row, id }
        : { action: 'update', row, id, changes, move, head },
    );
  }

  const employees: EmployeePlan[] = [];
  for (const row of employeeRows.values()) {
    const id = employeeIds.get(row.nip) as string;
    const placementFrom = row.placement?.from ?? today;
    let unitId: string | null = null;
    if (row.placement) {
      const code = row.placement.unitCode;
      const inFile = fileUnits.get(code);
      const inTenant = known.units.get(code);
      if (inFile && bad.has(code)) {
        fail('PEGAWAI', row.row, 'UNOR_ID', 'UNIT_ROW_INVALID', `Baris unit ${code} di lembar UNOR tidak sah.`);
        continue;
      }
      if (!inFile && !inTenant) {
        fail('PEGAWAI', row.row, 'UNOR_ID', 'UNKNOWN_UNIT', `Unit ${code} tidak ada di berkas maupun di instansi.`);
        continue;
      }
      if (!inFile && inTenant && !inTenant.active) {
        fail('PEGAWAI', row.row, 'UNOR_ID', 'UNIT_INACTIVE', `Unit ${code} sudah tidak aktif.`);
        continue;
      }
      if (inFile ? inFile.from > placementFrom : !termOn(inTenant?.parents ?? [], placementFrom)) {
        fail('PEGAWAI', row.row, 'TMT_JABATAN', 'UNIT_NOT_IN_FORCE', `Unit ${code} belum ada pada ${placementFrom}.`);
        continue;
      }
      unitId = inFile?.id ?? inTenant?.id ?? null;
    }
    const existing = known.employees.get(row.nip);
    if (!existing) {
      employees.push({ action: 'create', row, id, unitId, placementFrom, statusFrom: row.statusFrom ?? placementFrom });
      continue;
    }
    if (existing.employmentType !== row.employmentType) {
      fail(
        'PEGAWAI',
        row.row,
        'JENIS_PEGAWAI',
        'EMPLOYMENT_TYPE_CHANGED',
        `Tercatat sebagai ${existing.employmentType}.`,
      );
      continue;
    }
    const changes: { name?: string; email?: string | null; golongan?: string | null } = {};
    if (row.name !== existing.name) changes.name = row.name;
    if (row.email !== undefined && row.email !== existing.email) changes.email = row.email;
    if (row.golongan !== undefined && row.golongan !== existing.golongan) changes.golongan = row.golongan;
    let placement: { value: PlacementValue; from: string } | null = null;
    if (row.placement && unitId) {
      const value: PlacementValue = {
        unitId,
        positionName: row.placement.positionName,
        jenisJabatan: row.placement.jenisJabatan,
        jenjang: row.placement.jenjang,
        decreeNumber: null,
      };
      const latest = existing.placement;
      if (!(latest && latest.to === null && samePlacement(latest.value, value))) {
        if (latest && placementFrom < latest.from) {
          fail('PEGAWAI', row.row, 'TMT_JABATAN', 'HISTORY_CONFLICT', `Penempatan berubah terakhir ${latest.from}.`);
          continue;
        }
        placement = { value, from: placementFrom };
      }
    }
    let status: { status: string; from: string } | null = null;
    if (row.status && !(existing.status?.to === null && existing.status.value.status === row.status)) {
      const from = row.statusFrom ?? today;
      if (existing.status && from < existing.status.from) {
        fail(
          'PEGAWAI',
          row.row,
          'TMT_KEDUDUKAN',
          'HISTORY_CONFLICT',
          `Kedudukan berubah terakhir ${existing.status.from}.`,
        );
        continue;
      }
      status = { status: row.status, from };
    }
    employees.push(
      Object.keys(changes).length === 0 && !placement && !status
        ? { action: 'unchanged', row, id }
        : { action: 'update', row, id, changes, placement, status },
    );
  }
  return { units, employees, errors: errors.sort((a, b) => sheetOrder(a) - sheetOrder(b) || a.row - b.row) };
}

const sheetOrder = (e: RowError) => (e.sheet === 'UNOR' ? 0 : 1);

function firstOf<R>(rows: readonly R[], key: (r: R) => string, duplicate: (r: R, first: R) => void): Map<string, R> {
  const first = new Map<string, R>();
  for (const row of rows) {
    const seen = first.get(key(row));
    if (seen) duplicate(row, seen);
    else first.set(key(row), row);
  }
  return first;
}
