import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { BERAKHLAK_VALUES, SKP_LIMITS } from '@kinerja/domain';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { Clock } from '../clock.js';
import { TenantContext } from '../org/tenant-context.js';
import { checkIfMatch, forbidden, invalid, notFound, TargetsError } from '../targets-error.js';
import { SkpAccess } from './skp-access.js';
import { checkContentEdit, idsOf } from './skp-content.js';
import { transitionAs } from './skp-events.js';
import { toSkpMessage } from './skp.mapper.js';
import { SkpRepository, type SkpAggregate } from './skp.repository.js';

// Edits of the working version: the employee's RHK, IKI and lampiran (R8, R11: only the employee edits a draft;
// a rejected SKP returns to DRAFT on edit), and the rater's ekspektasi khusus on the perilaku rows (R10). Both need
// the ETag the editor read (If-Match), so a second editor with a stale copy gets 412 and loses nothing.
@Injectable()
export class UpdateSkpHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
    private readonly clock: Clock,
  ) {}

  async edit(principal: Principal, request: targetsV1.UpdateSkpRequest): Promise<targetsV1.Skp> {
    return this.write(principal, request.id, request.ifMatch, async (tx, agg, relation) => {
      const step = transitionAs(this.access.actorsOf(relation), {
        from: agg.working.status,
        action: 'EDIT',
        actorId: principal.subject,
        at: this.clock.now(),
        reason: '',
        fallbackActive: agg.skp.onBehalf,
      });
      const known = idsOf((await this.skps.versions(tx, agg.skp.id)).map((v) => v.content));
      const { content, errors } = checkContentEdit(request, known, agg.working.content.perilaku);
      if (errors.length > 0) throw invalid(errors, 'SKP memuat isian yang tidak sah.');
      if (agg.working.status !== step.to)
        await this.skps.appendAudit(tx, agg.skp.id, {
          versionNumber: agg.working.number,
          action: 'EDIT',
          fromStatus: agg.working.status,
          toStatus: step.to,
          actor: principal.subject,
          actorRole: step.actor,
          reason: null,
        });
      const working = { ...agg.working, content, status: step.to };
      return {
        skp: { ...agg.skp, status: agg.inForce ? 'REVISION' : step.to },
        working,
        inForce: agg.inForce,
      };
    });
  }

  async setExpectations(principal: Principal, request: targetsV1.SetSkpExpectationsRequest): Promise<targetsV1.Skp> {
    const fields: FieldError[] = [];
    for (const [value, text] of Object.entries(request.ekspektasi)) {
      if (!(BERAKHLAK_VALUES as readonly string[]).includes(value))
        fields.push({ field: `ekspektasi.${value}`, code: 'UNKNOWN_FIELD', message: 'Bukan nilai BerAKHLAK (R10).' });
      else if (text.length > SKP_LIMITS.ekspektasi)
        fields.push({
          field: `ekspektasi.${value}`,
          code: 'TOO_LONG',
          message: `Paling banyak ${SKP_LIMITS.ekspektasi} karakter.`,
        });
    }
    if (fields.length > 0) throw invalid(fields);
    return this.write(principal, request.id, request.ifMatch, async (_tx, agg, relation) => {
      // R10: the rater adds the expectations while the SKP is drafted or reviewed.
      if (!relation.rater) throw forbidden('Hanya pejabat penilai yang menetapkan ekspektasi khusus (R10).');
      if (!['DRAFT', 'SUBMITTED', 'REJECTED'].includes(agg.working.status))
        throw new TargetsError('INVALID_STATE', 'Ekspektasi hanya dapat diubah sebelum SKP disetujui.');
      const perilaku = agg.working.content.perilaku.map((row) => ({
        ...row,
        ekspektasiKhusus: request.ekspektasi[row.value]?.trim() ?? row.ekspektasiKhusus,
      }));
      return { ...agg, working: { ...agg.working, content: { ...agg.working.content, perilaku } } };
    });
  }

  private write(
    principal: Principal,
    id: string,
    ifMatch: string,
    change: (
      tx: Parameters<Parameters<TenantDatabase['withTenant']>[1]>[0],
      agg: SkpAggregate,
      relation: Awaited<ReturnType<SkpAccess['relationOf']>>,
    ) => Promise<SkpAggregate>,
  ): Promise<targetsV1.Skp> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const agg = await this.skps.load(tx, id, true);
      if (!agg) throw notFound('SKP');
      const relation = await this.access.relationOf(tx, caller, agg.skp);
      this.access.assertReadable(relation);
      checkIfMatch(ifMatch, agg.skp.version, true);
      if (agg.skp.status === 'CLOSED') throw new TargetsError('INVALID_STATE', 'SKP sudah ditutup.');
      const next = await change(tx, agg, relation);
      await this.skps.saveVersion(tx, id, next.working);
      next.skp = await this.skps.saveHeader(tx, next.skp);
      return toSkpMessage(tx.tenantId, next, await this.access.view(tx, next, relation));
    });
  }
}
