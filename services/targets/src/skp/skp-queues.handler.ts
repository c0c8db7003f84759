import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { localDate } from '@kinerja/domain';
import { OrgDirectory } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { clamp } from '../clock.js';
import { TenantContext } from '../org/tenant-context.js';
import { forbidden, invalid, notFound } from '../targets-error.js';
import { SkpRepository } from './skp.repository.js';

// The rater's approval queue and a unit's SKP status (R13): lists the rater and the tenant's monitors work from.
@Injectable()
export class SkpQueuesHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
  ) {}

  // The SKPs waiting for the caller's decision: of the employees the caller rates today (R5), the regional head's
  // (the top unit's head), and for performance managers those drafted on an employee's behalf (R11). One statement
  // after the caller: the rated employees are resolved set-based in SQL, not one by one.
  approvals(principal: Principal): Promise<targetsV1.SkpApprovalItem[]> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const waiting = await this.skps.approvalQueue(tx, {
        rater: caller.employeeId,
        regional: caller.isRegionalHead,
        onBehalfToo: caller.isPerformanceManager,
        date: caller.today,
      });
      return waiting.map((s) =>
        create(targetsV1.SkpApprovalItemSchema, {
          skpId: s.id,
          employeeId: s.employeeId,
          employeeName: s.employeeName,
          employeeNip: s.employeeNip,
          year: s.year,
          versionNumber: s.workingVersion,
          isRevision: s.inForceVersion !== null,
          submittedAt: s.submittedAt ? timestampFromDate(s.submittedAt) : undefined,
          positionName: s.positionName,
        }),
      );
    });
  }

  // R13: who in the unit (and below, on request) has no SKP for the current position, who is late, whose SKP waits.
  // Only AKTIF employees need one (R3). Read by the tenant's monitors and by the heads of the unit and its parent.
  unitStatus(
    principal: Principal,
    request: targetsV1.GetUnitSkpStatusRequest,
  ): Promise<targetsV1.GetUnitSkpStatusResponse> {
    if (request.year < 2000 || request.year > 2100)
      throw invalid([{ field: 'year', code: 'OUT_OF_RANGE', message: '2000–2100.' }]);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const date = clamp(caller.today, localDate(request.year, 1, 1), localDate(request.year, 12, 31));
      const parent = await this.directory.parentOn(tx, request.unitId, date);
      if (parent === undefined) throw notFound('Unit');
      const heads = [
        await this.directory.unitHeadOn(tx, request.unitId, date),
        parent ? await this.directory.unitHeadOn(tx, parent, date) : null,
      ];
      const headsIt = heads.some((h) => h !== null && h.employeeId === caller.employeeId);
      if (!(caller.isPerformanceManager || caller.isTenantAdmin || caller.isRegionalHead || headsIt))
        throw forbidden('Status SKP unit dibaca oleh pengelola kinerja dan pimpinan unit.');
      const units = request.includeDescendants
        ? await this.directory.subtreeOn(tx, request.unitId, date)
        : [request.unitId];
      const members = await this.directory.membersOn(tx, units, date);
      const statuses = await this.directory.statusesOn(
        tx,
        members.map((m) => m.employeeId),
        date,
      );
      const active = members.filter((m) => statuses.get(m.employeeId) === 'AKTIF');
      const people = new Map(
        (
          await this.directory.employees(
            tx,
            active.map((m) => m.employeeId),
          )
        ).map((e) => [e.id, e]),
      );
      const skps = await this.skps.ofEmployees(
        tx,
        active.map((m) => m.employeeId),
        request.year,
      );
      const requirements = (await tx.manager.query(
        `SELECT employee_id FROM skp_requirement WHERE tenant_id = $1 AND year = $2 AND fulfilled_skp_id IS NULL`,
        [tx.tenantId, request.year],
      )) as { employee_id: string }[];
      const required = new Set(requirements.map((r) => r.employee_id));
      const entries = active.map((m) => {
        const skp = skps.find((s) => s.employeeId === m.employeeId && s.assignmentFrom === m.from);
        const person = people.get(m.employeeId);
        const dueBy = skp?.dueBy ?? '';
        const lateNow = skp ? skp.late || (skp.approvedOn === null && caller.today > skp.dueBy) : false;
        return create(targetsV1.SkpStatusEntrySchema, {
          employeeId: m.employeeId,
          employeeName: person?.name ?? '',
          employeeNip: person?.nip ?? '',
          unitId: m.unitId,
          status: skp?.status ?? 'NONE',
          skpId: skp?.id ?? '',
          late: lateNow,
          pendingApproval: skp?.workingStatus === 'SUBMITTED',
          dueBy,
          newSkpRequired: !skp && required.has(m.employeeId),
        });
      });
      return create(targetsV1.GetUnitSkpStatusResponseSchema, { entries, asOf: date });
    });
  }
}
