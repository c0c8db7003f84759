import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { BERAKHLAK_VALUES, localDate, perilakuRows, SKP_LIMITS, type LocalDate } from '@kinerja/domain';
import { OrgDirectory, type Placement } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { clamp } from '../clock.js';
import { TenantContext, type Caller } from '../org/tenant-context.js';
import { checkIfMatch, forbidden, invalid, notFound } from '../targets-error.js';
import { checkContentEdit } from '../skp/skp-content.js';
import { SkpRepository } from '../skp/skp.repository.js';
import { PlanningRepository, type ApplySkip, type TemplateRow } from './planning.repository.js';
import { toJobMessage, toTemplateMessage } from './planning.mapper.js';
import { SkpApplier, type ApplyActor, type EmployeePlan } from './skp-applier.js';
import { sameText, type TemplateRhk, type TemplateRows } from './template-merge.js';

// SKP templates (decision 0014): a performance manager's are the tenant's (TENANT), a rater's are their own (OWN).
// Applying one writes its rows into the SKPs of a unit's, a position's or a list's employees: a performance manager
// anyone in the tenant, a rater only the employees they rate on the date (R5); exempt employees (R3) are skipped.

export const TEMPLATE_LIMITS = { name: 200, description: 1_000, applyEmployees: 20_000 } as const;
/** Applications to at most this many employees answer with the finished report; larger ones run as a job. */
export const APPLY_SYNC_LIMIT = 200;

type TemplateInput = Pick<
  targetsV1.CreateSkpTemplateRequest,
  'name' | 'description' | 'approach' | 'rhk' | 'ekspektasi'
>;

@Injectable()
export class TemplatesHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly planning: PlanningRepository,
    private readonly skps: SkpRepository,
    private readonly applier: SkpApplier,
  ) {}

  create(principal: Principal, request: targetsV1.CreateSkpTemplateRequest): Promise<targetsV1.SkpTemplate> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const scope = request.scope || (caller.isPerformanceManager ? 'TENANT' : 'OWN');
      if (scope !== 'TENANT' && scope !== 'OWN')
        throw invalid([{ field: 'scope', code: 'INVALID_VALUE', message: 'TENANT | OWN' }]);
      if (scope === 'TENANT' && !caller.isPerformanceManager)
        throw forbidden('Templat untuk seluruh instansi dibuat oleh pengelola kinerja.');
      if (scope === 'OWN' && !(await this.isRater(tx, caller)))
        throw forbidden('Templat sendiri dibuat oleh pejabat penilai untuk pegawai yang dinilainya.');
      const rows = await this.checkTemplate(tx, caller, request);
      const row = await this.planning.insertTemplate(tx, {
        id: randomUUID(),
        name: request.name.trim(),
        description: request.description.trim(),
        scope,
        ownerEmployeeId: caller.employeeId,
        ownerSubject: caller.subject,
        ...rows,
      });
      return toTemplateMessage(row);
    });
  }

  get(principal: Principal, id: string): Promise<targetsV1.SkpTemplate> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      return toTemplateMessage(await this.readable(tx, caller, id));
    });
  }

  list(principal: Principal): Promise<targetsV1.SkpTemplate[]> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const all = caller.isPerformanceManager || caller.isTenantAdmin;
      return (await this.planning.templates(tx, caller.employeeId, all)).map(toTemplateMessage);
    });
  }

  update(principal: Principal, request: targetsV1.UpdateSkpTemplateRequest): Promise<targetsV1.SkpTemplate> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const current = await this.writable(tx, caller, request.id);
      checkIfMatch(request.ifMatch, current.version, false);
      const rows = await this.checkTemplate(tx, caller, request, current);
      const row = await this.planning.updateTemplate(tx, {
        ...current,
        name: request.name.trim(),
        description: request.description.trim(),
        ...rows,
      });
      return toTemplateMessage(row);
    });
  }

  delete(principal: Principal, id: string): Promise<void> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      await this.writable(tx, caller, id);
      await this.planning.deleteTemplate(tx, id);
    });
  }

  async apply(principal: Principal, request: targetsV1.ApplySkpTemplateRequest): Promise<targetsV1.SkpApplyJob> {
    if (request.year < 2000 || request.year > 2100)
      throw invalid([{ field: 'year', code: 'OUT_OF_RANGE', message: '2000–2100.' }]);
    const target = request.target ?? {
      unitId: '',
      includeDescendants: false,
      positionName: '',
      jenisJabatan: '',
      employeeIds: [],
    };
    const kinds = [
      target.unitId !== '',
      target.positionName !== '' || target.jenisJabatan !== '',
      target.employeeIds.length > 0,
    ];
    if (kinds.filter(Boolean).length !== 1)
      throw invalid([
        { field: 'target', code: 'INVALID_VALUE', message: 'Pilih tepat satu: unit, jabatan, atau daftar pegawai.' },
      ]);
    if (target.employeeIds.length > TEMPLATE_LIMITS.applyEmployees)
      throw invalid([
        { field: 'target.employeeIds', code: 'TOO_MANY', message: `Paling banyak ${TEMPLATE_LIMITS.applyEmployees}.` },
      ]);
    const tenantId = this.context.tenantIdOf(principal);
    const started = await this.db.withTenant(tenantId, async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const template = await this.readable(tx, caller, request.id);
      const date = clamp(caller.today, localDate(request.year, 1, 1), localDate(request.year, 12, 31));
      const rater = !caller.isPerformanceManager;
      if (rater && !(await this.isRater(tx, caller)))
        throw forbidden('Templat diterapkan oleh pengelola kinerja atau pejabat penilai.');
      let placements: Placement[];
      const skipped: ApplySkip[] = [];
      if (target.unitId !== '') {
        if ((await this.directory.parentOn(tx, target.unitId, date)) === undefined) throw notFound('Unit');
        const units = target.includeDescendants
          ? await this.directory.subtreeOn(tx, target.unitId, date)
          : [target.unitId];
        placements = await this.directory.membersOn(tx, units, date);
      } else if (target.employeeIds.length > 0) {
        const ids = [...new Set(target.employeeIds)];
        const known = await this.planning.knownEmployees(tx, ids);
        placements = await this.planning.placementsOf(tx, [...known], date);
        const placed = new Set(placements.map((p) => p.employeeId));
        for (const id of ids)
          if (!known.has(id))
            skipped.push({ employeeId: id, reason: 'NOT_FOUND', message: 'Pegawai tidak ditemukan.' });
          else if (!placed.has(id))
            skipped.push({ employeeId: id, reason: 'NO_POSITION', message: `Tidak memiliki jabatan pada ${date}.` });
      } else
        placements = await this.planning.placementsInPosition(
          tx,
          target.positionName.trim(),
          target.jenisJabatan,
          date,
        );
      const plans = await this.plan(tx, caller, template, placements, date, skipped);
      const actor: ApplyActor = {
        subject: caller.subject,
        role: caller.isPerformanceManager ? 'PERFORMANCE_MANAGER' : 'RATER',
        action: 'APPLY_TEMPLATE',
      };
      const jobId = randomUUID();
      await this.planning.insertJob(tx, {
        id: jobId,
        kind: 'TEMPLATE',
        templateId: template.id,
        year: request.year,
        requestedBy: caller.subject,
        total: plans.length + skipped.length,
        target: { ...target, employeeIds: target.employeeIds.length },
        skipped,
      });
      return { jobId, plans, actor };
    });
    return this.runJob(tenantId, started.jobId, request.year, started.actor, started.plans);
  }

  /** Runs a recorded job: to the end when small, else in the background (the caller polls the job). */
  async runJob(
    tenantId: string,
    jobId: string,
    year: number,
    actor: ApplyActor,
    plans: EmployeePlan[],
  ): Promise<targetsV1.SkpApplyJob> {
    const running = this.applier.run(tenantId, jobId, year, actor, plans);
    if (plans.length <= APPLY_SYNC_LIMIT) await running;
    else void running;
    return this.db.withTenant(tenantId, async (tx) => {
      const job = await this.planning.job(tx, jobId);
      if (!job) throw notFound('Pekerjaan');
      return toJobMessage(job, new Date());
    });
  }

  job(principal: Principal, id: string): Promise<targetsV1.SkpApplyJob> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const job = await this.planning.job(tx, id);
      if (!job) throw notFound('Pekerjaan');
      if (!(job.requestedBy === caller.subject || caller.isPerformanceManager || caller.isTenantAdmin))
        throw forbidden('Hanya yang menjalankan penerapan yang dapat membacanya.');
      return toJobMessage(job, new Date());
    });
  }

  // Who gets the rows: AKTIF employees only (R3); a rater only the employees they rate on the date (R5). Cascade
  // links are kept where the template's owner rates the employee (R9: the citation must be the rater's RHK).
  private async plan(
    tx: TenantTx,
    caller: Caller,
    template: TemplateRow,
    placements: Placement[],
    date: LocalDate,
    skipped: ApplySkip[],
  ): Promise<EmployeePlan[]> {
    const statuses = await this.directory.statusesOn(
      tx,
      placements.map((p) => p.employeeId),
      date,
    );
    const ratedBy = async (employeeId: string | null) =>
      employeeId
        ? new Set((await this.directory.subordinatesOn(tx, employeeId, date)).map((s) => s.placement.employeeId))
        : new Set<string>();
    const mine = caller.isPerformanceManager ? null : await ratedBy(caller.employeeId);
    const links = template.rhk.some((r) => r.rhkAtasanId !== null);
    const linked = !links
      ? new Set<string>()
      : template.ownerEmployeeId === caller.employeeId && mine
        ? mine
        : await ratedBy(template.ownerEmployeeId);
    const rows: TemplateRows = { approach: template.approach, rhk: template.rhk, ekspektasi: template.ekspektasi };
    const plans: EmployeePlan[] = [];
    for (const placement of placements) {
      const id = placement.employeeId;
      const status = statuses.get(id);
      if (mine && !mine.has(id))
        skipped.push({ employeeId: id, reason: 'NOT_SUBORDINATE', message: 'Bukan pegawai yang Anda nilai (R5).' });
      else if (status !== 'AKTIF')
        skipped.push({
          employeeId: id,
          reason: 'EMPLOYEE_NOT_ACTIVE',
          message: `Status kepegawaian ${status ?? '-'}: tidak memerlukan SKP (R3).`,
        });
      else plans.push({ placement, template: rows, keepLinks: linked.has(id) });
    }
    return plans;
  }

  private async isRater(tx: TenantTx, caller: Caller): Promise<boolean> {
    if (!caller.employeeId) return false;
    return (await this.directory.subordinatesOn(tx, caller.employeeId, caller.today)).length > 0;
  }

  private async readable(tx: TenantTx, caller: Caller, id: string): Promise<TemplateRow> {
    const template = await this.planning.template(tx, id);
    if (!template) throw notFound('Templat SKP');
    if (
      template.scope === 'OWN' &&
      template.ownerEmployeeId !== caller.employeeId &&
      !(caller.isPerformanceManager || caller.isTenantAdmin)
    )
      throw forbidden('Templat ini milik pejabat penilai lain.');
    return template;
  }

  private async writable(tx: TenantTx, caller: Caller, id: string): Promise<TemplateRow> {
    const template = await this.planning.template(tx, id, true);
    if (!template) throw notFound('Templat SKP');
    const own = template.scope === 'OWN' && template.ownerEmployeeId === caller.employeeId;
    if (!(own || caller.isPerformanceManager))
      throw forbidden('Templat diubah oleh pemiliknya atau pengelola kinerja.');
    return template;
  }

  // The rows pass the SKP's own checks (R8, SKP_LIMITS); a cascade link must name an RHK of the author's own SKP
  // (R9), and the perjanjian kinerja is cited by the top unit head's own SKP only.
  private async checkTemplate(
    tx: TenantTx,
    caller: Caller,
    input: TemplateInput,
    current?: TemplateRow,
  ): Promise<Pick<TemplateRow, 'approach' | 'rhk' | 'ekspektasi'>> {
    const fields: FieldError[] = [];
    const name = input.name.trim();
    if (name === '') fields.push({ field: 'name', code: 'REQUIRED', message: 'Wajib diisi.' });
    if (name.length > TEMPLATE_LIMITS.name)
      fields.push({ field: 'name', code: 'TOO_LONG', message: `Paling banyak ${TEMPLATE_LIMITS.name} karakter.` });
    if (input.description.trim().length > TEMPLATE_LIMITS.description)
      fields.push({
        field: 'description',
        code: 'TOO_LONG',
        message: `Paling banyak ${TEMPLATE_LIMITS.description} karakter.`,
      });
    const { content, errors } = checkContentEdit(
      { approach: input.approach, rhk: input.rhk },
      new Set(),
      perilakuRows(),
    );
    fields.push(...errors);
    if (input.rhk.length === 0 && Object.keys(input.ekspektasi).length === 0)
      fields.push({ field: 'rhk', code: 'REQUIRED', message: 'Templat memuat sedikitnya satu RHK atau ekspektasi.' });
    const texts = new Map<string, number>();
    input.rhk.forEach((row, i) => {
      const key = sameText(row.text);
      if (key !== '' && texts.has(key))
        fields.push({ field: `rhk.${i}.text`, code: 'DUPLICATE_TEXT', message: 'RHK yang sama sudah ada di templat.' });
      texts.set(key, i);
      const ikiTexts = new Set<string>();
      row.iki.forEach((iki, j) => {
        const k = sameText(iki.indikator);
        if (k !== '' && ikiTexts.has(k))
          fields.push({
            field: `rhk.${i}.iki.${j}.indikator`,
            code: 'DUPLICATE_TEXT',
            message: 'IKI yang sama sudah ada di RHK ini.',
          });
        ikiTexts.add(k);
      });
      if (row.perjanjianKinerjaRef !== '')
        fields.push({
          field: `rhk.${i}.perjanjianKinerjaRef`,
          code: 'NOT_ALLOWED',
          message: 'Perjanjian kinerja dirujuk di SKP kepala unit, bukan di templat.',
        });
    });
    const owner = current ? current.ownerEmployeeId : caller.employeeId;
    for (const [i, row] of input.rhk.entries()) {
      if (row.rhkAtasanId === '' || !/^[0-9a-f-]{36}$/i.test(row.rhkAtasanId)) continue;
      const holders = await this.skps.holdersOfRhk(tx, row.rhkAtasanId);
      if (!owner || !holders.some((h) => h.employeeId === owner))
        fields.push({
          field: `rhk.${i}.rhkAtasanId`,
          code: 'CASCADE_NOT_OWN',
          message: 'Rujukan harus RHK dari SKP pembuat templat sendiri (R9).',
        });
    }
    for (const [value, text] of Object.entries(input.ekspektasi)) {
      if (!(BERAKHLAK_VALUES as readonly string[]).includes(value))
        fields.push({ field: `ekspektasi.${value}`, code: 'UNKNOWN_FIELD', message: 'Bukan nilai BerAKHLAK (R10).' });
      else if (text.length > SKP_LIMITS.ekspektasi)
        fields.push({
          field: `ekspektasi.${value}`,
          code: 'TOO_LONG',
          message: `Paling banyak ${SKP_LIMITS.ekspektasi} karakter.`,
        });
    }
    if (fields.length > 0) throw invalid(fields, 'Templat memuat isian yang tidak sah.');
    const rhk: TemplateRhk[] = content.rhk.map((row) => ({
      jenis: row.jenis,
      text: row.text,
      perspektif: row.perspektif,
      rhkAtasanId: row.rhkAtasanId,
      iki: row.iki.map(({ id: _id, ...iki }) => iki),
    }));
    const ekspektasi = Object.fromEntries(
      Object.entries(input.ekspektasi)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    );
    return { approach: content.approach, rhk, ekspektasi };
  }
}
