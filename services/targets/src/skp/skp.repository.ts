import { Injectable } from '@nestjs/common';
import type { LocalDate, SkpStatus } from '@kinerja/domain';
import { raterContextSql, ratedBySql, type RaterContext } from '@kinerja/org-projection';
import { preparedQuery, type TenantTx } from '@kinerja/platform/database';
import { queryRows } from '../sql.js';
import type { SkpContent } from './skp-content.js';

// The only place with queries for SKPs, their versions and audit trail; every query names tenant_id.

export type SkpRow = {
  id: string;
  employeeId: string;
  year: number;
  unitId: string;
  positionName: string;
  jenisJabatan: string;
  jenjang: string;
  assignmentFrom: LocalDate;
  startDate: LocalDate;
  endDate: LocalDate;
  status: SkpStatus;
  workingVersion: number;
  inForceVersion: number | null;
  late: boolean;
  dueBy: LocalDate;
  onBehalf: boolean;
  approvedOn: LocalDate | null;
  closedOn: LocalDate | null;
  closeReason: string | null;
  positionChangeOn: LocalDate | null;
  createdBy: string;
  createdAt: Date;
  version: number;
};

export type VersionRow = {
  number: number;
  status: SkpStatus;
  content: SkpContent;
  createdBy: string;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  reason: string | null;
};

/** One line of the approval queue: what the rater's list shows. */
export type ApprovalRow = {
  id: string;
  employeeId: string;
  employeeName: string;
  employeeNip: string;
  year: number;
  positionName: string;
  workingVersion: number;
  inForceVersion: number | null;
  submittedAt: Date | null;
};

export type SkpAggregate = { skp: SkpRow; working: VersionRow; inForce: VersionRow | null };

/** An SKP as GET /skps/{id} reads it: with the employee's name and NIP and the rater's context (R5). */
export type SkpReadRow = SkpAggregate & { employee: { name: string; nip: string } | null; raterContext: RaterContext };

export type AuditRow = {
  at: Date;
  actor: string;
  actorRole: string;
  action: string;
  fromStatus: string;
  toStatus: string;
  versionNumber: number;
  reason: string | null;
};

const skpColumns = `id, employee_id, year, unit_id, position_name, jenis_jabatan, jenjang, assignment_from::text,
  start_date::text, end_date::text, status, working_version, in_force_version, late, due_by::text, on_behalf,
  approved_on::text, closed_on::text, close_reason, position_change_on::text, created_by, created_at, version`;

const prefixed = skpColumns.replaceAll(/(^|,\s*)(\w)/g, '$1s.$2');

type Raw = Record<string, unknown>;

const toSkp = (r: Raw): SkpRow => ({
  id: r.id as string,
  employeeId: r.employee_id as string,
  year: r.year as number,
  unitId: r.unit_id as string,
  positionName: r.position_name as string,
  jenisJabatan: r.jenis_jabatan as string,
  jenjang: r.jenjang as string,
  assignmentFrom: r.assignment_from as string,
  startDate: r.start_date as string,
  endDate: r.end_date as string,
  status: r.status as SkpStatus,
  workingVersion: r.working_version as number,
  inForceVersion: r.in_force_version as number | null,
  late: r.late as boolean,
  dueBy: r.due_by as string,
  onBehalf: r.on_behalf as boolean,
  approvedOn: r.approved_on as string | null,
  closedOn: r.closed_on as string | null,
  closeReason: r.close_reason as string | null,
  positionChangeOn: r.position_change_on as string | null,
  createdBy: r.created_by as string,
  createdAt: r.created_at as Date,
  version: r.version as number,
});

// Instants arrive as Date from a column and as text from json_build_object.
const instant = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);

const toVersion = (r: Raw): VersionRow => ({
  number: r.number as number,
  status: r.status as SkpStatus,
  content: r.content as SkpContent,
  createdBy: r.created_by as string,
  createdAt: instant(r.created_at) as Date,
  submittedAt: instant(r.submitted_at),
  decidedAt: instant(r.decided_at),
  reason: r.reason as string | null,
});

// The working and in-force versions of the SKP aliased `s`, as a JSON array.
const versionsOf = (s: string) => `(SELECT json_agg(json_build_object('number', v.number, 'status', v.status,
    'content', v.content, 'created_by', v.created_by, 'created_at', v.created_at, 'submitted_at', v.submitted_at,
    'decided_at', v.decided_at, 'reason', v.reason))
  FROM skp_version v
  WHERE v.tenant_id = ${s}.tenant_id AND v.skp_id = ${s}.id AND v.number IN (${s}.working_version, ${s}.in_force_version))`;

function toAggregate(raw: Raw): SkpAggregate {
  const skp = toSkp(raw);
  const versions = ((raw.versions as Raw[] | null) ?? []).map(toVersion);
  const working = versions.find((v) => v.number === skp.workingVersion) as VersionRow;
  const inForce = skp.inForceVersion === null ? null : (versions.find((v) => v.number === skp.inForceVersion) ?? null);
  return { skp, working, inForce };
}

@Injectable()
export class SkpRepository {
  async insert(tx: TenantTx, skp: Omit<SkpRow, 'createdAt' | 'version'>, content: SkpContent): Promise<void> {
    await tx.manager.query(
      `WITH s AS (
         INSERT INTO skp (tenant_id, id, employee_id, year, unit_id, position_name, jenis_jabatan, jenjang,
           assignment_from, start_date, end_date, status, working_version, in_force_version, late, due_by, on_behalf,
           position_change_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, NULL, false, $13, $14, $15, $16)
         RETURNING id
       )
       INSERT INTO skp_version (tenant_id, skp_id, number, status, content, created_by)
       SELECT $1, id, 1, $12, $17::jsonb, $16 FROM s`,
      [
        tx.tenantId,
        skp.id,
        skp.employeeId,
        skp.year,
        skp.unitId,
        skp.positionName,
        skp.jenisJabatan,
        skp.jenjang,
        skp.assignmentFrom,
        skp.startDate,
        skp.endDate,
        skp.status,
        skp.dueBy,
        skp.onBehalf,
        skp.positionChangeOn,
        skp.createdBy,
        JSON.stringify(content),
      ],
    );
  }

  /** The SKP with its working and in-force versions, in one round trip; `forUpdate` locks the header for a write. */
  async load(tx: TenantTx, id: string, forUpdate = false): Promise<SkpAggregate | null> {
    const [raw] = (await tx.manager.query(
      `SELECT ${prefixed}, ${versionsOf('s')} AS versions
       FROM skp s WHERE s.tenant_id = $1 AND s.id = $2 ${forUpdate ? 'FOR UPDATE OF s' : ''}`,
      [tx.tenantId, id],
    )) as Raw[];
    return raw ? toAggregate(raw) : null;
  }

  /**
   * GET /skps/{id} in one statement: the SKP with its working and in-force versions, the employee's name and NIP,
   * and the rater's context (R5: placement and unit chain) on `today` kept within the SKP's dates, the date rights
   * are judged on (SkpAccess).
   */
  async loadForRead(tx: TenantTx, id: string, today: LocalDate): Promise<SkpReadRow | null> {
    const [raw] = await preparedQuery<Raw>(
      tx,
      'targets_skp_read',
      `WITH RECURSIVE skp_on AS (
         SELECT employee_id, LEAST(GREATEST($3::date, start_date), end_date) AS on_date FROM skp
         WHERE tenant_id = $1 AND id = $2
       ),
       ${raterContextSql({ tenant: '$1', employee: '(SELECT employee_id FROM skp_on)', date: '(SELECT on_date FROM skp_on)' })}
       SELECT ${prefixed}, ${versionsOf('s')} AS versions, e.name AS employee_name, e.nip AS employee_nip,
         rc.placement AS rater_placement, rc.units AS rater_units
       FROM skp s
       LEFT JOIN org_employee e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id
       CROSS JOIN rater_context rc
       WHERE s.tenant_id = $1 AND s.id = $2`,
      [tx.tenantId, id, today],
    );
    if (!raw) return null;
    return {
      ...toAggregate(raw),
      employee:
        raw.employee_name === null ? null : { name: raw.employee_name as string, nip: raw.employee_nip as string },
      raterContext: { placement: raw.rater_placement, units: raw.rater_units },
    };
  }

  async ofEmployee(tx: TenantTx, employeeId: string, year?: number): Promise<SkpRow[]> {
    const rows = (await tx.manager.query(
      `SELECT ${skpColumns} FROM skp WHERE tenant_id = $1 AND employee_id = $2 AND ($3::int IS NULL OR year = $3)
       ORDER BY year, start_date`,
      [tx.tenantId, employeeId, year ?? null],
    )) as Raw[];
    return rows.map(toSkp);
  }

  /** The SKPs of a year of these employees, with the status of each one's working version. */
  async ofEmployees(
    tx: TenantTx,
    employeeIds: readonly string[],
    year: number,
  ): Promise<(SkpRow & { workingStatus: SkpStatus })[]> {
    if (employeeIds.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT ${prefixed}, v.status AS working_status FROM skp s
       JOIN skp_version v ON v.tenant_id = s.tenant_id AND v.skp_id = s.id AND v.number = s.working_version
       WHERE s.tenant_id = $1 AND s.employee_id = ANY($2::uuid[]) AND s.year = $3
       ORDER BY s.start_date`,
      [tx.tenantId, employeeIds, year],
    )) as Raw[];
    return rows.map((r) => ({ ...toSkp(r), workingStatus: r.working_status as SkpStatus }));
  }

  /**
   * The approval queue in one statement (R5, R11, R13): the SKPs whose working version waits for a decision, of
   * exactly the employees `rater` (and, with `regional`, the regional head account) rates on `date` (resolved
   * set-based over the org projection, ratedBySql), and with `onBehalfToo` those drafted on an employee's behalf;
   * with the employee's name and NIP, oldest submission first.
   */
  async approvalQueue(
    tx: TenantTx,
    q: { rater: string | null; regional: boolean; onBehalfToo: boolean; date: LocalDate },
  ): Promise<ApprovalRow[]> {
    // A generic plan: the plan does not depend on the parameters, and PostgreSQL would otherwise plan this statement
    // afresh each time (it costs more to plan than to run: ~1 ms of the backend's CPU). Ends with the transaction.
    await tx.manager.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    const rows = await preparedQuery<Raw>(
      tx,
      'targets_skp_approval_queue',
      `WITH RECURSIVE ${ratedBySql({ tenant: '$1', date: '$2', rater: '$3::uuid', regional: '$4::boolean' })}
       SELECT s.id, s.employee_id, s.year, s.position_name, s.working_version, s.in_force_version, v.submitted_at,
         -- Scalar subqueries: one primary-key lookup per line, whatever the planner estimates of young tables.
         (SELECT e.name FROM org_employee e WHERE e.tenant_id = $1 AND e.id = s.employee_id) AS employee_name,
         (SELECT e.nip FROM org_employee e WHERE e.tenant_id = $1 AND e.id = s.employee_id) AS employee_nip
       FROM skp s
       JOIN skp_version v ON v.tenant_id = s.tenant_id AND v.skp_id = s.id AND v.number = s.working_version
       WHERE s.tenant_id = $1 AND v.status = 'SUBMITTED'
         -- A submitted working version has a SUBMITTED (or, beside a version in force, REVISION) header: the
         -- condition lets the partial index skp_submitted answer instead of a scan of the tenant's SKPs.
         AND s.status IN ('SUBMITTED', 'REVISION')
         AND (s.employee_id IN (SELECT employee_id FROM rated_by) OR ($5 AND s.on_behalf))
       ORDER BY v.submitted_at, s.id`,
      [tx.tenantId, q.date, q.rater, q.regional, q.onBehalfToo],
    );
    return rows.map((r) => ({
      id: r.id as string,
      employeeId: r.employee_id as string,
      employeeName: (r.employee_name as string | null) ?? '',
      employeeNip: (r.employee_nip as string | null) ?? '',
      year: r.year as number,
      positionName: r.position_name as string,
      workingVersion: r.working_version as number,
      inForceVersion: r.in_force_version as number | null,
      submittedAt: r.submitted_at as Date | null,
    }));
  }

  async versions(tx: TenantTx, id: string): Promise<VersionRow[]> {
    const rows = (await tx.manager.query(
      `SELECT number, status, content, created_by, created_at, submitted_at, decided_at, reason FROM skp_version
       WHERE tenant_id = $1 AND skp_id = $2 ORDER BY number`,
      [tx.tenantId, id],
    )) as Raw[];
    return rows.map(toVersion);
  }

  async audit(tx: TenantTx, id: string): Promise<AuditRow[]> {
    const rows = (await tx.manager.query(
      `SELECT at, actor, actor_role, action, from_status, to_status, version_number, reason FROM skp_audit
       WHERE tenant_id = $1 AND skp_id = $2 ORDER BY seq`,
      [tx.tenantId, id],
    )) as Raw[];
    return rows.map((r) => ({
      at: r.at as Date,
      actor: r.actor as string,
      actorRole: r.actor_role as string,
      action: r.action as string,
      fromStatus: r.from_status as string,
      toStatus: r.to_status as string,
      versionNumber: r.version_number as number,
      reason: r.reason as string | null,
    }));
  }

  /** Writes the header's mutable columns and bumps its version (the ETag). */
  async saveHeader(tx: TenantTx, skp: SkpRow): Promise<SkpRow> {
    const [row] = await queryRows<Raw>(
      tx,
      `UPDATE skp SET status = $3, working_version = $4, in_force_version = $5, late = $6, due_by = $7,
         approved_on = $8, closed_on = $9, close_reason = $10, end_date = $11, version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING ${skpColumns}`,
      [
        tx.tenantId,
        skp.id,
        skp.status,
        skp.workingVersion,
        skp.inForceVersion,
        skp.late,
        skp.dueBy,
        skp.approvedOn,
        skp.closedOn,
        skp.closeReason,
        skp.endDate,
      ],
    );
    return toSkp(row as Raw);
  }

  async saveVersion(tx: TenantTx, skpId: string, v: VersionRow): Promise<void> {
    await tx.manager.query(
      `INSERT INTO skp_version (tenant_id, skp_id, number, status, content, created_by, created_at, submitted_at, decided_at, reason)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, skp_id, number) DO UPDATE SET status = excluded.status, content = excluded.content,
         submitted_at = excluded.submitted_at, decided_at = excluded.decided_at, reason = excluded.reason`,
      [
        tx.tenantId,
        skpId,
        v.number,
        v.status,
        JSON.stringify(v.content),
        v.createdBy,
        v.createdAt,
        v.submittedAt,
        v.decidedAt,
        v.reason,
      ],
    );
  }

  async deleteVersion(tx: TenantTx, skpId: string, number: number): Promise<void> {
    await tx.manager.query(`DELETE FROM skp_version WHERE tenant_id = $1 AND skp_id = $2 AND number = $3`, [
      tx.tenantId,
      skpId,
      number,
    ]);
  }

  async appendAudit(tx: TenantTx, skpId: string, entry: Omit<AuditRow, 'at'> & { at?: Date }): Promise<void> {
    await tx.manager.query(
      `INSERT INTO skp_audit (tenant_id, id, skp_id, version_number, action, from_status, to_status, actor, actor_role, reason, at)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, clock_timestamp()))`,
      [
        tx.tenantId,
        skpId,
        entry.versionNumber,
        entry.action,
        entry.fromStatus,
        entry.toStatus,
        entry.actor,
        entry.actorRole,
        entry.reason,
        entry.at ?? null,
      ],
    );
  }

  /** R9: every SKP version that holds an RHK with this id, with its owner (the cited RHK's SKP). */
  async holdersOfRhk(
    tx: TenantTx,
    rhkId: string,
  ): Promise<{ skpId: string; employeeId: string; year: number; number: number; inForce: boolean }[]> {
    const rows = (await tx.manager.query(
      `SELECT s.id, s.employee_id, s.year, v.number, (v.number = s.in_force_version) AS in_force
       FROM skp_version v JOIN skp s ON s.tenant_id = v.tenant_id AND s.id = v.skp_id
       WHERE v.tenant_id = $1 AND v.content @> jsonb_build_object('rhk', jsonb_build_array(jsonb_build_object('id', $2::text)))`,
      [tx.tenantId, rhkId],
    )) as Raw[];
    return rows.map((r) => ({
      skpId: r.id as string,
      employeeId: r.employee_id as string,
      year: r.year as number,
      number: r.number as number,
      inForce: r.in_force as boolean,
    }));
  }

  /** R9: the text of each cited RHK, from the version in force of the SKP holding it, else its latest version. */
  async rhkTexts(tx: TenantTx, rhkIds: readonly string[]): Promise<Map<string, string>> {
    if (rhkIds.length === 0) return new Map();
    const rows = (await tx.manager.query(
      `SELECT DISTINCT ON (c.id) c.id, r->>'text' AS text
       FROM unnest($2::text[]) AS c(id)
       JOIN skp_version v ON v.tenant_id = $1
         AND v.content @> jsonb_build_object('rhk', jsonb_build_array(jsonb_build_object('id', c.id)))
       JOIN skp s ON s.tenant_id = v.tenant_id AND s.id = v.skp_id
       CROSS JOIN LATERAL jsonb_array_elements(v.content->'rhk') r
       WHERE r->>'id' = c.id
       ORDER BY c.id, (v.number = s.in_force_version) DESC, v.number DESC`,
      [tx.tenantId, [...new Set(rhkIds)]],
    )) as { id: string; text: string }[];
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  /** R9: the rater's SKPs of the year with a version in force (APPROVED or in REVISION), with that content. */
  async inForceOf(tx: TenantTx, employeeId: string, year: number): Promise<{ skp: SkpRow; content: SkpContent }[]> {
    const rows = (await tx.manager.query(
      `SELECT ${prefixed}, v.content FROM skp s
       JOIN skp_version v ON v.tenant_id = s.tenant_id AND v.skp_id = s.id AND v.number = s.in_force_version
       WHERE s.tenant_id = $1 AND s.employee_id = $2 AND s.year = $3 AND v.status IN ('APPROVED', 'REVISION')
       ORDER BY s.start_date`,
      [tx.tenantId, employeeId, year],
    )) as Raw[];
    return rows.map((r) => ({ skp: toSkp(r), content: r.content as SkpContent }));
  }
}
