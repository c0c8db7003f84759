import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import type { Principal } from '@kinerja/platform/auth';
import type { TenantTx } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { historyConflict } from '../fields.js';
import { notFound } from '../identity-error.js';
import { changeFrom, openTerm } from '../terms.js';
import { publishUnit } from './unit-events.js';
import { UnitRepository, type UnitAggregate } from './unit.repository.js';

/**
 * R5: the definitive head of a unit from a date (null: vacant). The running head term ends the day before; the
 * change is published (unit.head-changed) and audited (R42). Used by PUT /units/{id}/head and by the changes that
 * end a headship (an employee moved out of the unit, or retired).
 */
@Injectable()
export class UnitHeads {
  constructor(
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
  ) {}

  async set(
    tx: TenantTx,
    principal: Principal,
    change: { unitId: string; employeeId: string | null; from: string; reason: string },
    checkVersion?: (actual: number) => void,
  ): Promise<{ aggregate: UnitAggregate; changed: boolean }> {
    const aggregate = await this.units.aggregate(tx, change.unitId, true);
    if (!aggregate) throw notFound('Unit');
    checkVersion?.(aggregate.unit.version);
    const value = change.employeeId === null ? null : { employeeId: change.employeeId };
    const result = changeFrom(aggregate.heads, change.from, value, (a, b) => a.employeeId === b.employeeId);
    if (!result.ok) throw historyConflict('effectiveFrom', result.latestFrom);
    if (!result.changed) return { aggregate, changed: false };

    await this.units.replaceHeadTerms(tx, change.unitId, result.terms);
    const unit = await this.units.update(tx, change.unitId, {
      headEmployeeId: openTerm(result.terms)?.value.employeeId ?? null,
    });
    const updated = { ...aggregate, unit, heads: [...result.terms] };
    const previousHead = result.previous?.value.employeeId ?? '';
    await this.audit.record(tx, principal, {
      action: 'unit.head-changed',
      entityType: 'unit',
      entityId: change.unitId,
      old: { headEmployeeId: previousHead || null },
      new: { headEmployeeId: change.employeeId, from: change.from },
      reason: change.reason,
    });
    publishUnit(tx, updated, identityV1.UnitHeadChangedSchema, 'head-changed', {
      previousHeadEmployeeId: previousHead,
      headEmployeeId: change.employeeId ?? '',
      effectiveDate: change.from,
    });
    return { aggregate: updated, changed: true };
  }

  /** Ends, from `from`, every headship the employee holds except in `keepUnitId`; returns the units left vacant. */
  async endHeadshipsOf(
    tx: TenantTx,
    principal: Principal,
    employeeId: string,
    from: string,
    reason: string,
    keepUnitId: string | null = null,
  ): Promise<string[]> {
    const ended: string[] = [];
    for (const unitId of await this.units.headedBy(tx, employeeId)) {
      if (unitId === keepUnitId) continue;
      const heads = await this.units.headTerms(tx, unitId);
      const running = openTerm(heads);
      // Only a headship that started before the date ends on it; a later one is left for the admin to decide.
      if (!running || running.from >= from) continue;
      const { changed } = await this.set(tx, principal, { unitId, employeeId: null, from, reason });
      if (changed) ended.push(unitId);
    }
    return ended;
  }
}
