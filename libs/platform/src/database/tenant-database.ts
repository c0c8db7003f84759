import type { DataSource, EntityManager } from 'typeorm';
import { insertOutboxEvents, OutboxWriter } from './outbox.js';

// Every unit of work runs in a transaction that first sets app.tenant_id (forced RLS, R41) and commits the
// outbox events it recorded with it, so a handler can forget neither.

export type TenantTx = {
  tenantId: string;
  manager: EntityManager;
  outbox: OutboxWriter;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuid.test(value);
}

export class TenantDatabase {
  constructor(
    readonly dataSource: DataSource,
    readonly service: string,
  ) {}

  async withTenant<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    if (!isUuid(tenantId)) throw new Error('withTenant needs a tenant id that is a UUID');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const outbox = new OutboxWriter(this.service, tenantId);
        const result = await work({ tenantId, manager: runner.manager, outbox });
        await insertOutboxEvents(runner, tenantId, outbox.drain());
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
