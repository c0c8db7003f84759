import { Injectable } from '@nestjs/common';
import {
  allowedSkpActions,
  type LocalDate,
  type RaterResolution,
  type RaterRole,
  type Result,
  type SkpAction,
  type SkpActor,
} from '@kinerja/domain';
import { OrgDirectory, resolveFromContext, type RaterContext } from '@kinerja/org-projection';
import type { TenantTx } from '@kinerja/platform/database';
import { clamp } from '../clock.js';
import type { Caller } from '../org/tenant-context.js';
import { forbidden } from '../targets-error.js';
import type { SkpView } from './skp.mapper.js';
import type { SkpAggregate, SkpRow } from './skp.repository.js';

/** How the caller stands to one SKP, resolved from the org projection on the SKP's date (R5, R11). */
export type SkpRelation = {
  owner: boolean;
  rater: boolean;
  superior: boolean;
  performanceManager: boolean;
  tenantAdmin: boolean;
  /** The date rights are judged on: today, kept within the SKP's dates. */
  date: LocalDate;
  resolution: RaterResolution | null;
};

export const isRole = (role: RaterRole, caller: Caller): boolean =>
  role.isRegionalHead ? caller.isRegionalHead : caller.employeeId !== null && role.id === caller.employeeId;

@Injectable()
export class SkpAccess {
  constructor(private readonly directory: OrgDirectory) {}

  async relationOf(tx: TenantTx, caller: Caller, skp: SkpRow): Promise<SkpRelation> {
    const date = SkpAccess.dateOf(caller, skp);
    const { resolution } = await this.directory.raterOn(tx, skp.employeeId, date, {
      regionalHeadSubject: caller.profile.regionalHeadSubject,
    });
    return this.relationFrom(caller, skp, date, resolution);
  }

  /** The relation from a rater's context the caller loaded with the SKP (SkpRepository.loadForRead). */
  relationFromContext(caller: Caller, skp: SkpRow, context: RaterContext): SkpRelation {
    const date = SkpAccess.dateOf(caller, skp);
    const { resolution } = resolveFromContext(context, skp.employeeId, date, caller.profile.regionalHeadSubject);
    return this.relationFrom(caller, skp, date, resolution);
  }

  // An acting head rates only within the appointment's dates: rights are judged today (R5), clamped to the SKP.
  private static dateOf(caller: Caller, skp: SkpRow): LocalDate {
    return clamp(caller.today, skp.startDate, skp.endDate);
  }

  private relationFrom(caller: Caller, skp: SkpRow, date: LocalDate, resolution: Result<RaterResolution>): SkpRelation {
    const resolved = resolution.ok ? resolution.value : null;
    return {
      owner: caller.employeeId === skp.employeeId,
      rater: resolved !== null && isRole(resolved.rater, caller),
      superior: resolved !== null && isRole(resolved.raterSuperior, caller),
      performanceManager: caller.isPerformanceManager,
      tenantAdmin: caller.isTenantAdmin,
      date,
      resolution: resolved,
    };
  }

  /** Reading: the employee, the rater, the rater's superior, the tenant's performance managers and admins (R42). */
  assertReadable(relation: SkpRelation): void {
    const { owner, rater, superior, performanceManager, tenantAdmin } = relation;
    if (!(owner || rater || superior || performanceManager || tenantAdmin))
      throw forbidden('Anda tidak berwenang membaca SKP ini.');
  }

  /** The R11 actors the caller may act as, most specific first. */
  actorsOf(relation: SkpRelation): SkpActor[] {
    const actors: SkpActor[] = [];
    if (relation.owner) actors.push('EMPLOYEE');
    if (relation.rater) actors.push('RATER');
    if (relation.performanceManager) actors.push('PERFORMANCE_MANAGER');
    return actors;
  }

  allowedActions({ skp, working, inForce }: SkpAggregate, relation: SkpRelation): string[] {
    if (skp.status === 'CLOSED') return [];
    const actions = new Set<string>();
    for (const actor of this.actorsOf(relation)) {
      const states = new Set([working.status, ...(inForce ? [inForce.status] : [])]);
      for (const state of states) {
        const allowed = allowedSkpActions(state, actor, skp.onBehalf);
        if (allowed.ok)
          for (const action of allowed.value)
            if (!(['SUPERSEDE', 'CLOSE'] as SkpAction[]).includes(action)) actions.add(action);
      }
    }
    if (relation.rater && ['DRAFT', 'SUBMITTED', 'REJECTED'].includes(working.status)) actions.add('SET_EXPECTATIONS');
    return [...actions];
  }

  async view(tx: TenantTx, agg: SkpAggregate, relation: SkpRelation): Promise<SkpView> {
    return this.viewWith(agg, relation, await this.directory.employee(tx, agg.skp.employeeId));
  }

  /** The view with the employee already loaded. */
  viewWith(agg: SkpAggregate, relation: SkpRelation, employee: { name: string; nip: string } | null): SkpView {
    const rater = relation.resolution?.rater;
    return {
      employeeName: employee?.name,
      employeeNip: employee?.nip,
      raterEmployeeId: rater && !rater.isRegionalHead ? rater.id : undefined,
      ratedByRegionalHead: rater?.isRegionalHead ?? false,
      allowedActions: this.allowedActions(agg, relation),
    };
  }
}
