import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { positionChange, type LocalDate } from '@kinerja/domain';
import type { identityV1 } from '@kinerja/contracts';
import type { TenantTx } from '@kinerja/platform/database';
import { addDays } from '../clock.js';
import { queryRows } from '../sql.js';
import { publishSkpEvent, transitionAs } from './skp-events.js';
import { toSkpMessage } from './skp.mapper.js';
import { SkpRepository, type SkpAggregate } from './skp.repository.js';

export type CloseReason = 'POSITION_CHANGE' | 'YEAR_END';

// Closing SKPs, done by the service itself (actor SYSTEM): R6 when identity says an employee moved, and at the end
// of the performance year (R11: APPROVED → CLOSED).
@Injectable()
export class CloseSkpHandler {
  constructor(private readonly skps: SkpRepository) {}

  /**
   * R6: the SKP covering the change date ends the day before; an approved one is closed, a draft keeps its state
   * for the shortened span. A new SKP is required for the new position from the change date (due 30 days later,
   * R13) unless it exists already. Runs in the consumer's transaction, once per event (inbox).
   */
  async onEmployeeMoved(tx: TenantTx, event: identityV1.EmployeeMoved, now: Date): Promise<void> {
    const employeeId = event.employee?.id;
    const changeOn = event.effectiveDate;
    if (!employeeId || !/^\d{4}-\d{2}-\d{2}$/.test(changeOn))
      throw new Error('employee.moved without employee or date');
    const covering = (await this.skps.ofEmployee(tx, employeeId)).filter(
      (s) => s.status !== 'CLOSED' && s.startDate < changeOn && changeOn <= s.endDate,
    );
    let closedSkpId: string | null = null;
    for (const row of covering) {
      const agg = await this.skps.load(tx, row.id, true);
      if (!agg) continue;
      const change = positionChange(agg.skp.startDate, changeOn);
      if (!change.ok) continue;
      closedSkpId = agg.skp.id;
      await this.close(tx, agg, 'POSITION_CHANGE', change.value.closeOn, now, {
        from: change.value.newSkpFrom,
        dueBy: change.value.newSkpDueBy,
      });
    }
    const exists = (await this.skps.ofEmployee(tx, employeeId)).some((s) => s.assignmentFrom === changeOn);
    await tx.manager.query(
      `INSERT INTO skp_requirement (tenant_id, id, employee_id, year, reason, from_date, due_by, closed_skp_id)
       VALUES ($1, $2, $3, $4, 'POSITION_CHANGE', $5, $6, $7)
       ON CONFLICT (tenant_id, employee_id, from_date) DO NOTHING`,
      [
        tx.tenantId,
        randomUUID(),
        employeeId,
        Number(changeOn.slice(0, 4)),
        changeOn,
        addDays(changeOn, 30),
        closedSkpId,
      ],
    );
    if (exists)
      await tx.manager.query(
        `UPDATE skp_requirement r SET fulfilled_skp_id = s.id FROM skp s
         WHERE r.tenant_id = $1 AND r.employee_id = $2 AND r.from_date = $3 AND s.tenant_id = $1
           AND s.employee_id = $2 AND s.assignment_from = $3`,
        [tx.tenantId, employeeId, changeOn],
      );
  }

  /** R11: SKPs of years that have ended are closed on 31 December; returns how many. */
  async closeEndedYears(tx: TenantTx, today: LocalDate, now: Date): Promise<number> {
    const due = await queryRows<{ id: string; year: number }>(
      tx,
      `SELECT id, year FROM skp WHERE tenant_id = $1 AND year < $2 AND status IN ('APPROVED', 'REVISION')`,
      [tx.tenantId, Number(today.slice(0, 4))],
    );
    for (const { id, year } of due) {
      const agg = await this.skps.load(tx, id, true);
      if (agg && (agg.skp.status === 'APPROVED' || agg.skp.status === 'REVISION'))
        await this.close(tx, agg, 'YEAR_END', `${year}-12-31`, now, null);
    }
    return due.length;
  }

  private async close(
    tx: TenantTx,
    agg: SkpAggregate,
    reason: CloseReason,
    closeOn: LocalDate,
    now: Date,
    newSkp: { from: LocalDate; dueBy: LocalDate } | null,
  ): Promise<void> {
    const skp = { ...agg.skp, endDate: closeOn };
    let next: SkpAggregate = { ...agg, skp };
    if (agg.inForce) {
      const step = transitionAs(['SYSTEM'], {
        from: agg.inForce.status,
        action: 'CLOSE',
        actorId: 'system',
        at: now,
        reason,
        fallbackActive: false,
      });
      const inForce = { ...agg.inForce, status: step.to };
      await this.skps.saveVersion(tx, skp.id, inForce);
      await this.skps.appendAudit(tx, skp.id, {
        versionNumber: inForce.number,
        action: 'CLOSE',
        fromStatus: agg.inForce.status,
        toStatus: step.to,
        actor: 'system',
        actorRole: 'SYSTEM',
        reason,
        at: now,
      });
      skp.status = 'CLOSED';
      skp.closedOn = closeOn;
      skp.closeReason = reason;
      // A revision still being drafted ends with the SKP it would have replaced.
      next = { skp, working: agg.working.number === inForce.number ? inForce : agg.working, inForce };
    }
    next.skp = await this.skps.saveHeader(tx, skp);
    publishSkpEvent(
      tx,
      targetsV1.SkpClosedSchema,
      {
        skp: toSkpMessage(tx.tenantId, next),
        reason,
        closedOn: closeOn,
        newSkpRequired: newSkp !== null,
        newSkpFrom: newSkp?.from ?? '',
        newSkpDueBy: newSkp?.dueBy ?? '',
      },
      skp.id,
      'closed',
    );
  }
}
