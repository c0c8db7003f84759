import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { SKP_LIMITS } from '@kinerja/domain';
import { OrgDirectory, type Placement } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { clamp } from '../clock.js';
import { TenantContext, type Caller } from '../org/tenant-context.js';
import { forbidden, invalid, notFound } from '../targets-error.js';
import { SkpRepository, type SkpAggregate } from '../skp/skp.repository.js';
import { PlanningRepository, type ApplySkip } from './planning.repository.js';
import type { EmployeePlan } from './skp-applier.js';
import { TemplatesHandler } from './templates.handler.js';
import type { TemplateRhk } from './template-merge.js';

// The team matrix (MPPH, matriks peran dan hasil) of a rater's SKP: rows are the rater's RHKs (the version in
// force, else the working one), columns the employees the SKP's owner rates on the date (R5) — and, for an acting
// head (PLT/PLH) of the owner's unit within the appointment's dates, the employees the acting head rates — cells the
// subordinates' RHKs citing the row (R9) and the contribution the rater plans for them. The rater (or that acting
// head) assigns and prefills; performance managers and tenant admins read.

export const MATRIX_LIMITS = { role: 100 } as const;

type Context = {
  agg: SkpAggregate;
  editable: boolean;
  date: string;
  columns: Placement[];
};

@Injectable()
export class TeamMatrixHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
    private readonly planning: PlanningRepository,
    private readonly templates: TemplatesHandler,
  ) {}

  get(principal: Principal, skpId: string): Promise<targetsV1.TeamMatrix> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      return this.matrix(tx, await this.open(tx, caller, skpId));
    });
  }

  put(principal: Principal, request: targetsV1.PutTeamMatrixRequest): Promise<targetsV1.TeamMatrix> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const ctx = await this.open(tx, caller, request.skpId);
      if (!ctx.editable) throw forbidden('Matriks peran dan hasil diisi oleh pejabat penilai.');
      const rows = new Set(this.rowsOf(ctx.agg).map((r) => r.id));
      const columns = new Set(ctx.columns.map((c) => c.employeeId));
      const fields: FieldError[] = [];
      request.assignments.forEach((a, i) => {
        if (!rows.has(a.rhkId))
          fields.push({ field: `assignments.${i}.rhkId`, code: 'UNKNOWN_ID', message: 'Bukan RHK SKP ini.' });
        if (!columns.has(a.employeeId))
          fields.push({
            field: `assignments.${i}.employeeId`,
            code: 'NOT_SUBORDINATE',
            message: 'Bukan pegawai yang dinilai pemilik SKP ini (R5).',
          });
        if (a.resultText.trim().length > SKP_LIMITS.text)
          fields.push({
            field: `assignments.${i}.resultText`,
            code: 'TOO_LONG',
            message: `Paling banyak ${SKP_LIMITS.text} karakter.`,
          });
        if (a.role.trim().length > MATRIX_LIMITS.role)
          fields.push({
            field: `assignments.${i}.role`,
            code: 'TOO_LONG',
            message: `Paling banyak ${MATRIX_LIMITS.role} karakter.`,
          });
      });
      if (fields.length > 0) throw invalid(fields);
      for (const a of request.assignments)
        await this.planning.putAssignment(
          tx,
          ctx.agg.skp.id,
          { raterRhkId: a.rhkId, employeeId: a.employeeId, resultText: a.resultText.trim(), role: a.role.trim() },
          caller.subject,
        );
      return this.matrix(tx, ctx);
    });
  }

  // Pre-fills the subordinates' drafts with one UTAMA RHK per assignment, citing the rater's RHK (R9); the same
  // writer as a template's application, so it is idempotent and reports what it skipped.
  async prefill(principal: Principal, request: targetsV1.PrefillTeamMatrixRequest): Promise<targetsV1.SkpApplyJob> {
    const tenantId = this.context.tenantIdOf(principal);
    const started = await this.db.withTenant(tenantId, async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const ctx = await this.open(tx, caller, request.skpId);
      if (!ctx.editable) throw forbidden('Matriks peran dan hasil diisi oleh pejabat penilai.');
      const assignments = await this.planning.assignments(tx, ctx.agg.skp.id);
      const wanted = request.employeeIds.length > 0 ? new Set(request.employeeIds) : null;
      const skipped: ApplySkip[] = [];
      const columns = new Map(ctx.columns.map((c) => [c.employeeId, c]));
      if (wanted)
        for (const id of wanted)
          if (!columns.has(id))
            skipped.push({ employeeId: id, reason: 'NOT_SUBORDINATE', message: 'Bukan pegawai yang Anda nilai (R5).' });
      const statuses = await this.directory.statusesOn(tx, [...columns.keys()], ctx.date);
      const plans: EmployeePlan[] = [];
      for (const placement of ctx.columns) {
        const id = placement.employeeId;
        if (wanted && !wanted.has(id)) continue;
        const rows: TemplateRhk[] = assignments
          .filter((a) => a.employeeId === id)
          .map((a) => ({ jenis: 'UTAMA', text: a.resultText, perspektif: null, rhkAtasanId: a.raterRhkId, iki: [] }));
        if (rows.length === 0) {
          if (wanted)
            skipped.push({ employeeId: id, reason: 'NOTHING_TO_ADD', message: 'Belum ada peran dan hasil untuknya.' });
          continue;
        }
        if (statuses.get(id) !== 'AKTIF') {
          skipped.push({
            employeeId: id,
            reason: 'EMPLOYEE_NOT_ACTIVE',
            message: `Status kepegawaian ${statuses.get(id) ?? '-'}: tidak memerlukan SKP (R3).`,
          });
          continue;
        }
        plans.push({ placement, template: { approach: 'KUANTITATIF', rhk: rows, ekspektasi: {} }, keepLinks: true });
      }
      const jobId = randomUUID();
      await this.planning.insertJob(tx, {
        id: jobId,
        kind: 'MPPH_PREFILL',
        templateId: null,
        year: ctx.agg.skp.year,
        requestedBy: caller.subject,
        total: plans.length + skipped.length,
        target: { raterSkpId: ctx.agg.skp.id, employeeIds: request.employeeIds.length },
        skipped,
      });
      const role =
        caller.isPerformanceManager && caller.employeeId !== ctx.agg.skp.employeeId ? 'PERFORMANCE_MANAGER' : 'RATER';
      return {
        jobId,
        plans,
        year: ctx.agg.skp.year,
        actor: { subject: caller.subject, role, action: 'MPPH_PREFILL' } as const,
      };
    });
    return this.templates.runJob(tenantId, started.jobId, started.year, started.actor, started.plans);
  }

  private rowsOf(agg: SkpAggregate) {
    return (agg.inForce ?? agg.working).content.rhk;
  }

  private async open(tx: TenantTx, caller: Caller, skpId: string): Promise<Context> {
    const agg = await this.skps.load(tx, skpId);
    if (!agg) throw notFound('SKP');
    const { skp } = agg;
    const date = clamp(caller.today, skp.startDate, skp.endDate);
    const owner = caller.employeeId !== null && caller.employeeId === skp.employeeId;
    const acting =
      !owner &&
      caller.employeeId !== null &&
      (await this.planning.actsFor(tx, caller.employeeId, skp.employeeId, date));
    if (!(owner || acting || caller.isPerformanceManager || caller.isTenantAdmin))
      throw forbidden('Matriks peran dan hasil dibaca oleh pejabat penilai dan pengelola kinerja.');
    const raters = [skp.employeeId, ...(acting && caller.employeeId ? [caller.employeeId] : [])];
    const columns = new Map<string, Placement>();
    for (const rater of raters)
      for (const s of await this.directory.subordinatesOn(tx, rater, date))
        if (s.placement.employeeId !== skp.employeeId) columns.set(s.placement.employeeId, s.placement);
    return {
      agg,
      editable: skp.status !== 'CLOSED' && (owner || acting),
      date,
      columns: [...columns.values()],
    };
  }

  private async matrix(tx: TenantTx, ctx: Context): Promise<targetsV1.TeamMatrix> {
    const { skp } = ctx.agg;
    const rows = this.rowsOf(ctx.agg);
    const rowIds = new Set(rows.map((r) => r.id));
    const ids = ctx.columns.map((c) => c.employeeId);
    const people = new Map((await this.directory.employees(tx, ids)).map((e) => [e.id, e]));
    const versions = await this.planning.versionsOf(tx, ids, skp.year);
    const assignments = await this.planning.assignments(tx, skp.id);
    const cells = new Map<string, targetsV1.TeamMatrixCell>();
    const cell = (rhkId: string, employeeId: string) => {
      const key = `${rhkId}/${employeeId}`;
      let found = cells.get(key);
      if (!found) {
        found = create(targetsV1.TeamMatrixCellSchema, { rhkId, employeeId });
        cells.set(key, found);
      }
      return found;
    };
    for (const a of assignments) {
      if (!rowIds.has(a.raterRhkId) || !ctx.columns.some((c) => c.employeeId === a.employeeId)) continue;
      const c = cell(a.raterRhkId, a.employeeId);
      c.resultText = a.resultText;
      c.role = a.role;
    }
    // R9: a row cited by the working version and by the version in force is shown once, with the working status.
    const seen = new Set<string>();
    for (const v of versions)
      for (const rhk of v.content.rhk) {
        if (!rhk.rhkAtasanId || !rowIds.has(rhk.rhkAtasanId) || seen.has(`${v.skpId}/${rhk.id}`)) continue;
        seen.add(`${v.skpId}/${rhk.id}`);
        cell(rhk.rhkAtasanId, v.employeeId).citations.push(
          create(targetsV1.TeamMatrixCitationSchema, {
            skpId: v.skpId,
            rhkId: rhk.id,
            rhkText: rhk.text,
            versionStatus: v.versionStatus,
          }),
        );
      }
    return create(targetsV1.TeamMatrixSchema, {
      skpId: skp.id,
      raterEmployeeId: skp.employeeId,
      year: skp.year,
      asOf: ctx.date,
      rows: rows.map((r) => ({ rhkId: r.id, jenis: r.jenis, text: r.text })),
      columns: ctx.columns
        .map((c) => {
          const own = versions.find((v) => v.employeeId === c.employeeId && v.assignmentFrom === c.from);
          return create(targetsV1.TeamMatrixColumnSchema, {
            employeeId: c.employeeId,
            employeeName: people.get(c.employeeId)?.name ?? '',
            employeeNip: people.get(c.employeeId)?.nip ?? '',
            positionName: c.positionName,
            skpId: own?.skpId ?? '',
            skpStatus: own?.skpStatus ?? 'NONE',
          });
        })
        .sort((a, b) => a.employeeName.localeCompare(b.employeeName)),
      cells: [...cells.values()],
      editable: ctx.editable,
    });
  }
}
