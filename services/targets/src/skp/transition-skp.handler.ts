import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { SKP_LIMITS, skpLateness, type SkpAction } from '@kinerja/domain';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { Clock } from '../clock.js';
import { TenantContext } from '../org/tenant-context.js';
import { checkIfMatch, invalid, notFound, TargetsError } from '../targets-error.js';
import { SkpAccess } from './skp-access.js';
import { SkpCompletenessCheck } from './skp-completeness.js';
import { publishSkpEvent, transitionAs } from './skp-events.js';
import { toSkpMessage } from './skp.mapper.js';
import { SkpRepository, type SkpAggregate, type VersionRow } from './skp.repository.js';

const ACTIONS = ['SUBMIT', 'APPROVE', 'REJECT', 'REVISE', 'CANCEL_REVISION'] as const;
type Action = (typeof ACTIONS)[number];

// R11: submit, approve, reject, revise and cancel a revision, each checked by the lifecycle in libs/domain, written
// with its append-only audit record and its event in one tenant transaction.
@Injectable()
export class TransitionSkpHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
    private readonly completeness: SkpCompletenessCheck,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: targetsV1.TransitionSkpRequest): Promise<targetsV1.Skp> {
    const action = request.action as Action;
    if (!ACTIONS.includes(action))
      throw invalid([{ field: 'action', code: 'INVALID_VALUE', message: ACTIONS.join(' | ') }]);
    if (request.reason.length > SKP_LIMITS.reason)
      throw invalid([{ field: 'reason', code: 'TOO_LONG', message: `Paling banyak ${SKP_LIMITS.reason} karakter.` }]);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const agg = await this.skps.load(tx, request.id, true);
      if (!agg) throw notFound('SKP');
      const relation = await this.access.relationOf(tx, caller, agg.skp);
      this.access.assertReadable(relation);
      checkIfMatch(request.ifMatch, agg.skp.version, false);
      if (agg.skp.status === 'CLOSED') throw new TargetsError('INVALID_STATE', 'SKP sudah ditutup.');
      const revising = action === 'REVISE' || action === 'CANCEL_REVISION';
      const subject: VersionRow | null = revising ? agg.inForce : agg.working;
      if (!subject) throw new TargetsError('INVALID_STATE', 'SKP belum pernah disetujui.');
      const now = this.clock.now();
      const step = transitionAs(this.access.actorsOf(relation), {
        from: subject.status,
        action: action as SkpAction,
        actorId: principal.subject,
        at: now,
        reason: request.reason,
        fallbackActive: agg.skp.onBehalf,
      });
      if (action === 'SUBMIT' || action === 'APPROVE') {
        // R12 (and R9 again at approval: the rater's SKP may have changed since the submission).
        const missing = await this.completeness.missing(tx, agg, relation);
        if (missing.length > 0)
          throw new TargetsError(
            'SKP_INCOMPLETE',
            `SKP belum dapat ${action === 'SUBMIT' ? 'diajukan' : 'disetujui'}; ${missing.length} hal perlu dilengkapi.`,
            missing,
          );
      }
      const audit = (
        version: number,
        entry: { action: string; from: string; to: string; actor: string; role: string; reason: string | null },
      ) =>
        this.skps.appendAudit(tx, agg.skp.id, {
          versionNumber: version,
          action: entry.action,
          fromStatus: entry.from,
          toStatus: entry.to,
          actor: entry.actor,
          actorRole: entry.role,
          reason: entry.reason,
          at: now,
        });
      await audit(subject.number, {
        action,
        from: subject.status,
        to: step.to,
        actor: principal.subject,
        role: step.actor,
        reason: step.audit.reason,
      });
      const skp = { ...agg.skp };
      let next: SkpAggregate;
      if (action === 'SUBMIT' || action === 'REJECT') {
        const working = {
          ...agg.working,
          status: step.to,
          ...(action === 'SUBMIT'
            ? { submittedAt: now, decidedAt: null }
            : { decidedAt: now, reason: step.audit.reason }),
        };
        await this.skps.saveVersion(tx, skp.id, working);
        skp.status = agg.inForce ? 'REVISION' : step.to;
        next = { skp, working, inForce: agg.inForce };
      } else if (action === 'APPROVE') {
        const working = { ...agg.working, status: step.to, decidedAt: now };
        await this.skps.saveVersion(tx, skp.id, working);
        if (agg.inForce && agg.inForce.number !== working.number) {
          // R11: the revision replaces the version in force, which is closed (SUPERSEDE by the system).
          const superseded = transitionAs(['SYSTEM'], {
            from: agg.inForce.status,
            action: 'SUPERSEDE',
            actorId: 'system',
            at: now,
            reason: '',
            fallbackActive: false,
          });
          await this.skps.saveVersion(tx, skp.id, { ...agg.inForce, status: superseded.to });
          await audit(agg.inForce.number, {
            action: 'SUPERSEDE',
            from: agg.inForce.status,
            to: superseded.to,
            actor: 'system',
            role: 'SYSTEM',
            reason: `Digantikan versi ${working.number}.`,
          });
        }
        skp.status = 'APPROVED';
        skp.inForceVersion = working.number;
        if (skp.approvedOn === null) {
          // R13: the first approval decides lateness.
          skp.approvedOn = caller.today;
          const lateness = skpLateness(skp.year, caller.today, skp.positionChangeOn);
          if (lateness.ok) {
            skp.late = lateness.value.late;
            skp.dueBy = lateness.value.deadline;
          }
        }
        next = { skp, working, inForce: working };
      } else if (action === 'REVISE') {
        const inForce = { ...(agg.inForce as VersionRow), status: step.to };
        const working: VersionRow = {
          number: agg.working.number + 1,
          status: 'DRAFT',
          content: inForce.content,
          createdBy: principal.subject,
          createdAt: now,
          submittedAt: null,
          decidedAt: null,
          reason: step.audit.reason,
        };
        await this.skps.saveVersion(tx, skp.id, inForce);
        await this.skps.saveVersion(tx, skp.id, working);
        skp.status = 'REVISION';
        skp.workingVersion = working.number;
        next = { skp, working, inForce };
      } else {
        const inForce = { ...(agg.inForce as VersionRow), status: step.to };
        await this.skps.saveVersion(tx, skp.id, inForce);
        if (agg.working.number !== inForce.number) await this.skps.deleteVersion(tx, skp.id, agg.working.number);
        skp.status = step.to;
        skp.workingVersion = inForce.number;
        next = { skp, working: inForce, inForce };
      }
      next.skp = await this.skps.saveHeader(tx, skp);
      const message = toSkpMessage(tx.tenantId, next, await this.access.view(tx, next, relation));
      const actor = principal.subject;
      if (action === 'SUBMIT')
        publishSkpEvent(tx, targetsV1.SkpSubmittedSchema, { skp: message, actor }, skp.id, 'submitted');
      if (action === 'APPROVE')
        publishSkpEvent(tx, targetsV1.SkpApprovedSchema, { skp: message, actor, late: skp.late }, skp.id, 'approved');
      if (action === 'REJECT')
        publishSkpEvent(
          tx,
          targetsV1.SkpRejectedSchema,
          { skp: message, actor, reason: step.audit.reason ?? '' },
          skp.id,
          'rejected',
        );
      if (action === 'REVISE')
        publishSkpEvent(
          tx,
          targetsV1.SkpRevisionOpenedSchema,
          { skp: message, actor, reason: step.audit.reason ?? '' },
          skp.id,
          'revision-opened',
        );
      if (action === 'CANCEL_REVISION')
        publishSkpEvent(
          tx,
          targetsV1.SkpRevisionCancelledSchema,
          { skp: message, actor },
          skp.id,
          'revision-cancelled',
        );
      return message;
    });
  }
}
