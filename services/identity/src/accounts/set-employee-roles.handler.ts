import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, tenantRoles, type Principal, type RealmRole } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { publishEmployee } from '../employees/employee-events.js';
import { toEmployeeMessage } from '../employees/employee.mapper.js';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { Fields } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { AccountProvisioner } from './account-provisioner.js';

@Injectable()
export class SetEmployeeRolesHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly accounts: AccountProvisioner,
    private readonly audit: AuditRepository,
  ) {}

  // A tenant admin grants and revokes the tenant roles only: platform-admin, national-monitor and integration are
  // never a tenant's to give (R41). `employee` stays with every linked login. The grant reaches the identity
  // provider before the change commits, and is audited (R42) and published.
  async execute(principal: Principal, request: identityV1.SetEmployeeRolesRequest): Promise<identityV1.Employee> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('employeeId', request.employeeId);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();
    const refused = request.roles.flatMap((role, index) =>
      (tenantRoles as readonly string[]).includes(role)
        ? []
        : [
            {
              field: `roles.${index}`,
              code: 'ROLE_NOT_GRANTABLE',
              message: `Peran ${role} tidak dapat diberikan oleh admin instansi.`,
            },
          ],
    );
    if (refused.length > 0)
      throw new IdentityError('ROLE_NOT_GRANTABLE', 'Peran ini tidak dapat diberikan oleh admin instansi.', refused);
    const roles = [...new Set(['employee', ...request.roles])].sort() as RealmRole[];

    return this.db.withTenant(tenantId, async (tx) => {
      const current = await this.employees.lockForChange(tx, request.employeeId, request.expectedVersion);
      if (!current.accountSubject)
        throw new IdentityError('ACCOUNT_MISSING', 'Pegawai ini belum memiliki akun.', [
          { field: 'employeeId', code: 'ACCOUNT_MISSING', message: 'Buat akun lebih dahulu.' },
        ]);
      // An admin cannot lock themselves out by revoking their own administration.
      if (current.accountSubject === principal.subject && !roles.includes('tenant-admin'))
        throw new IdentityError('VALIDATION_FAILED', 'Anda tidak dapat mencabut peran admin Anda sendiri.', [
          { field: 'roles', code: 'OWN_ADMIN_ROLE', message: 'Peran tenant-admin Anda sendiri tetap.' },
        ]);
      const before = [...current.roles].sort();
      if (JSON.stringify(before) === JSON.stringify(roles))
        return toEmployeeMessage(current, await this.employees.history(tx, current.id));

      await this.accounts.setRealmRoles(current.accountSubject, tenantRoles, roles);
      const row = await this.employees.update(tx, current.id, { roles });
      await this.audit.record(tx, principal, {
        action: 'employee.roles-changed',
        entityType: 'employee',
        entityId: current.id,
        old: { roles: before },
        new: { roles },
        reason,
      });
      return publishEmployee(tx, this.employees, row, identityV1.EmployeeRolesChangedSchema, 'roles-changed', () => ({
        previousRoles: before,
        roles,
        changedBy: principal.subject,
      }));
    });
  }
}
