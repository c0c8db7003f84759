import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@kinerja/platform/database';
import { queryRows } from '../sql.js';

export type AgreementIndicator = { id: string; text: string; target: string };
export type AgreementResult = { id: string; text: string; indicators: AgreementIndicator[] };
export type AgreementRow = {
  id: string;
  year: number;
  results: AgreementResult[];
  updatedBy: string;
  updatedAt: Date;
  version: number;
};

type Raw = {
  id: string;
  year: number;
  results: AgreementResult[];
  updated_by: string;
  updated_at: Date;
  version: number;
};
const toRow = (r: Raw): AgreementRow => ({
  id: r.id,
  year: r.year,
  results: r.results,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
  version: r.version,
});

/** The only place with queries for the perjanjian kinerja. */
@Injectable()
export class AgreementRepository {
  async ofYear(tx: TenantTx, year: number): Promise<AgreementRow | null> {
    const [row] = await queryRows<Raw>(
      tx,
      `SELECT id, year, results, updated_by, updated_at, version FROM performance_agreement
       WHERE tenant_id = $1 AND year = $2`,
      [tx.tenantId, year],
    );
    return row ? toRow(row) : null;
  }

  async save(tx: TenantTx, id: string, year: number, results: AgreementResult[], by: string): Promise<AgreementRow> {
    const [row] = await queryRows<Raw>(
      tx,
      `INSERT INTO performance_agreement (tenant_id, id, year, results, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (tenant_id, year) DO UPDATE SET results = excluded.results, updated_by = excluded.updated_by,
         updated_at = now(), version = performance_agreement.version + 1
       RETURNING id, year, results, updated_by, updated_at, version`,
      [tx.tenantId, id, year, JSON.stringify(results), by],
    );
    return toRow(row as Raw);
  }
}
