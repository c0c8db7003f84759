import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { Fields, historyConflict } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { changeFrom, openTerm } from '../terms.js';
import { UnitHeads } from '../units/unit-heads.js';
import { UnitRepository } from '../units/unit.repository.js';
import { checkPlacementUnit, checkPosition, samePlacement } from './employee-checks.js';
import { publishEmployee } from './employee-events.js';
import { toAssignmentMessage } from './employee.mapper.js';
import { EmployeeRepository, type PlacementValue } from './employee.repository.js';

@Injectable()
export class MoveEmployeeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly units: UnitRepository,
    private readonly heads: UnitHeads,
    private readonly audit: AuditRepository,
  ) {}

  // R4, R6: a new unit and/or position from a date; the current placement ends the day before. The targets service
  // closes the current SKP on employee.moved (R6). A head moved to another unit no longer heads the old one (R5).
  async execute(
    principal: Principal,
    request: identityV1.MoveEmployeeRequest,
  ): Promise<identityV1.MoveEmployeeResponse> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('id', request.id);
    const from = fields.date('effectiveFrom', request.effectiveFrom);
    const unitId = request.unitId === undefined ? undefined : fields.uuid('unitId', request.unitId);
    const positionName =
      request.positionName === undefined ? undefined : fields.text('positionName', request.positionName, 200, false);
    const decreeNumber = fields.text('decreeNumber', request.decreeNumber, 100, false);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();

    return this.db.withTenant(tenantId, async (tx) => {
      const current = await this.employees.lockForChange(tx, request.id, request.expectedVersion);
      const history = await this.employees.history(tx, current.id);
      const latest = openTerm(history.assignments)?.value;
      const target = unitId ?? latest?.unitId ?? null;
      if (!target) fields.add('unitId', 'REQUIRED', 'Pegawai belum ditempatkan: unit wajib diisi.');
      const position = checkPosition(
        fields,
        request.jenisJabatan === undefined
          ? (latest?.jenisJabatan ?? current.jenisJabatan)
          : request.jenisJabatan || null,
        request.jenjang === undefined
          ? request.jenisJabatan === undefined
            ? (latest?.jenjang ?? current.jenjang)
            : null
          : request.jenjang || null,
      );
      fields.check('Perpindahan tidak sah.');
      if (!target) throw new Error('unreachable: checked above');
      if (unitId) await checkPlacementUnit(tx, this.units, 'unitId', unitId, from);

      const value: PlacementValue = {
        unitId: target,
        positionName: positionName === undefined ? (latest?.positionName ?? current.positionName) : positionName,
        jenisJabatan: position.jenisJabatan,
        jenjang: position.jenjang,
        decreeNumber,
      };
      const change = changeFrom(history.assignments, from, value, samePlacement);
      if (!change.ok) throw historyConflict('effectiveFrom', change.latestFrom);
      if (!change.changed)
        throw new IdentityError('VALIDATION_FAILED', 'Tidak ada yang berubah.', [
          { field: 'unitId', code: 'NO_CHANGE', message: 'Unit dan jabatan sama dengan penempatan saat ini.' },
        ]);

      await this.employees.replaceAssignments(tx, current.id, change.terms);
      const open = openTerm(change.terms)?.value ?? value;
      const row = await this.employees.update(tx, current.id, {
        unitId: open.unitId,
        positionName: open.positionName,
        jenisJabatan: open.jenisJabatan,
        jenjang: open.jenjang,
      });
      const ended =
        change.previous && change.previous.value.unitId !== value.unitId
          ? await this.heads.endHeadshipsOf(tx, principal, current.id, from, reason || 'Pindah unit', value.unitId)
          : [];
      const previous = change.previous ? toAssignmentMessage(change.previous) : undefined;
      const placed = change.current ? toAssignmentMessage(change.current) : undefined;
      await this.audit.record(tx, principal, {
        action: 'employee.moved',
        entityType: 'employee',
        entityId: current.id,
        old: change.previous ? { ...change.previous.value, from: change.previous.from } : null,
        new: { ...value, from, endedHeadshipUnitIds: ended },
        reason,
      });
      const employee = await publishEmployee(tx, this.employees, row, identityV1.EmployeeMovedSchema, 'moved', () => ({
        previous,
        current: placed,
        effectiveDate: from,
      }));
      return create(identityV1.MoveEmployeeResponseSchema, {
        employee,
        previous,
        current: placed,
        endedHeadshipUnitIds: ended,
      });
    });
  }
}
