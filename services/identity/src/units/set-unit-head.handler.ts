import { Injectable } from '@nestjs/common';
import type { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { checkVersion, Fields } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { UnitHeads } from './unit-heads.js';
import { toUnitMessage } from './unit.mapper.js';

@Injectable()
export class SetUnitHeadHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly heads: UnitHeads,
    private readonly employees: EmployeeRepository,
  ) {}

  // R5: the definitive head from a date, or vacant (no employee). The head must be an employee of this tenant.
  async execute(principal: Principal, request: identityV1.SetUnitHeadRequest): Promise<identityV1.Unit> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('unitId', request.unitId);
    const employeeId = fields.uuid('employeeId', request.employeeId, false);
    const from = fields.date('effectiveFrom', request.effectiveFrom);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();

    return this.db.withTenant(tenantId, async (tx) => {
      if (employeeId && !(await this.employees.findById(tx, employeeId)))
        throw new IdentityError('NOT_FOUND', 'Pegawai tidak ditemukan.', [
          { field: 'employeeId', code: 'NOT_FOUND', message: 'Pegawai tidak ditemukan.' },
        ]);
      const { aggregate } = await this.heads.set(
        tx,
        principal,
        { unitId: request.unitId, employeeId, from, reason },
        (actual) => checkVersion(request.expectedVersion, actual),
      );
      return toUnitMessage(aggregate);
    });
  }
}
