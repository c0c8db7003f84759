import type { TenantTx } from './tenant-database.js';

/** Rows of any statement: TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, count]`, a SELECT with rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

type PgConnection = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/**
 * A hot read as a named prepared statement on the transaction's connection: PostgreSQL parses and plans it once per
 * pooled connection and then reuses the plan, where an unnamed statement is planned on every call (the recursive
 * rater and SKP queries cost more to plan than to run). `name` must belong to one `text` only. Falls back to a plain
 * query when the driver connection is not at hand.
 */
export async function preparedQuery<T>(
  tx: Pick<TenantTx, 'manager'>,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const connection = (tx.manager.queryRunner as { databaseConnection?: PgConnection } | undefined)?.databaseConnection;
  if (connection) return (await connection.query({ name, text, values })).rows as T[];
  return rowsOf<T>(await tx.manager.query(text, values));
}
