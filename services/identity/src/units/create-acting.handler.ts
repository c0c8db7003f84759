import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { ACTING_KINDS } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { refuseOverlap } from './acting-checks.js';
import { ActingRepository } from './acting.repository.js';
import { publishActing } from './unit-events.js';
import { UnitRepository } from './unit.repository.js';

@Injectable()
export class CreateActingHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly units: UnitRepository,
    private readonly acting: ActingRepository,
    private readonly employees: EmployeeRepository,
    private readonly audit: AuditRepository,
  ) {}

  // R5: a PLT or PLH heads the unit for rater resolution on the dates of the appointment, over the definitive head.
  async execute(principal: Principal, request: identityV1.CreateActingRequest): Promise<identityV1.ActingAppointment> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('unitId', request.unitId);
    const employeeId = fields.uuid('employeeId', request.employeeId);
    const kind = fields.oneOf('kind', request.kind, ACTING_KINDS);
    const from = fields.date('from', request.from);
    const to = fields.optionalDate('to', request.to);
    fields.order('from', from, 'to', to);
    const decreeNumber = fields.text('decreeNumber', request.decreeNumber, 100, false);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check('Penunjukan PLT/PLH tidak sah.');
    if (!employeeId || !kind) throw new Error('unreachable: checked above');

    return this.db.withTenant(tenantId, async (tx) => {
      // The unit's row lock serialises acting changes of one unit, so two overlapping requests cannot both pass.
      const unit = await this.units.findById(tx, request.unitId, true);
      if (!unit) throw notFound('Unit');
      if (!unit.active)
        throw new IdentityError('VALIDATION_FAILED', 'Unit sudah tidak aktif.', [
          { field: 'unitId', code: 'UNIT_INACTIVE', message: 'Unit sudah tidak aktif.' },
        ]);
      if (!(await this.employees.findById(tx, employeeId)))
        throw new IdentityError('NOT_FOUND', 'Pegawai tidak ditemukan.', [
          { field: 'employeeId', code: 'NOT_FOUND', message: 'Pegawai tidak ditemukan.' },
        ]);
      await refuseOverlap(tx, this.acting, unit.id, from, to, null);
      const appointment = await this.acting.insert(tx, {
        id: randomUUID(),
        unitId: unit.id,
        employeeId,
        kind,
        from,
        to,
        decreeNumber,
      });
      await this.audit.record(tx, principal, {
        action: 'acting.appointed',
        entityType: 'acting',
        entityId: appointment.id,
        new: { unitId: unit.id, employeeId, kind, from, to, decreeNumber },
        reason,
      });
      return publishActing(tx, appointment, identityV1.ActingAppointedSchema, 'appointed');
    });
  }
}
