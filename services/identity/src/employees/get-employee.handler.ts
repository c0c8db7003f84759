import { Injectable } from '@nestjs/common';
import type { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { Fields } from '../fields.js';
import { IdentityError, notFound } from '../identity-error.js';
import { EmployeeAccess } from './employee-access.js';
import { toEmployeeMessage } from './employee.mapper.js';
import { EmployeeRepository } from './employee.repository.js';

@Injectable()
export class GetEmployeeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly access: EmployeeAccess,
  ) {}

  // Personal data: see EmployeeAccess. Another tenant's id reads as not found, because RLS hides the row (R41).
  async execute(principal: Principal, id: string): Promise<identityV1.Employee> {
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('id', id);
    fields.check();
    return this.db.withTenant(tenantId, async (tx) => {
      const row = await this.employees.findById(tx, id);
      if (!row) throw notFound('Pegawai');
      if (!(await this.access.mayRead(tx, principal, id)))
        throw new IdentityError('FORBIDDEN', 'Anda tidak berhak membaca data pegawai ini.');
      return toEmployeeMessage(row, await this.employees.history(tx, id));
    });
  }
}
