import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import type { identityV1 } from '@kinerja/contracts';
import type { TenantTx } from '@kinerja/platform/database';
import { toActingMessage, toUnitMessage } from './unit.mapper.js';
import type { ActingAppointmentEntity } from './unit.entity.js';
import type { UnitAggregate } from './unit.repository.js';

/** Publishes a unit event carrying the whole unit with its parent and head history (events.proto). */
export function publishUnit<Desc extends DescMessage>(
  tx: TenantTx,
  aggregate: UnitAggregate,
  schema: Desc,
  event: string,
  fields: Omit<MessageInitShape<Desc>, 'unit' | '$typeName'> = {} as never,
): identityV1.Unit {
  const unit = toUnitMessage(aggregate);
  tx.outbox.publish(schema, create(schema, { ...fields, unit } as unknown as MessageInitShape<Desc>), {
    aggregateType: 'unit',
    aggregateId: aggregate.unit.id,
    event,
  });
  return unit;
}

export function publishActing<Desc extends DescMessage>(
  tx: TenantTx,
  acting: ActingAppointmentEntity,
  schema: Desc,
  event: string,
): identityV1.ActingAppointment {
  const appointment = toActingMessage(acting);
  tx.outbox.publish(schema, create(schema, { appointment } as unknown as MessageInitShape<Desc>), {
    aggregateType: 'acting',
    aggregateId: acting.id,
    event,
  });
  return appointment;
}
