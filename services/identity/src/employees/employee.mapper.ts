import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { identityV1 } from '@kinerja/contracts';
import type { EmployeeEntity } from './employee.entity.js';

export function toEmployeeMessage(e: EmployeeEntity): identityV1.Employee {
  return create(identityV1.EmployeeSchema, {
    id: e.id,
    tenantId: e.tenantId,
    nip: e.nip,
    name: e.name,
    employmentType: e.employmentType,
    status: e.status,
    unitId: e.unitId ?? '',
    positionName: e.positionName ?? '',
    jenisJabatan: e.jenisJabatan ?? '',
    email: e.email ?? '',
    createdAt: timestampFromDate(e.createdAt),
    updatedAt: timestampFromDate(e.updatedAt),
    version: BigInt(e.version),
  });
}
