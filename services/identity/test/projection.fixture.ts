import type { MigrationInterface, QueryRunner } from 'typeorm';
import { decodeEvent, identityV1 } from '@kinerja/contracts';
import { rlsSql, runSql } from '@kinerja/platform/database';
import type { ConsumedEvent } from '@kinerja/platform/messaging';

// What another service keeps of identity (the org tree, heads, acting heads, employee placements and statuses),
// built from identity's events alone: each event carries the whole aggregate with its history and a version, so the
// projection upserts when the version is higher and never needs an earlier event (events.proto).

export class IdentityProjection1763900000002 implements MigrationInterface {
  name = 'IdentityProjection1763900000002';
  async up(runner: QueryRunner): Promise<void> {
    const table = (name: string, columns: string, key: string) => [
      `CREATE TABLE ${name} (tenant_id uuid NOT NULL, ${columns}, PRIMARY KEY (tenant_id, ${key}))`,
      ...rlsSql(name),
    ];
    await runSql(runner, [
      ...table('p_unit', 'id uuid, version bigint NOT NULL, code text, name text, kind text, active boolean', 'id'),
      ...table('p_unit_parent', 'unit_id uuid, valid_from date, valid_to date, parent_id uuid', 'unit_id, valid_from'),
      ...table('p_unit_head', 'unit_id uuid, valid_from date, valid_to date, employee_id uuid', 'unit_id, valid_from'),
      ...table(
        'p_acting',
        'id uuid, version bigint NOT NULL, unit_id uuid, employee_id uuid, kind text, valid_from date, valid_to date, revoked boolean',
        'id',
      ),
      ...table('p_employee', 'id uuid, version bigint NOT NULL, nip text, name text, status text', 'id'),
      ...table(
        'p_assignment',
        'employee_id uuid, valid_from date, valid_to date, unit_id uuid, position_name text, jenis_jabatan text, jenjang text',
        'employee_id, valid_from',
      ),
      ...table('p_status', 'employee_id uuid, valid_from date, valid_to date, status text', 'employee_id, valid_from'),
    ]);
  }
  async down(runner: QueryRunner): Promise<void> {
    for (const t of ['p_unit', 'p_unit_parent', 'p_unit_head', 'p_acting', 'p_employee', 'p_assignment', 'p_status'])
      await runner.query(`DROP TABLE ${t}`);
  }
}

const day = (value: string) => (value === '' ? null : value);

/** Inserts or replaces the row when its version is higher than the one held; answers whether it did. */
async function upsertNewer(event: ConsumedEvent, table: string, row: Record<string, unknown>): Promise<boolean> {
  const columns = Object.keys(row);
  const sets = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  const kept = (await event.tx.manager.query(
    `INSERT INTO ${table} AS t (tenant_id, ${columns.join(', ')}) VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')})
     ON CONFLICT (tenant_id, id) DO UPDATE SET ${sets.join(', ')} WHERE t.version < excluded.version RETURNING 1`,
    [event.tenantId, ...Object.values(row)],
  )) as unknown[];
  return kept.length > 0;
}

async function replaceTerms(
  event: ConsumedEvent,
  table: string,
  subject: string,
  id: string,
  columns: string,
  rows: unknown[][],
): Promise<void> {
  await event.tx.manager.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND ${subject} = $2`, [event.tenantId, id]);
  for (const row of rows)
    await event.tx.manager.query(
      `INSERT INTO ${table} (tenant_id, ${subject}, ${columns}) VALUES ($1, $2, ${row.map((_, i) => `$${i + 3}`).join(', ')})`,
      [event.tenantId, id, ...row],
    );
}

async function applyUnit(event: ConsumedEvent, unit: identityV1.Unit | undefined): Promise<void> {
  if (!unit) return;
  const keep = await upsertNewer(event, 'p_unit', {
    id: unit.id,
    version: unit.version.toString(),
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    active: unit.active,
  });
  if (!keep) return;
  await replaceTerms(
    event,
    'p_unit_parent',
    'unit_id',
    unit.id,
    'valid_from, valid_to, parent_id',
    unit.parents.map((p) => [p.from, day(p.to), day(p.parentId)]),
  );
  await replaceTerms(
    event,
    'p_unit_head',
    'unit_id',
    unit.id,
    'valid_from, valid_to, employee_id',
    unit.heads.map((h) => [h.from, day(h.to), h.employeeId]),
  );
}

async function applyEmployee(event: ConsumedEvent, employee: identityV1.Employee | undefined): Promise<void> {
  if (!employee) return;
  const keep = await upsertNewer(event, 'p_employee', {
    id: employee.id,
    version: employee.version.toString(),
    nip: employee.nip,
    name: employee.name,
    status: employee.status,
  });
  if (!keep) return;
  await replaceTerms(
    event,
    'p_assignment',
    'employee_id',
    employee.id,
    'valid_from, valid_to, unit_id, position_name, jenis_jabatan, jenjang',
    employee.assignments.map((a) => [
      a.from,
      day(a.to),
      a.unitId,
      day(a.positionName),
      day(a.jenisJabatan),
      day(a.jenjang),
    ]),
  );
  await replaceTerms(
    event,
    'p_status',
    'employee_id',
    employee.id,
    'valid_from, valid_to, status',
    employee.statuses.map((s) => [s.from, day(s.to), s.status]),
  );
}

async function applyActing(event: ConsumedEvent, acting: identityV1.ActingAppointment | undefined): Promise<void> {
  if (!acting) return;
  await upsertNewer(event, 'p_acting', {
    id: acting.id,
    version: acting.version.toString(),
    unit_id: acting.unitId,
    employee_id: acting.employeeId,
    kind: acting.kind,
    valid_from: acting.from,
    valid_to: day(acting.to),
    revoked: acting.revoked,
  });
}

/** The projection's event handler: decodes by `ce-type` and applies what it keeps. */
export async function project(event: ConsumedEvent): Promise<void> {
  const v = identityV1;
  const decoders: Record<string, (e: ConsumedEvent) => Promise<void>> = {
    [v.UnitCreatedSchema.typeName]: (e) => applyUnit(e, decodeEvent(v.UnitCreatedSchema, e.payload).unit),
    [v.UnitUpdatedSchema.typeName]: (e) => applyUnit(e, decodeEvent(v.UnitUpdatedSchema, e.payload).unit),
    [v.UnitMovedSchema.typeName]: (e) => applyUnit(e, decodeEvent(v.UnitMovedSchema, e.payload).unit),
    [v.UnitHeadChangedSchema.typeName]: (e) => applyUnit(e, decodeEvent(v.UnitHeadChangedSchema, e.payload).unit),
    [v.ActingAppointedSchema.typeName]: (e) =>
      applyActing(e, decodeEvent(v.ActingAppointedSchema, e.payload).appointment),
    [v.ActingChangedSchema.typeName]: (e) => applyActing(e, decodeEvent(v.ActingChangedSchema, e.payload).appointment),
    [v.EmployeeCreatedSchema.typeName]: (e) =>
      applyEmployee(e, decodeEvent(v.EmployeeCreatedSchema, e.payload).employee),
    [v.EmployeeUpdatedSchema.typeName]: (e) =>
      applyEmployee(e, decodeEvent(v.EmployeeUpdatedSchema, e.payload).employee),
    [v.EmployeeMovedSchema.typeName]: (e) => applyEmployee(e, decodeEvent(v.EmployeeMovedSchema, e.payload).employee),
    [v.EmployeeStatusChangedSchema.typeName]: (e) =>
      applyEmployee(e, decodeEvent(v.EmployeeStatusChangedSchema, e.payload).employee),
  };
  await decoders[event.type]?.(event);
}
