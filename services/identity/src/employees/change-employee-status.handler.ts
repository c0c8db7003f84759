import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { EMPLOYMENT_STATUSES } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { Fields, historyConflict } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { changeFrom, openTerm } from '../terms.js';
import { UnitHeads } from '../units/unit-heads.js';
import { LEAVING_STATUSES } from './employee-checks.js';
import { publishEmployee } from './employee-events.js';
import { EmployeeRepository } from './employee.repository.js';

@Injectable()
export class ChangeEmployeeStatusHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly heads: UnitHeads,
    private readonly audit: AuditRepository,
  ) {}

  // R3: a status from a date; only AKTIF employees need an SKP, daily logs and an evaluation while it holds.
  async execute(principal: Principal, request: identityV1.ChangeEmployeeStatusRequest): Promise<identityV1.Employee> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('id', request.id);
    const status = fields.oneOf('status', request.status, EMPLOYMENT_STATUSES);
    const from = fields.date('effectiveFrom', request.effectiveFrom);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();
    if (!status) throw new Error('unreachable: checked above');

    return this.db.withTenant(tenantId, async (tx) => {
      const current = await this.employees.lockForChange(tx, request.id, request.expectedVersion);
      const history = await this.employees.history(tx, current.id);
      const change = changeFrom(history.statuses, from, { status }, (a, b) => a.status === b.status);
      if (!change.ok) throw historyConflict('effectiveFrom', change.latestFrom);
      if (!change.changed)
        throw new IdentityError('VALIDATION_FAILED', 'Status tidak berubah.', [
          { field: 'status', code: 'NO_CHANGE', message: `Status sudah ${status}.` },
        ]);
      await this.employees.replaceStatuses(tx, current.id, change.terms);
      const open = openTerm(change.terms);
      const row = await this.employees.update(tx, current.id, {
        status: open?.value.status ?? status,
        statusSince: open?.from ?? from,
      });
      const previousStatus = change.previous?.value.status ?? '';
      const ended = LEAVING_STATUSES.has(status)
        ? await this.heads.endHeadshipsOf(tx, principal, current.id, from, reason || `Status ${status}`)
        : [];
      await this.audit.record(tx, principal, {
        action: 'employee.status-changed',
        entityType: 'employee',
        entityId: current.id,
        old: { status: previousStatus || null },
        new: { status, from, endedHeadshipUnitIds: ended },
        reason,
      });
      return publishEmployee(tx, this.employees, row, identityV1.EmployeeStatusChangedSchema, 'status-changed', () => ({
        previousStatus,
        status,
        effectiveDate: from,
      }));
    });
  }
}
