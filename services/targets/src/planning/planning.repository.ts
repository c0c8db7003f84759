import { Injectable } from '@nestjs/common';
import type { Approach, LocalDate, SkpStatus } from '@kinerja/domain';
import type { Placement } from '@kinerja/org-projection';
import type { TenantTx } from '@kinerja/platform/database';
import { queryRows } from '../sql.js';
import type { SkpContent } from '../skp/skp-content.js';
import type { TemplateRhk } from './template-merge.js';

// Queries of the planning aids (templates, apply jobs, team matrix); every query names tenant_id.

export type TemplateRow = {
  id: string;
  name: string;
  description: string;
  scope: 'TENANT' | 'OWN';
  ownerEmployeeId: string | null;
  ownerSubject: string;
  approach: Approach;
  rhk: TemplateRhk[];
  ekspektasi: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

export type ApplyEntry = { employeeId: string; skpId: string; rhkAdded: number; ikiAdded: number };
export type ApplySkip = { employeeId: string; reason: string; message: string; skpId?: string };
export type ApplyReport = { created: ApplyEntry[]; extended: ApplyEntry[]; skipped: ApplySkip[] };

export type JobRow = {
  id: string;
  kind: 'TEMPLATE' | 'MPPH_PREFILL';
  templateId: string | null;
  year: number;
  requestedBy: string;
  state: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  processed: number;
  report: ApplyReport;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

/** An SKP of the year with its working version, as the applier reads it. */
export type WorkingSkp = {
  id: string;
  employeeId: string;
  assignmentFrom: LocalDate;
  status: SkpStatus;
  version: number;
  workingVersion: number;
  inForceVersion: number | null;
  workingStatus: SkpStatus;
  content: SkpContent;
};

export type AssignmentRow = { raterRhkId: string; employeeId: string; resultText: string; role: string };

type Raw = Record<string, unknown>;

const templateColumns = `id, name, description, scope, owner_employee_id, owner_subject, approach, rhk, ekspektasi,
  created_at, updated_at, version`;
const toTemplate = (r: Raw): TemplateRow => ({
  id: r.id as string,
  name: r.name as string,
  description: r.description as string,
  scope: r.scope as 'TENANT' | 'OWN',
  ownerEmployeeId: r.owner_employee_id as string | null,
  ownerSubject: r.owner_subject as string,
  approach: r.approach as Approach,
  rhk: r.rhk as TemplateRhk[],
  ekspektasi: r.ekspektasi as Record<string, string>,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
  version: r.version as number,
});

const jobColumns = `id, kind, template_id, year, requested_by, state, total, processed, report, started_at, updated_at,
  finished_at`;
const toJob = (r: Raw): JobRow => ({
  id: r.id as string,
  kind: r.kind as JobRow['kind'],
  templateId: r.template_id as string | null,
  year: r.year as number,
  requestedBy: r.requested_by as string,
  state: r.state as JobRow['state'],
  total: r.total as number,
  processed: r.processed as number,
  report: r.report as ApplyReport,
  startedAt: r.started_at as Date,
  updatedAt: r.updated_at as Date,
  finishedAt: r.finished_at as Date | null,
});

type PlacementRow = {
  employee_id: string;
  unit_id: string;
  position_name: string;
  jenis_jabatan: string;
  jenjang: string;
  from_date: string;
  to_date: string | null;
};
const toPlacement = (r: PlacementRow): Placement => ({
  employeeId: r.employee_id,
  unitId: r.unit_id,
  positionName: r.position_name,
  jenisJabatan: r.jenis_jabatan,
  jenjang: r.jenjang,
  from: r.from_date,
  to: r.to_date,
});
const placementSelect = `SELECT DISTINCT ON (a.employee_id) a.employee_id, a.unit_id, a.position_name, a.jenis_jabatan,
  a.jenjang, a.from_date::text, a.to_date::text FROM org_assignment a`;
const covers = `a.from_date <= $2::date AND (a.to_date IS NULL OR a.to_date >= $2::date)`;

@Injectable()
export class PlanningRepository {
  async insertTemplate(
    tx: TenantTx,
    t: Omit<TemplateRow, 'createdAt' | 'updatedAt' | 'version'>,
  ): Promise<TemplateRow> {
    const [row] = (await tx.manager.query(
      `INSERT INTO skp_template (tenant_id, id, name, description, scope, owner_employee_id, owner_subject, approach, rhk, ekspektasi)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb) RETURNING ${templateColumns}`,
      [
        tx.tenantId,
        t.id,
        t.name,
        t.description,
        t.scope,
        t.ownerEmployeeId,
        t.ownerSubject,
        t.approach,
        JSON.stringify(t.rhk),
        JSON.stringify(t.ekspektasi),
      ],
    )) as Raw[];
    return toTemplate(row as Raw);
  }

  async template(tx: TenantTx, id: string, forUpdate = false): Promise<TemplateRow | null> {
    const [row] = (await tx.manager.query(
      `SELECT ${templateColumns} FROM skp_template WHERE tenant_id = $1 AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    )) as Raw[];
    return row ? toTemplate(row) : null;
  }

  /** The tenant's templates and, when given, the OWN templates of one employee (all OWN ones with `everyOwn`). */
  async templates(tx: TenantTx, ownerEmployeeId: string | null, everyOwn: boolean): Promise<TemplateRow[]> {
    const rows = (await tx.manager.query(
      `SELECT ${templateColumns} FROM skp_template
       WHERE tenant_id = $1 AND (scope = 'TENANT' OR $3 OR owner_employee_id = $2::uuid) ORDER BY name, created_at`,
      [tx.tenantId, ownerEmployeeId, everyOwn],
    )) as Raw[];
    return rows.map(toTemplate);
  }

  async updateTemplate(tx: TenantTx, t: TemplateRow): Promise<TemplateRow> {
    const [row] = await queryRows<Raw>(
      tx,
      `UPDATE skp_template SET name = $3, description = $4, approach = $5, rhk = $6::jsonb, ekspektasi = $7::jsonb,
         updated_at = now(), version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING ${templateColumns}`,
      [tx.tenantId, t.id, t.name, t.description, t.approach, JSON.stringify(t.rhk), JSON.stringify(t.ekspektasi)],
    );
    return toTemplate(row as Raw);
  }

  async deleteTemplate(tx: TenantTx, id: string): Promise<void> {
    await tx.manager.query(`DELETE FROM skp_template WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, id]);
  }

  /** The placements on a date of these employees (those with none are absent). */
  async placementsOf(tx: TenantTx, employeeIds: readonly string[], date: LocalDate): Promise<Placement[]> {
    if (employeeIds.length === 0) return [];
    const rows = (await tx.manager.query(
      `${placementSelect} WHERE a.tenant_id = $1 AND a.employee_id = ANY($3::uuid[]) AND ${covers}
       ORDER BY a.employee_id, a.from_date DESC`,
      [tx.tenantId, date, employeeIds],
    )) as PlacementRow[];
    return rows.map(toPlacement);
  }

  /** R4: the placements on a date in a position, by name and/or jenis jabatan (an empty one matches any). */
  async placementsInPosition(
    tx: TenantTx,
    positionName: string,
    jenisJabatan: string,
    date: LocalDate,
  ): Promise<Placement[]> {
    const rows = (await tx.manager.query(
      `SELECT * FROM (${placementSelect} WHERE a.tenant_id = $1 AND ${covers} ORDER BY a.employee_id, a.from_date DESC) p
       WHERE ($3 = '' OR lower(p.position_name) = lower($3)) AND ($4 = '' OR p.jenis_jabatan = $4)`,
      [tx.tenantId, date, positionName, jenisJabatan],
    )) as PlacementRow[];
    return rows.map(toPlacement);
  }

  async knownEmployees(tx: TenantTx, ids: readonly string[]): Promise<Set<string>> {
    const rows = (await tx.manager.query(`SELECT id FROM org_employee WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tx.tenantId,
      ids,
    ])) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** The SKPs of a year of these employees with their working versions. */
  async workingSkps(tx: TenantTx, employeeIds: readonly string[], year: number): Promise<WorkingSkp[]> {
    if (employeeIds.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT s.id, s.employee_id, s.assignment_from::text, s.status, s.version, s.working_version, s.in_force_version,
         v.status AS working_status, v.content
       FROM skp s JOIN skp_version v ON v.tenant_id = s.tenant_id AND v.skp_id = s.id AND v.number = s.working_version
       WHERE s.tenant_id = $1 AND s.employee_id = ANY($2::uuid[]) AND s.year = $3`,
      [tx.tenantId, employeeIds, year],
    )) as Raw[];
    return rows.map((r) => ({
      id: r.id as string,
      employeeId: r.employee_id as string,
      assignmentFrom: r.assignment_from as string,
      status: r.status as SkpStatus,
      version: r.version as number,
      workingVersion: r.working_version as number,
      inForceVersion: r.in_force_version as number | null,
      workingStatus: r.working_status as SkpStatus,
      content: r.content as SkpContent,
    }));
  }

  /** Working and in-force versions of a year's SKPs of these employees (the team matrix's citations). */
  async versionsOf(
    tx: TenantTx,
    employeeIds: readonly string[],
    year: number,
  ): Promise<
    {
      skpId: string;
      employeeId: string;
      assignmentFrom: string;
      skpStatus: SkpStatus;
      working: boolean;
      versionStatus: SkpStatus;
      content: SkpContent;
    }[]
  > {
    if (employeeIds.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT s.id, s.employee_id, s.assignment_from::text, s.status, v.number = s.working_version AS working,
         v.status AS version_status, v.content
       FROM skp s JOIN skp_version v ON v.tenant_id = s.tenant_id AND v.skp_id = s.id
         AND v.number IN (s.working_version, s.in_force_version)
       WHERE s.tenant_id = $1 AND s.employee_id = ANY($2::uuid[]) AND s.year = $3
       ORDER BY s.start_date, v.number DESC`,
      [tx.tenantId, employeeIds, year],
    )) as Raw[];
    return rows.map((r) => ({
      skpId: r.id as string,
      employeeId: r.employee_id as string,
      assignmentFrom: r.assignment_from as string,
      skpStatus: r.status as SkpStatus,
      working: r.working as boolean,
      versionStatus: r.version_status as SkpStatus,
      content: r.content as SkpContent,
    }));
  }

  async insertJob(
    tx: TenantTx,
    job: Pick<JobRow, 'id' | 'kind' | 'templateId' | 'year' | 'requestedBy' | 'total'> & {
      target: unknown;
      skipped: ApplySkip[];
    },
  ): Promise<void> {
    await tx.manager.query(
      `INSERT INTO skp_apply_job (tenant_id, id, kind, template_id, year, target, requested_by, state, total, processed, report)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'RUNNING', $8, $9, $10::jsonb)`,
      [
        tx.tenantId,
        job.id,
        job.kind,
        job.templateId,
        job.year,
        JSON.stringify(job.target),
        job.requestedBy,
        job.total,
        job.skipped.length,
        JSON.stringify({ created: [], extended: [], skipped: job.skipped }),
      ],
    );
  }

  /** Adds a chunk's outcome to the job's report and progress (in the chunk's transaction). */
  async progressJob(tx: TenantTx, id: string, part: ApplyReport, processed: number): Promise<void> {
    await tx.manager.query(
      `UPDATE skp_apply_job SET processed = processed + $3, updated_at = now(),
         report = jsonb_build_object('created', report->'created' || $4::jsonb, 'extended', report->'extended' || $5::jsonb,
           'skipped', report->'skipped' || $6::jsonb)
       WHERE tenant_id = $1 AND id = $2`,
      [
        tx.tenantId,
        id,
        processed,
        JSON.stringify(part.created),
        JSON.stringify(part.extended),
        JSON.stringify(part.skipped),
      ],
    );
  }

  async finishJob(tx: TenantTx, id: string, state: 'DONE' | 'FAILED', error = ''): Promise<void> {
    await tx.manager.query(
      `UPDATE skp_apply_job SET state = $3, error = $4, finished_at = now(), updated_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id, state, error],
    );
  }

  async job(tx: TenantTx, id: string): Promise<JobRow | null> {
    const [row] = (await tx.manager.query(`SELECT ${jobColumns} FROM skp_apply_job WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
    ])) as Raw[];
    return row ? toJob(row) : null;
  }

  async assignments(tx: TenantTx, raterSkpId: string): Promise<AssignmentRow[]> {
    const rows = (await tx.manager.query(
      `SELECT rater_rhk_id, employee_id, result_text, role FROM mpph_assignment
       WHERE tenant_id = $1 AND rater_skp_id = $2 ORDER BY updated_at, id`,
      [tx.tenantId, raterSkpId],
    )) as Raw[];
    return rows.map((r) => ({
      raterRhkId: r.rater_rhk_id as string,
      employeeId: r.employee_id as string,
      resultText: r.result_text as string,
      role: r.role as string,
    }));
  }

  async putAssignment(tx: TenantTx, raterSkpId: string, a: AssignmentRow, by: string): Promise<void> {
    if (a.resultText === '') {
      await tx.manager.query(
        `DELETE FROM mpph_assignment WHERE tenant_id = $1 AND rater_skp_id = $2 AND rater_rhk_id = $3 AND employee_id = $4`,
        [tx.tenantId, raterSkpId, a.raterRhkId, a.employeeId],
      );
      return;
    }
    await tx.manager.query(
      `INSERT INTO mpph_assignment (tenant_id, id, rater_skp_id, rater_rhk_id, employee_id, result_text, role, updated_by)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, rater_skp_id, rater_rhk_id, employee_id) DO UPDATE
         SET result_text = excluded.result_text, role = excluded.role, updated_by = excluded.updated_by, updated_at = now()`,
      [tx.tenantId, raterSkpId, a.raterRhkId, a.employeeId, a.resultText, a.role, by],
    );
  }

  /** R5: whether the employee is a PLT/PLH on the date of a unit the other employee heads definitively. */
  async actsFor(tx: TenantTx, actingEmployeeId: string, headEmployeeId: string, date: LocalDate): Promise<boolean> {
    const rows = (await tx.manager.query(
      `SELECT 1 FROM org_acting x JOIN org_unit_head h ON h.tenant_id = x.tenant_id AND h.unit_id = x.unit_id
         AND h.employee_id = $4 AND h.from_date <= $2::date AND (h.to_date IS NULL OR h.to_date >= $2::date)
       WHERE x.tenant_id = $1 AND x.employee_id = $3 AND NOT x.revoked
         AND x.from_date <= $2::date AND (x.to_date IS NULL OR x.to_date >= $2::date) LIMIT 1`,
      [tx.tenantId, date, actingEmployeeId, headEmployeeId],
    )) as unknown[];
    return rows.length > 0;
  }
}
