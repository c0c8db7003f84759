import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@kinerja/platform/database';
import { IdentityError, isUniqueViolation } from '../identity-error.js';
import { EmployeeEntity } from './employee.entity.js';

export type NewEmployee = Omit<EmployeeEntity, 'createdAt' | 'updatedAt' | 'version'>;

type EmployeeRow = {
  tenant_id: string;
  id: string;
  nip: string;
  name: string;
  employment_type: 'PNS' | 'PPPK';
  status: string;
  unit_id: string | null;
  position_name: string | null;
  jenis_jabatan: string | null;
  email: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
};

function toEntity(row: EmployeeRow): EmployeeEntity {
  return Object.assign(new EmployeeEntity(), {
    tenantId: row.tenant_id,
    id: row.id,
    nip: row.nip,
    name: row.name,
    employmentType: row.employment_type,
    status: row.status,
    unitId: row.unit_id,
    positionName: row.position_name,
    jenisJabatan: row.jenis_jabatan,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  });
}

/** The only place with queries for employees; every one names tenant_id (STYLE.md "Data access"). */
@Injectable()
export class EmployeeRepository {
  async insert(tx: TenantTx, employee: NewEmployee): Promise<EmployeeEntity> {
    try {
      const rows = (await tx.manager.query(
        `INSERT INTO employee (tenant_id, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         RETURNING created_at, updated_at, version`,
        [
          tx.tenantId,
          employee.id,
          employee.nip,
          employee.name,
          employee.employmentType,
          employee.status,
          employee.unitId,
          employee.positionName,
          employee.jenisJabatan,
          employee.email,
        ],
      )) as { created_at: Date; updated_at: Date; version: number }[];
      const row = rows[0] as { created_at: Date; updated_at: Date; version: number };
      return Object.assign(new EmployeeEntity(), employee, {
        tenantId: tx.tenantId,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        version: row.version,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new IdentityError('NIP_TAKEN', 'An employee with this NIP is already registered.', [
          { field: 'nip', code: 'NIP_TAKEN', message: 'This NIP is already registered in your instansi.' },
        ]);
      }
      throw error;
    }
  }

  // Plain SQL on the hot path (GET /me): the query builder costs more CPU than the query itself.
  async findById(tx: TenantTx, id: string): Promise<EmployeeEntity | null> {
    const rows = (await tx.manager.query(
      `SELECT tenant_id, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan, email,
              created_at, updated_at, version
       FROM employee WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, id],
    )) as EmployeeRow[];
    const row = rows[0];
    return row ? toEntity(row) : null;
  }
}
