// TypeORM's `query()` answers an UPDATE or DELETE with `[rows, affected]` and a SELECT or INSERT with the rows.
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

type PgConnection = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/**
 * Runs a hot read as a named prepared statement on the transaction's connection: PostgreSQL plans it once per
 * connection and then reuses the plan, where an unnamed statement is planned on every call (planning the recursive
 * rater query costs more than running it). Falls back to a plain query when the driver connection is not at hand.
 */
export async function preparedQuery<T>(
  manager: { query(sql: string, params?: unknown[]): Promise<unknown>; queryRunner?: unknown },
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const connection = (manager.queryRunner as { databaseConnection?: PgConnection } | undefined)?.databaseConnection;
  if (connection) return (await connection.query({ name, text, values })).rows as T[];
  return (await manager.query(text, values)) as T[];
}
