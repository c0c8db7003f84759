import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { localDate, skpLateness, type SkpStatus } from '@kinerja/domain';
import { OrgDirectory, type EmployeeRecord, type Placement } from '@kinerja/org-projection';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import { addDays } from '../clock.js';
import { emptyContent, type SkpContent } from '../skp/skp-content.js';
import { publishSkpEvent } from '../skp/skp-events.js';
import { toSkpMessage } from '../skp/skp.mapper.js';
import {
  PlanningRepository,
  type ApplyEntry,
  type ApplyReport,
  type ApplySkip,
  type WorkingSkp,
} from './planning.repository.js';
import { mergeTemplate, type TemplateRows } from './template-merge.js';

// Writes template rows into many employees' SKPs (decision 0014). The employees are written in chunks, one
// transaction per chunk with the job's progress, so nothing runs for minutes and progress is visible; within a
// chunk every employee's change is one row of a few set-based statements, each guarded by the SKP's version, so an
// employee is written whole or reported skipped (CONFLICT), never half. A chunk that fails reports its employees
// FAILED; the next application writes them (applying is idempotent).

export type ApplyActor = {
  subject: string;
  role: 'RATER' | 'PERFORMANCE_MANAGER';
  action: 'APPLY_TEMPLATE' | 'MPPH_PREFILL';
};

/** One employee to write: the placement on the date, the rows, and whether cascade links are kept (R9). */
export type EmployeePlan = { placement: Placement; template: TemplateRows; keepLinks: boolean };

export const APPLY_CHUNK = 500;

const message: Record<string, string> = {
  SKP_IN_FORCE: 'SKP sudah disetujui dan tidak sedang direvisi.',
  SKP_SUBMITTED: 'SKP sedang menunggu keputusan pejabat penilai.',
  SKP_CLOSED: 'SKP sudah ditutup.',
  CONFLICT: 'SKP diubah orang lain pada saat yang sama; terapkan ulang.',
  FAILED: 'Gagal ditulis; terapkan ulang.',
};
const skip = (employeeId: string, reason: string, skpId?: string, text?: string): ApplySkip => ({
  employeeId,
  reason,
  message: text ?? message[reason] ?? reason,
  ...(skpId ? { skpId } : {}),
});

@Injectable()
export class SkpApplier {
  constructor(
    private readonly db: TenantDatabase,
    private readonly directory: OrgDirectory,
    private readonly planning: PlanningRepository,
  ) {}

  /** Runs a job already recorded: every chunk, then DONE (or FAILED with the error). */
  async run(tenantId: string, jobId: string, year: number, actor: ApplyActor, plans: EmployeePlan[]): Promise<void> {
    try {
      for (let i = 0; i < plans.length; i += APPLY_CHUNK) {
        const chunk = plans.slice(i, i + APPLY_CHUNK);
        try {
          await this.db.withTenant(tenantId, async (tx) => {
            const part = await this.writeChunk(tx, year, actor, chunk);
            await this.planning.progressJob(tx, jobId, part, chunk.length);
          });
        } catch {
          await this.db.withTenant(tenantId, (tx) =>
            this.planning.progressJob(
              tx,
              jobId,
              { created: [], extended: [], skipped: chunk.map((p) => skip(p.placement.employeeId, 'FAILED')) },
              chunk.length,
            ),
          );
        }
      }
      await this.db.withTenant(tenantId, (tx) => this.planning.finishJob(tx, jobId, 'DONE'));
    } catch (error) {
      await this.db
        .withTenant(tenantId, (tx) => this.planning.finishJob(tx, jobId, 'FAILED', String(error)))
        .catch(() => undefined);
    }
  }

  async writeChunk(tx: TenantTx, year: number, actor: ApplyActor, plans: EmployeePlan[]): Promise<ApplyReport> {
    const report: ApplyReport = { created: [], extended: [], skipped: [] };
    const ids = plans.map((p) => p.placement.employeeId);
    const existing = await this.planning.workingSkps(tx, ids, year);
    const byKey = new Map(existing.map((s) => [`${s.employeeId}/${s.assignmentFrom}`, s]));
    const creates: { plan: EmployeePlan; id: string; content: SkpContent; entry: ApplyEntry }[] = [];
    const extends_: { skp: WorkingSkp; content: SkpContent; to: SkpStatus; entry: ApplyEntry }[] = [];
    for (const plan of plans) {
      const employeeId = plan.placement.employeeId;
      const skp = byKey.get(`${employeeId}/${plan.placement.from}`);
      if (skp) {
        // R11: the working version takes edits while DRAFT or REJECTED (the latter back to DRAFT); an open
        // revision is a DRAFT working version beside the one in force.
        if (skp.status === 'CLOSED') report.skipped.push(skip(employeeId, 'SKP_CLOSED', skp.id));
        else if (skp.workingStatus === 'SUBMITTED') report.skipped.push(skip(employeeId, 'SKP_SUBMITTED', skp.id));
        else if (skp.workingStatus !== 'DRAFT' && skp.workingStatus !== 'REJECTED')
          report.skipped.push(skip(employeeId, 'SKP_IN_FORCE', skp.id));
        else {
          const merged = mergeTemplate(skp.content, plan.template, { keepLinks: plan.keepLinks, newId: randomUUID });
          if (!merged.ok) report.skipped.push(skip(employeeId, merged.reason, skp.id, merged.message));
          else
            extends_.push({
              skp,
              content: merged.content,
              to: 'DRAFT',
              entry: { employeeId, skpId: skp.id, rhkAdded: merged.rhkAdded, ikiAdded: merged.ikiAdded },
            });
        }
        continue;
      }
      const merged = mergeTemplate(emptyContent(), plan.template, { keepLinks: plan.keepLinks, newId: randomUUID });
      if (!merged.ok) {
        report.skipped.push(skip(employeeId, merged.reason, undefined, merged.message));
        continue;
      }
      const id = randomUUID();
      creates.push({
        plan,
        id,
        content: merged.content,
        entry: { employeeId, skpId: id, rhkAdded: merged.rhkAdded, ikiAdded: merged.ikiAdded },
      });
    }

    const created = await this.insertSkps(tx, year, actor, creates);
    const people = new Map(
      (
        await this.directory.employees(
          tx,
          creates.filter((c) => created.has(c.id)).map((c) => c.plan.placement.employeeId),
        )
      ).map((e) => [e.id, e]),
    );
    for (const c of creates) {
      if (!created.has(c.id)) {
        report.skipped.push(skip(c.plan.placement.employeeId, 'CONFLICT'));
        continue;
      }
      report.created.push(c.entry);
      this.publishCreated(tx, year, actor, c, created.get(c.id) as Date, people.get(c.plan.placement.employeeId));
    }
    const extended = await this.updateSkps(tx, extends_);
    for (const e of extends_)
      if (extended.has(e.skp.id)) report.extended.push(e.entry);
      else report.skipped.push(skip(e.skp.employeeId, 'CONFLICT', e.skp.id));
    // R11, R42: a write into someone's SKP by a rater or a manager is on the SKP's audit trail.
    const audited = [
      ...creates.filter((c) => created.has(c.id)).map((c) => ({ skpId: c.id, number: 1, from: 'DRAFT', to: 'DRAFT' })),
      ...extends_
        .filter((e) => extended.has(e.skp.id))
        .map((e) => ({ skpId: e.skp.id, number: e.skp.workingVersion, from: e.skp.workingStatus, to: e.to })),
    ];
    if (audited.length > 0)
      await tx.manager.query(
        `INSERT INTO skp_audit (tenant_id, id, skp_id, version_number, action, from_status, to_status, actor, actor_role)
         SELECT $1, gen_random_uuid(), a.skp_id, a.number, $6, a.from_status, a.to_status, $7, $8
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS a(skp_id, number, from_status, to_status)`,
        [
          tx.tenantId,
          audited.map((a) => a.skpId),
          audited.map((a) => a.number),
          audited.map((a) => a.from),
          audited.map((a) => a.to),
          actor.action,
          actor.subject,
          actor.role,
        ],
      );
    return report;
  }

  // R8, R13: a new DRAFT for the position held on the date, as CreateSkpHandler makes one; an SKP created meanwhile
  // for the same position wins (ON CONFLICT), and the employee is reported CONFLICT.
  private async insertSkps(
    tx: TenantTx,
    year: number,
    actor: ApplyActor,
    creates: { plan: EmployeePlan; id: string; content: SkpContent }[],
  ): Promise<Map<string, Date>> {
    if (creates.length === 0) return new Map();
    const yearStart = localDate(year, 1, 1);
    const yearEnd = localDate(year, 12, 31);
    const rows = creates.map(({ plan: { placement: p }, id, content }) => {
      const startDate = p.from > yearStart ? p.from : yearStart;
      const endDate = p.to !== null && p.to < yearEnd ? p.to : yearEnd;
      const positionChangeOn = p.from > yearStart ? p.from : null;
      const due = skpLateness(year, positionChangeOn ?? yearStart, positionChangeOn);
      return {
        id,
        p,
        startDate,
        endDate,
        positionChangeOn,
        dueBy: due.ok ? due.value.deadline : addDays(startDate, 30),
        content,
      };
    });
    const inserted = (await tx.manager.query(
      `WITH d AS (
         SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::date[],
           $10::date[], $11::date[], $12::date[], $13::date[], $14::text[])
           AS d(id, employee_id, unit_id, position_name, jenis_jabatan, jenjang, assignment_from, start_date, end_date,
             due_by, position_change_on, content)
       ), s AS (
         INSERT INTO skp (tenant_id, id, employee_id, year, unit_id, position_name, jenis_jabatan, jenjang,
           assignment_from, start_date, end_date, status, working_version, in_force_version, late, due_by, on_behalf,
           position_change_on, created_by)
         SELECT $1, d.id, d.employee_id, $2, d.unit_id, d.position_name, d.jenis_jabatan, d.jenjang, d.assignment_from,
           d.start_date, d.end_date, 'DRAFT', 1, NULL, false, d.due_by, false, d.position_change_on, $15 FROM d
         ON CONFLICT (tenant_id, employee_id, year, assignment_from) DO NOTHING
         RETURNING id, created_at
       ), v AS (
         INSERT INTO skp_version (tenant_id, skp_id, number, status, content, created_by)
         SELECT $1, d.id, 1, 'DRAFT', d.content::jsonb, $15 FROM d JOIN s ON s.id = d.id
       ), r AS (
         UPDATE skp_requirement q SET fulfilled_skp_id = d.id FROM d JOIN s ON s.id = d.id
         WHERE q.tenant_id = $1 AND q.employee_id = d.employee_id AND q.from_date = d.assignment_from
           AND q.fulfilled_skp_id IS NULL
       )
       SELECT id, created_at FROM s`,
      [
        tx.tenantId,
        year,
        rows.map((r) => r.id),
        rows.map((r) => r.p.employeeId),
        rows.map((r) => r.p.unitId),
        rows.map((r) => r.p.positionName),
        rows.map((r) => r.p.jenisJabatan),
        rows.map((r) => r.p.jenjang),
        rows.map((r) => r.p.from),
        rows.map((r) => r.startDate),
        rows.map((r) => r.endDate),
        rows.map((r) => r.dueBy),
        rows.map((r) => r.positionChangeOn),
        rows.map((r) => JSON.stringify(r.content)),
        actor.subject,
      ],
    )) as { id: string; created_at: Date }[];
    return new Map(inserted.map((r) => [r.id, r.created_at]));
  }

  // The working version's new content, guarded by the header's version read with it (the ETag): an SKP changed
  // since is left alone. The header's version is bumped like any edit's; REJECTED becomes DRAFT (R11).
  private async updateSkps(
    tx: TenantTx,
    updates: { skp: WorkingSkp; content: SkpContent; to: SkpStatus }[],
  ): Promise<Set<string>> {
    if (updates.length === 0) return new Set();
    const rows = (await tx.manager.query(
      `WITH d AS (
         SELECT * FROM unnest($2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[])
           AS d(skp_id, expected, number, to_status, content)
       ), h AS (
         UPDATE skp s SET status = CASE WHEN s.in_force_version IS NULL THEN d.to_status ELSE 'REVISION' END,
           version = s.version + 1
         FROM d WHERE s.tenant_id = $1 AND s.id = d.skp_id AND s.version = d.expected AND s.working_version = d.number
         RETURNING s.id
       )
       UPDATE skp_version v SET content = d.content::jsonb, status = d.to_status
       FROM d JOIN h ON h.id = d.skp_id
       WHERE v.tenant_id = $1 AND v.skp_id = d.skp_id AND v.number = d.number
       RETURNING v.skp_id`,
      [
        tx.tenantId,
        updates.map((u) => u.skp.id),
        updates.map((u) => u.skp.version),
        updates.map((u) => u.skp.workingVersion),
        updates.map((u) => u.to),
        updates.map((u) => JSON.stringify(u.content)),
      ],
    )) as unknown;
    const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as { skp_id: string }[];
    return new Set(list.map((r) => r.skp_id));
  }

  // The event a manual creation records (SkpCreated), so consumers cannot tell the two apart.
  private publishCreated(
    tx: TenantTx,
    year: number,
    actor: ApplyActor,
    c: { plan: EmployeePlan; id: string; content: SkpContent },
    createdAt: Date,
    person: EmployeeRecord | undefined,
  ): void {
    const p = c.plan.placement;
    const yearStart = localDate(year, 1, 1);
    const yearEnd = localDate(year, 12, 31);
    const positionChangeOn = p.from > yearStart ? p.from : null;
    const due = skpLateness(year, positionChangeOn ?? yearStart, positionChangeOn);
    const startDate = p.from > yearStart ? p.from : yearStart;
    const skp = toSkpMessage(
      tx.tenantId,
      {
        skp: {
          id: c.id,
          employeeId: p.employeeId,
          year,
          unitId: p.unitId,
          positionName: p.positionName,
          jenisJabatan: p.jenisJabatan,
          jenjang: p.jenjang,
          assignmentFrom: p.from,
          startDate,
          endDate: p.to !== null && p.to < yearEnd ? p.to : yearEnd,
          status: 'DRAFT',
          workingVersion: 1,
          inForceVersion: null,
          late: false,
          dueBy: due.ok ? due.value.deadline : addDays(startDate, 30),
          onBehalf: false,
          approvedOn: null,
          closedOn: null,
          closeReason: null,
          positionChangeOn,
          createdBy: actor.subject,
          createdAt,
          version: 1,
        },
        working: {
          number: 1,
          status: 'DRAFT',
          content: c.content,
          createdBy: actor.subject,
          createdAt,
          submittedAt: null,
          decidedAt: null,
          reason: null,
        },
        inForce: null,
      },
      { employeeName: person?.name, employeeNip: person?.nip },
    );
    publishSkpEvent(tx, targetsV1.SkpCreatedSchema, { skp, actor: actor.subject }, c.id, 'created');
  }
}
