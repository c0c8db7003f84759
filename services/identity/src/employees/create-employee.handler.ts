import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { EMPLOYMENT_STATUSES, EMPLOYMENT_TYPES } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { todayIn } from '../dates.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { TenantSettingsReader } from '../settings/tenant-settings.reader.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import { checkGolongan, checkPlacementUnit, checkPosition } from './employee-checks.js';
import { parseIdentifier, type EmployeeIdentifier } from './employee-identifier.js';
import { toEmployeeMessage } from './employee.mapper.js';
import { EmployeeRepository } from './employee.repository.js';

@Injectable()
export class CreateEmployeeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly units: UnitRepository,
    private readonly tenants: TenantRepository,
    private readonly settings: TenantSettingsReader,
    private readonly audit: AuditRepository,
  ) {}

  // R1–R4: the identifier by employment type (the tenant's minimum appointment age in force), the status from a
  // date (R3), and when a unit is given the first placement from the same date (R4).
  async execute(principal: Principal, request: identityV1.CreateEmployeeRequest): Promise<identityV1.Employee> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    const employmentType = fields.oneOf('employmentType', request.employmentType, EMPLOYMENT_TYPES);
    const status = fields.oneOf('status', request.status || 'AKTIF', EMPLOYMENT_STATUSES);
    const name = fields.text('name', request.name, 200);
    const email = fields.email('email', request.email);
    const positionName = fields.text('positionName', request.positionName, 200, false);
    const position = checkPosition(fields, request.jenisJabatan || null, request.jenjang || null);
    const golongan = request.golongan || null;
    if (employmentType) checkGolongan(fields, employmentType, golongan);
    const unitId = fields.uuid('unitId', request.unitId, false);
    const decreeNumber = fields.text('decreeNumber', request.decreeNumber, 100, false);
    if (request.effectiveFrom) fields.date('effectiveFrom', request.effectiveFrom);

    return this.db.withTenant(tenantId, async (tx) => {
      const tenant = await this.tenants.findById(tx.manager, tenantId);
      if (!tenant) throw notFound('Instansi');
      const from = request.effectiveFrom || todayIn(tenant.timeZone);
      let identifier: EmployeeIdentifier | null = null;
      if (employmentType) {
        const { nip } = await this.settings.inForce(tx, tenant.timeZone, todayIn(tenant.timeZone));
        try {
          identifier = parseIdentifier(employmentType, request.nip, nip.minAppointmentAge);
        } catch (error) {
          if (!(error instanceof IdentityError)) throw error;
          fields.take(error.fields);
        }
      }
      fields.check('Data pegawai tidak sah.');
      if (!employmentType || !status || !name || !identifier) throw new Error('unreachable: checked above');
      if (unitId) await checkPlacementUnit(tx, this.units, 'unitId', unitId, from);

      const id = randomUUID();
      const row = await this.employees.insert(
        tx,
        {
          tenantId,
          id,
          nip: identifier.nip,
          name,
          employmentType,
          status,
          unitId,
          positionName,
          jenisJabatan: position.jenisJabatan,
          jenjang: position.jenjang,
          email,
          golongan,
          statusSince: from,
          birthDate: identifier.birthDate,
          gender: identifier.gender,
        },
        unitId
          ? {
              from,
              to: null,
              value: {
                unitId,
                positionName,
                jenisJabatan: position.jenisJabatan,
                jenjang: position.jenjang,
                decreeNumber,
              },
            }
          : null,
      );
      const employee = toEmployeeMessage(row, await this.employees.history(tx, id));
      await this.audit.record(tx, principal, {
        action: 'employee.created',
        entityType: 'employee',
        entityId: id,
        new: { nip: row.nip, name: row.name, employmentType, status, unitId, from },
      });
      tx.outbox.publish(identityV1.EmployeeCreatedSchema, create(identityV1.EmployeeCreatedSchema, { employee }), {
        aggregateType: 'employee',
        aggregateId: id,
        event: 'created',
      });
      return employee;
    });
  }
}
