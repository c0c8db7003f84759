import type { DataSource, EntityManager } from 'typeorm';
import { insertOutboxEvents, OutboxWriter } from './outbox.js';
import { isUuid } from './uuid.js';

export { isUuid };

// Every unit of work runs in a transaction that first sets app.tenant_id (forced RLS, R41) and commits the
// outbox events it recorded with it, so a handler can forget neither.

/** One read, run as a named prepared statement (planned once per connection). */
export type TenantRead = { name: string; text: string; values: unknown[] };

type PipelineClient = {
  pipeline: boolean;
  connection?: { stream?: { cork(): void; uncork(): void } };
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  release(error?: Error | boolean): void;
};
type PgPool = { connect(): Promise<PipelineClient> };

const BEGIN_READ_ONLY = { name: 'kinerja_tenant_read_begin', text: 'BEGIN READ ONLY', values: [] };
const SET_TENANT = { name: 'kinerja_tenant_read_set', text: `SELECT set_config('app.tenant_id', $1, true)` };
const COMMIT = { name: 'kinerja_tenant_read_commit', text: 'COMMIT', values: [] };

export type TenantTx = {
  tenantId: string;
  manager: EntityManager;
  outbox: OutboxWriter;
};

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

  /**
   * One read as the tenant in ONE round trip: `BEGIN READ ONLY`, `set_config('app.tenant_id', …, true)`, the query
   * and `COMMIT` are written together as a pipeline of named prepared statements (PostgreSQL answers each in
   * turn), where withTenant waits for four round trips. Forced RLS (R41) sees the same transaction-local tenant:
   * if setting it fails, the transaction is aborted and the query fails with it (COMMIT then rolls back), and the
   * setting ends with the transaction, so the pooled connection goes back with no tenant. For hot single reads
   * (GET /me); anything that writes or reads more than once uses withTenant.
   */
  async readAsTenant<T>(tenantId: string, read: TenantRead): Promise<T[]> {
    if (!isUuid(tenantId)) throw new Error('readAsTenant needs a tenant id that is a UUID');
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (!pool) throw new Error('readAsTenant needs an initialized PostgreSQL data source');
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // The client is ours alone until released: it may send the four statements without waiting for answers.
      client.pipeline = true;
      const stream = client.connection?.stream;
      stream?.cork();
      const replies = [
        client.query(BEGIN_READ_ONLY),
        client.query({ ...SET_TENANT, values: [tenantId] }),
        client.query(read),
        client.query(COMMIT),
      ];
      stream?.uncork();
      const settled = await Promise.allSettled(replies);
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        // COMMIT of a failed transaction only rolls it back; a connection left inside one is not reused.
        if (settled[3]?.status === 'rejected') broken = failed.reason as Error;
        throw failed.reason;
      }
      return (settled[2] as PromiseFulfilledResult<{ rows: T[] }>).value.rows;
    } finally {
      client.pipeline = false;
      client.release(broken ?? false);
    }
  }
}
