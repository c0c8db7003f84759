import type { TenantTx } from '@kinerja/platform/database';

/** Rows of any statement: TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, count]`. */
export async function queryRows<T>(tx: TenantTx, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await tx.manager.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

type PgClient = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/**
 * A hot read as a named prepared statement on the transaction's connection: PostgreSQL parses and plans it once
 * per pooled connection instead of on every request (the recursive CTEs of the SKP read and the approval queue
 * cost more to plan than to run). `name` must be unique to `text`. Falls back to an unnamed query when the
 * manager has no PostgreSQL query runner.
 */
export async function queryNamed<T>(tx: TenantTx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = tx.manager.queryRunner as { connect(): Promise<unknown> } | undefined;
  const client = (await runner?.connect()) as PgClient | undefined;
  if (!client || typeof client.query !== 'function') return (await tx.manager.query(text, values)) as T[];
  return (await client.query({ name, text, values })).rows as T[];
}
