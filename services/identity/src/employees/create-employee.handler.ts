import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { EMPLOYMENT_STATUSES, JENIS_JABATAN } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { IdentityError, requireRole } from '../identity-error.js';
import { validIdentifier } from './employee-identifier.js';
import { toEmployeeMessage } from './employee.mapper.js';
import { EmployeeRepository } from './employee.repository.js';

const statuses = new Set<string>(EMPLOYMENT_STATUSES);
const jabatan = new Set<string>(JENIS_JABATAN);
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

@Injectable()
export class CreateEmployeeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
  ) {}

  async execute(principal: Principal, request: identityV1.CreateEmployeeRequest): Promise<identityV1.Employee> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const employmentType =
      request.employmentType === 'PNS' || request.employmentType === 'PPPK' ? request.employmentType : undefined;
    const fields: FieldError[] = [];
    if (!employmentType) fields.push({ field: 'employmentType', code: 'INVALID_VALUE', message: 'PNS or PPPK.' });
    const status = request.status || 'AKTIF';
    if (!statuses.has(status))
      fields.push({ field: 'status', code: 'INVALID_VALUE', message: 'Not an employment status (R3).' });
    if (request.jenisJabatan && !jabatan.has(request.jenisJabatan)) {
      fields.push({ field: 'jenisJabatan', code: 'INVALID_VALUE', message: 'Not a jenis jabatan (R4).' });
    }
    if (!request.name.trim() || request.name.length > 200)
      fields.push({ field: 'name', code: 'INVALID_VALUE', message: '1 to 200 characters.' });
    if (request.email && !email.test(request.email))
      fields.push({ field: 'email', code: 'INVALID_VALUE', message: 'Not an e-mail address.' });
    let nip = '';
    try {
      if (employmentType) nip = validIdentifier(employmentType, request.nip);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      fields.push(...error.fields);
    }
    if (fields.length > 0 || !employmentType)
      throw new IdentityError('VALIDATION_FAILED', 'The employee has invalid fields.', fields);

    return this.db.withTenant(tenantId, async (tx) => {
      const row = await this.employees.insert(tx, {
        tenantId,
        id: randomUUID(),
        nip,
        name: request.name.trim(),
        employmentType,
        status,
        unitId: request.unitId || null,
        positionName: request.positionName || null,
        jenisJabatan: request.jenisJabatan || null,
        email: request.email || null,
      });
      const employee = toEmployeeMessage(row);
      tx.outbox.publish(identityV1.EmployeeCreatedSchema, create(identityV1.EmployeeCreatedSchema, { employee }), {
        aggregateType: 'employee',
        aggregateId: row.id,
        event: 'created',
      });
      return employee;
    });
  }
}
