import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal, type RealmRole } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { publishEmployee } from '../employees/employee-events.js';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { Fields } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { AccountProvisioner } from './account-provisioner.js';

/** Logins: lower-case letters, digits, dot, dash, underscore; 3 to 64 characters. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

@Injectable()
export class CreateAccountHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly accounts: AccountProvisioner,
    private readonly audit: AuditRepository,
  ) {}

  // The login is created (or an existing one of this tenant found by username) in the identity provider while the
  // link is still uncommitted: if the provider fails nothing is written, and a retry finds the login again. The
  // provider then puts tenant_id and employee_id into the login's tokens, which is what /me and every service read.
  async execute(
    principal: Principal,
    request: identityV1.CreateAccountRequest,
  ): Promise<identityV1.CreateAccountResponse> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('employeeId', request.employeeId);
    const username = request.username.trim().toLowerCase();
    if (!USERNAME.test(username))
      fields.add(
        'username',
        username ? 'INVALID_VALUE' : 'REQUIRED',
        'Huruf kecil, angka, titik, garis; 3–64 karakter.',
      );
    const email = fields.email('email', request.email);
    fields.check('Akun tidak sah.');

    return this.db.withTenant(tenantId, async (tx) => {
      const current = await this.employees.lockForChange(tx, request.employeeId);
      if (current.accountSubject)
        throw new IdentityError('ACCOUNT_TAKEN', 'Pegawai ini sudah memiliki akun.', [
          { field: 'employeeId', code: 'ACCOUNT_EXISTS', message: `Akun ${current.username ?? ''} sudah tertaut.` },
        ]);
      const roles = [...new Set(['employee', ...current.roles])] as RealmRole[];
      const login = await this.accounts.ensureAccount({
        username,
        email: email ?? current.email ?? '',
        name: current.name,
        tenantId,
        employeeId: current.id,
        roles,
      });
      const row = await this.employees.update(tx, current.id, { accountSubject: login.userId, username, roles });
      await this.audit.record(tx, principal, {
        action: 'employee.account-linked',
        entityType: 'employee',
        entityId: current.id,
        old: null,
        new: { username, subject: login.userId, created: login.created, roles },
      });
      const employee = await publishEmployee(
        tx,
        this.employees,
        row,
        identityV1.EmployeeAccountLinkedSchema,
        'account-linked',
        () => ({}),
      );
      return create(identityV1.CreateAccountResponseSchema, {
        employee,
        login: {
          userId: login.userId,
          username,
          created: login.created,
          temporaryPassword: login.temporaryPassword ?? '',
        },
      });
    });
  }
}
