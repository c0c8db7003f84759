import { rowsOf, type TenantTx } from '@kinerja/platform/database';

/** Rows of any statement: TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, count]`. */
export async function queryRows<T>(tx: TenantTx, sql: string, params: unknown[]): Promise<T[]> {
  return rowsOf<T>(await tx.manager.query(sql, params));
}
