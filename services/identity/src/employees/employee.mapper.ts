import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { identityV1 } from '@kinerja/contracts';
import type { Term } from '../terms.js';
import type { EmployeeEntity } from './employee.entity.js';
import type { EmployeeHistory, PlacementValue } from './employee.repository.js';

export function toAssignmentMessage(term: Term<PlacementValue>): identityV1.Assignment {
  return create(identityV1.AssignmentSchema, {
    unitId: term.value.unitId,
    positionName: term.value.positionName ?? '',
    jenisJabatan: term.value.jenisJabatan ?? '',
    jenjang: term.value.jenjang ?? '',
    from: term.from,
    to: term.to ?? '',
    decreeNumber: term.value.decreeNumber ?? '',
  });
}

/** The employee; events and single reads carry the history, lists and /me leave it out. */
export function toEmployeeMessage(e: EmployeeEntity, history?: EmployeeHistory): identityV1.Employee {
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
    golongan: e.golongan ?? '',
    jenjang: e.jenjang ?? '',
    statusSince: e.statusSince ?? '',
    assignments: history?.assignments.map(toAssignmentMessage) ?? [],
    statuses:
      history?.statuses.map((t) =>
        create(identityV1.StatusTermSchema, { status: t.value.status, from: t.from, to: t.to ?? '' }),
      ) ?? [],
    accountSubject: e.accountSubject ?? '',
    username: e.username ?? '',
    roles: e.roles ?? [],
    birthDate: e.birthDate ?? '',
    gender: e.gender ?? '',
  });
}
