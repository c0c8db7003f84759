import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import type { TenantTx } from '@kinerja/platform/database';
import type { EmployeeEntity } from './employee.entity.js';
import { toEmployeeMessage } from './employee.mapper.js';
import type { EmployeeRepository } from './employee.repository.js';
import type { identityV1 } from '@kinerja/contracts';

/**
 * Publishes an employee event carrying the whole current employee with its history, so a projection upserts it by
 * version and never needs an earlier event (events.proto). Returns the message it carried.
 */
export async function publishEmployee<Desc extends DescMessage>(
  tx: TenantTx,
  employees: EmployeeRepository,
  row: EmployeeEntity,
  schema: Desc,
  event: string,
  fields: (employee: identityV1.Employee) => Omit<MessageInitShape<Desc>, 'employee' | '$typeName'>,
): Promise<identityV1.Employee> {
  const employee = toEmployeeMessage(row, await employees.history(tx, row.id));
  const message = create(schema, { ...fields(employee), employee } as unknown as MessageInitShape<Desc>);
  tx.outbox.publish(schema, message, { aggregateType: 'employee', aggregateId: row.id, event });
  return employee;
}
