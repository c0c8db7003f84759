import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { identityV1 } from '@kinerja/contracts';
import type { ActingAppointmentEntity } from './unit.entity.js';
import type { UnitAggregate } from './unit.repository.js';

export function toUnitMessage({ unit, parents, heads }: UnitAggregate): identityV1.Unit {
  return create(identityV1.UnitSchema, {
    id: unit.id,
    tenantId: unit.tenantId,
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId ?? '',
    headPositionName: unit.headPositionName ?? '',
    headEmployeeId: unit.headEmployeeId ?? '',
    parents: parents.map((t) =>
      create(identityV1.UnitParentTermSchema, { parentId: t.value.parentId ?? '', from: t.from, to: t.to ?? '' }),
    ),
    heads: heads.map((t) =>
      create(identityV1.UnitHeadTermSchema, { employeeId: t.value.employeeId, from: t.from, to: t.to ?? '' }),
    ),
    active: unit.active,
    createdAt: timestampFromDate(unit.createdAt),
    updatedAt: timestampFromDate(unit.updatedAt),
    version: BigInt(unit.version),
  });
}

export function toActingMessage(a: ActingAppointmentEntity): identityV1.ActingAppointment {
  return create(identityV1.ActingAppointmentSchema, {
    id: a.id,
    tenantId: a.tenantId,
    unitId: a.unitId,
    employeeId: a.employeeId,
    kind: a.kind,
    from: a.from,
    to: a.to ?? '',
    decreeNumber: a.decreeNumber ?? '',
    revoked: a.revoked,
    createdAt: timestampFromDate(a.createdAt),
    version: BigInt(a.version),
  });
}

/** An acting head as the tree and the reports read it on a date (`ActingOnDate`), as the contract's message. */
export function toActingOnDateMessage(
  tenantId: string,
  unitId: string,
  acting: { id: string; employeeId: string; kind: string; from: string; to: string | null } | undefined,
): identityV1.ActingAppointment | undefined {
  return acting
    ? create(identityV1.ActingAppointmentSchema, {
        id: acting.id,
        tenantId,
        unitId,
        employeeId: acting.employeeId,
        kind: acting.kind,
        from: acting.from,
        to: acting.to ?? '',
      })
    : undefined;
}
