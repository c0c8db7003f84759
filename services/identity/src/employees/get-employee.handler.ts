import { Injectable } from '@nestjs/common';
import type { identityV1 } from '@kinerja/contracts';
import { hasRole, tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { IdentityError } from '../identity-error.js';
import { toEmployeeMessage } from './employee.mapper.js';
import { EmployeeRepository } from './employee.repository.js';

@Injectable()
export class GetEmployeeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
  ) {}

  // Personal data is read only by the tenant's admins and managers, or by the employee (ARCHITECTURE.md
  // "Security"); another tenant's id reads as not found, because RLS hides the row (R41).
  async execute(principal: Principal, id: string): Promise<identityV1.Employee> {
    const tenantId = tenantOf(principal);
    const mayRead = hasRole(principal, 'tenant-admin', 'performance-manager') || principal.employeeId === id;
    if (!mayRead) throw new IdentityError('FORBIDDEN', 'You may not read this employee.');
    const row = await this.db.withTenant(tenantId, (tx) => this.employees.findById(tx, id));
    if (!row) throw new IdentityError('NOT_FOUND', 'No such employee.');
    return toEmployeeMessage(row);
  }
}
