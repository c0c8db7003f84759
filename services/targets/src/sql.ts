import type { TenantTx } from '@kinerja/platform/database';

/** Rows of any statement: TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, count]`. */
export async function queryRows<T>(tx: TenantTx, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await tx.manager.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
