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

/** Timestamp JSON as protobuf-es writes a millisecond Timestamp: no fraction for whole seconds, else three digits. */
function timestampJson(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * An employee without history as canonical proto3 JSON, written directly: what
 * `toRpcJson(EmployeeSchema, toEmployeeMessage(e))` gives, field for field and in the same order, without building a
 * message and walking it by reflection. Lists and searches send 50 of these per page, where that walk was a fifth
 * of the service's time. employee.mapper.spec.ts holds the two to be equal.
 */
export function toEmployeeJson(e: EmployeeEntity): identityV1.EmployeeJson {
  const json: identityV1.EmployeeJson = {};
  // Proto3 JSON leaves out fields with their default value ('' , 0, []).
  const put = <K extends keyof identityV1.EmployeeJson>(key: K, value: identityV1.EmployeeJson[K] | null) => {
    if (value !== null && value !== '' && value !== undefined) json[key] = value;
  };
  put('id', e.id);
  put('tenantId', e.tenantId);
  put('nip', e.nip);
  put('name', e.name);
  put('employmentType', e.employmentType);
  put('status', e.status);
  put('unitId', e.unitId);
  put('positionName', e.positionName);
  put('jenisJabatan', e.jenisJabatan);
  put('email', e.email);
  put('createdAt', timestampJson(e.createdAt));
  put('updatedAt', timestampJson(e.updatedAt));
  if (e.version !== 0) json.version = String(e.version);
  put('golongan', e.golongan);
  put('jenjang', e.jenjang);
  put('statusSince', e.statusSince);
  put('accountSubject', e.accountSubject);
  put('username', e.username);
  if (e.roles && e.roles.length > 0) json.roles = [...e.roles];
  put('birthDate', e.birthDate);
  put('gender', e.gender);
  return json;
}
