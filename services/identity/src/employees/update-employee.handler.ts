import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { todayIn } from '../dates.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { TenantSettingsReader } from '../settings/tenant-settings.reader.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { checkGolongan } from './employee-checks.js';
import { publishEmployee } from './employee-events.js';
import { parseIdentifier } from './employee-identifier.js';
import { toEmployeeMessage } from './employee.mapper.js';
import { EmployeeRepository, type EmployeeChanges } from './employee.repository.js';

@Injectable()
export class UpdateEmployeeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly tenants: TenantRepository,
    private readonly settings: TenantSettingsReader,
    private readonly audit: AuditRepository,
  ) {}

  // The employee's own data: a corrected NIP (R1, R2), name, contact e-mail, golongan (R4). Optimistic concurrency
  // on the version the caller read (If-Match).
  async execute(principal: Principal, request: identityV1.UpdateEmployeeRequest): Promise<identityV1.Employee> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('id', request.id);
    const name = request.name === undefined ? undefined : fields.text('name', request.name, 200);
    const email = request.email === undefined ? undefined : fields.email('email', request.email);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();

    return this.db.withTenant(tenantId, async (tx) => {
      const current = await this.employees.lockForChange(tx, request.id, request.expectedVersion);
      const changes: EmployeeChanges = {};
      if (name !== undefined && name !== null && name !== current.name) changes.name = name;
      if (email !== undefined && email !== current.email) changes.email = email;
      if (request.golongan !== undefined) {
        const golongan = request.golongan || null;
        checkGolongan(fields, current.employmentType, golongan);
        if (golongan !== current.golongan) changes.golongan = golongan;
      }
      if (request.nip !== undefined) {
        const tenant = await this.tenants.findById(tx.manager, tenantId);
        if (!tenant) throw notFound('Instansi');
        const { nip } = await this.settings.inForce(tx, tenant.timeZone, todayIn(tenant.timeZone));
        try {
          const identifier = parseIdentifier(current.employmentType, request.nip, nip.minAppointmentAge);
          if (identifier.nip !== current.nip) Object.assign(changes, identifier);
        } catch (error) {
          if (!(error instanceof IdentityError)) throw error;
          fields.take(error.fields);
        }
      }
      fields.check('Data pegawai tidak sah.');
      // Nothing changed: the current employee, no event, no audit record.
      if (Object.keys(changes).length === 0)
        return toEmployeeMessage(current, await this.employees.history(tx, current.id));

      const row = await this.employees.update(tx, current.id, changes);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof typeof changes]]));
      await this.audit.record(tx, principal, {
        action: 'employee.updated',
        entityType: 'employee',
        entityId: current.id,
        old: before,
        new: changes,
        reason,
      });
      return publishEmployee(tx, this.employees, row, identityV1.EmployeeUpdatedSchema, 'updated', () => ({}));
    });
  }
}
