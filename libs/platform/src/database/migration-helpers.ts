import type { QueryRunner } from 'typeorm';

// Helpers for hand-written SQL migrations. Every tenant-owned table gets (tenant_id, id) as its key,
// composite foreign keys that include tenant_id, and FORCED row-level security on app.tenant_id (R41).

export type TenantForeignKey = {
  columns: string[];
  references: string;
  referencedColumns?: string[];
  onDelete?: 'CASCADE' | 'RESTRICT' | 'SET NULL' | 'NO ACTION';
};

export type TenantTableSpec = {
  name: string;
  /** Column definitions other than tenant_id and id, as SQL lines. */
  columns: string[];
  /** Foreign keys to other tenant tables; tenant_id is prepended to both sides. */
  foreignKeys?: TenantForeignKey[];
  /** Extra table constraints (unique, check), as SQL. */
  constraints?: string[];
  /** The id column's type (default uuid). */
  idType?: string;
};

// After a transaction-local set_config the setting reads '' (not NULL) on that pooled connection: nullif keeps
// "no tenant set" meaning "no rows" instead of a cast error.
export const tenantPredicate = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;

export function tenantTableSql(spec: TenantTableSpec): string[] {
  const fks = (spec.foreignKeys ?? []).map((fk) => {
    const cols = ['tenant_id', ...fk.columns].join(', ');
    const refs = ['tenant_id', ...(fk.referencedColumns ?? ['id'])].join(', ');
    return `FOREIGN KEY (${cols}) REFERENCES ${fk.references} (${refs})${fk.onDelete ? ` ON DELETE ${fk.onDelete}` : ''}`;
  });
  const body = [
    'tenant_id uuid NOT NULL',
    `id ${spec.idType ?? 'uuid'} NOT NULL`,
    ...spec.columns,
    'PRIMARY KEY (tenant_id, id)',
    ...fks,
    ...(spec.constraints ?? []),
  ];
  return [`CREATE TABLE ${spec.name} (\n  ${body.join(',\n  ')}\n)`, ...rlsSql(spec.name)];
}

/** Enables and forces RLS with the tenant policy on an existing table that has a tenant_id column. */
export function rlsSql(table: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (${tenantPredicate}) WITH CHECK (${tenantPredicate})`,
  ];
}

export async function createTenantTable(runner: QueryRunner, spec: TenantTableSpec): Promise<void> {
  for (const sql of tenantTableSql(spec)) await runner.query(sql);
}

export async function runSql(runner: QueryRunner, statements: string[]): Promise<void> {
  for (const sql of statements) await runner.query(sql);
}
