import { Injectable } from '@nestjs/common';
import { rowsOf, type TenantTx } from '@kinerja/platform/database';
import { sqlDate } from '../dates.js';
import { ActingAppointmentEntity } from './unit.entity.js';

type ActingRow = {
  tenant_id: string;
  id: string;
  unit_id: string;
  employee_id: string;
  kind: 'PLT' | 'PLH';
  valid_from: string;
  valid_to: string | null;
  decree_number: string | null;
  revoked: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
};

const columns = `tenant_id, id, unit_id, employee_id, kind, ${sqlDate('valid_from')} AS valid_from,
  ${sqlDate('valid_to')} AS valid_to, decree_number, revoked, created_at, updated_at, version`;

function toEntity(row: ActingRow): ActingAppointmentEntity {
  return Object.assign(new ActingAppointmentEntity(), {
    tenantId: row.tenant_id,
    id: row.id,
    unitId: row.unit_id,
    employeeId: row.employee_id,
    kind: row.kind,
    from: row.valid_from,
    to: row.valid_to,
    decreeNumber: row.decree_number,
    revoked: row.revoked,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  });
}

export type NewActing = Pick<
  ActingAppointmentEntity,
  'id' | 'unitId' | 'employeeId' | 'kind' | 'from' | 'to' | 'decreeNumber'
>;
export type ActingChanges = Partial<Pick<ActingAppointmentEntity, 'from' | 'to' | 'decreeNumber' | 'revoked'>>;

/** The only place with queries for acting (PLT/PLH) appointments. */
@Injectable()
export class ActingRepository {
  async insert(tx: TenantTx, acting: NewActing): Promise<ActingAppointmentEntity> {
    const [row] = (await tx.manager.query(
      `INSERT INTO acting_appointment (tenant_id, id, unit_id, employee_id, kind, valid_from, valid_to, decree_number)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
      [
        tx.tenantId,
        acting.id,
        acting.unitId,
        acting.employeeId,
        acting.kind,
        acting.from,
        acting.to,
        acting.decreeNumber,
      ],
    )) as ActingRow[];
    return toEntity(row as ActingRow);
  }

  async findById(tx: TenantTx, id: string, lock = false): Promise<ActingAppointmentEntity | null> {
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM acting_appointment WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    )) as ActingRow[];
    return rows[0] ? toEntity(rows[0]) : null;
  }

  async listByUnit(tx: TenantTx, unitId: string): Promise<ActingAppointmentEntity[]> {
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM acting_appointment WHERE tenant_id = $1 AND unit_id = $2
       ORDER BY acting_appointment.valid_from DESC, id`,
      [tx.tenantId, unitId],
    )) as ActingRow[];
    return rows.map(toEntity);
  }

  /** R5: the unit's other live appointments whose dates meet `[from, to]`. */
  async overlapping(
    tx: TenantTx,
    unitId: string,
    from: string,
    to: string | null,
    exceptId: string | null,
  ): Promise<ActingAppointmentEntity[]> {
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM acting_appointment
       WHERE tenant_id = $1 AND unit_id = $2 AND NOT revoked AND ($5::uuid IS NULL OR id <> $5)
         AND daterange(acting_appointment.valid_from, acting_appointment.valid_to, '[]') && daterange($3::date, $4::date, '[]')
       ORDER BY acting_appointment.valid_from`,
      [tx.tenantId, unitId, from, to, exceptId],
    )) as ActingRow[];
    return rows.map(toEntity);
  }

  /** The employee's live appointments still running on or after `date`. */
  async runningFor(tx: TenantTx, employeeId: string, date: string): Promise<ActingAppointmentEntity[]> {
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM acting_appointment
       WHERE tenant_id = $1 AND employee_id = $2 AND NOT revoked
         AND (acting_appointment.valid_to IS NULL OR acting_appointment.valid_to >= $3) FOR UPDATE`,
      [tx.tenantId, employeeId, date],
    )) as ActingRow[];
    return rows.map(toEntity);
  }

  /** Pairs of live appointments whose dates meet: in one unit, or of one employee in two units. */
  async overlaps(
    tx: TenantTx,
  ): Promise<
    { kind: 'SAME_UNIT' | 'SAME_EMPLOYEE'; first: ActingAppointmentEntity; second: ActingAppointmentEntity }[]
  > {
    const rows = (await tx.manager.query(
      `SELECT CASE WHEN a.unit_id = b.unit_id THEN 'SAME_UNIT' ELSE 'SAME_EMPLOYEE' END AS kind,
              row_to_json(a) AS first, row_to_json(b) AS second
       FROM (SELECT ${columns} FROM acting_appointment WHERE tenant_id = $1 AND NOT revoked) a
       JOIN (SELECT ${columns} FROM acting_appointment WHERE tenant_id = $1 AND NOT revoked) b
         ON a.id < b.id AND (a.unit_id = b.unit_id OR a.employee_id = b.employee_id)
        AND daterange(a.valid_from::date, a.valid_to::date, '[]') && daterange(b.valid_from::date, b.valid_to::date, '[]')
       ORDER BY a.valid_from, a.id, b.id`,
      [tx.tenantId],
    )) as { kind: 'SAME_UNIT' | 'SAME_EMPLOYEE'; first: ActingRow; second: ActingRow }[];
    return rows.map((r) => ({
      kind: r.kind,
      first: toEntity({
        ...r.first,
        created_at: new Date(r.first.created_at),
        updated_at: new Date(r.first.updated_at),
      }),
      second: toEntity({
        ...r.second,
        created_at: new Date(r.second.created_at),
        updated_at: new Date(r.second.updated_at),
      }),
    }));
  }

  async update(tx: TenantTx, id: string, changes: ActingChanges): Promise<ActingAppointmentEntity> {
    const result = (await tx.manager.query(
      `UPDATE acting_appointment SET
         valid_from = CASE WHEN $3 THEN $4::date ELSE valid_from END,
         valid_to = CASE WHEN $5 THEN $6::date ELSE valid_to END,
         decree_number = CASE WHEN $7 THEN $8 ELSE decree_number END,
         revoked = CASE WHEN $9 THEN $10 ELSE revoked END,
         updated_at = now(), version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING ${columns}`,
      [
        tx.tenantId,
        id,
        changes.from !== undefined,
        changes.from ?? null,
        changes.to !== undefined,
        changes.to ?? null,
        changes.decreeNumber !== undefined,
        changes.decreeNumber ?? null,
        changes.revoked !== undefined,
        changes.revoked ?? false,
      ],
    )) as unknown;
    return toEntity(rowsOf<ActingRow>(result)[0] as ActingRow);
  }
}
