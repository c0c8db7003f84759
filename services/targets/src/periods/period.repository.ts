import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@kinerja/domain';
import type { TenantTx } from '@kinerja/platform/database';
import { queryRows } from '../sql.js';

export type PeriodState = 'PLANNED' | 'OPEN' | 'CLOSED';

export type PeriodRow = {
  id: string;
  year: number;
  code: string;
  kind: 'REGULAR' | 'FINAL';
  cadence: string;
  index: number;
  startDate: LocalDate;
  endDate: LocalDate;
  inputDeadline: LocalDate;
  label: string;
  state: PeriodState;
  deadlineReached: boolean;
  deadlineAdjusted: boolean;
  timeZone: string;
  opensAt: Date;
  closesAt: Date;
  inputClosesAt: Date;
  version: number;
};

export type NewPeriod = Omit<
  PeriodRow,
  'state' | 'deadlineReached' | 'deadlineAdjusted' | 'version' | 'opensAt' | 'closesAt' | 'inputClosesAt'
> & {
  opensAt: string;
  closesAt: string;
  inputClosesAt: string;
};

const columns = `id, year, code, kind, cadence, idx, start_date::text, end_date::text, input_deadline::text, label, state,
  deadline_reached, deadline_adjusted, time_zone, opens_at, closes_at, input_closes_at, version`;

type Raw = Record<string, unknown>;
const toRow = (r: Raw): PeriodRow => ({
  id: r.id as string,
  year: r.year as number,
  code: r.code as string,
  kind: r.kind as PeriodRow['kind'],
  cadence: r.cadence as string,
  index: r.idx as number,
  startDate: r.start_date as string,
  endDate: r.end_date as string,
  inputDeadline: r.input_deadline as string,
  label: r.label as string,
  state: r.state as PeriodState,
  deadlineReached: r.deadline_reached as boolean,
  deadlineAdjusted: r.deadline_adjusted as boolean,
  timeZone: r.time_zone as string,
  opensAt: r.opens_at as Date,
  closesAt: r.closes_at as Date,
  inputClosesAt: r.input_closes_at as Date,
  version: r.version as number,
});

/** The only place with queries for periods. */
@Injectable()
export class PeriodRepository {
  async ofYear(tx: TenantTx, year: number): Promise<PeriodRow[]> {
    const rows = await queryRows<Raw>(
      tx,
      `SELECT ${columns} FROM period WHERE tenant_id = $1 AND year = $2 ORDER BY kind DESC, idx`,
      [tx.tenantId, year],
    );
    return rows.map(toRow);
  }

  async byId(tx: TenantTx, id: string, forUpdate = false): Promise<PeriodRow | null> {
    const [row] = await queryRows<Raw>(
      tx,
      `SELECT ${columns} FROM period WHERE tenant_id = $1 AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    );
    return row ? toRow(row) : null;
  }

  async insert(tx: TenantTx, periods: readonly NewPeriod[]): Promise<void> {
    for (const p of periods)
      await tx.manager.query(
        `INSERT INTO period (tenant_id, id, year, code, kind, cadence, idx, start_date, end_date, input_deadline, label,
           time_zone, opens_at, closes_at, input_closes_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (tenant_id, year, code) DO NOTHING`,
        [
          tx.tenantId,
          p.id,
          p.year,
          p.code,
          p.kind,
          p.cadence,
          p.index,
          p.startDate,
          p.endDate,
          p.inputDeadline,
          p.label,
          p.timeZone,
          p.opensAt,
          p.closesAt,
          p.inputClosesAt,
        ],
      );
  }

  /** Drops a year's periods while none has opened and nothing refers to them (the cadence changed before it began). */
  async dropUnusedYear(tx: TenantTx, year: number): Promise<boolean> {
    const [used] = await queryRows<{ used: boolean }>(
      tx,
      `SELECT EXISTS (SELECT 1 FROM rencana_aksi r JOIN period p ON p.tenant_id = r.tenant_id AND p.id = r.period_id
                      WHERE r.tenant_id = $1 AND p.year = $2)
           OR EXISTS (SELECT 1 FROM org_rating r JOIN period p ON p.tenant_id = r.tenant_id AND p.id = r.period_id
                      WHERE r.tenant_id = $1 AND p.year = $2) AS used`,
      [tx.tenantId, year],
    );
    if (used?.used) return false;
    await tx.manager.query(`DELETE FROM period WHERE tenant_id = $1 AND year = $2`, [tx.tenantId, year]);
    return true;
  }

  async setDeadline(tx: TenantTx, id: string, deadline: LocalDate, closesAt: string): Promise<PeriodRow> {
    const [row] = await queryRows<Raw>(
      tx,
      `UPDATE period SET input_deadline = $3, input_closes_at = $4, deadline_adjusted = true, version = version + 1
       WHERE tenant_id = $1 AND id = $2 RETURNING ${columns}`,
      [tx.tenantId, id, deadline, closesAt],
    );
    return toRow(row as Raw);
  }

  // R7 moments, each taken once: a conditional update that a concurrent scheduler re-checks after the first commits.
  async open(tx: TenantTx, now: Date): Promise<PeriodRow[]> {
    return this.advance(tx, `state = 'OPEN'`, `state = 'PLANNED' AND opens_at <= $2`, now);
  }

  async close(tx: TenantTx, now: Date): Promise<PeriodRow[]> {
    return this.advance(tx, `state = 'CLOSED'`, `state = 'OPEN' AND closes_at <= $2`, now);
  }

  async reachDeadline(tx: TenantTx, now: Date): Promise<PeriodRow[]> {
    return this.advance(
      tx,
      `deadline_reached = true`,
      `state = 'CLOSED' AND NOT deadline_reached AND input_closes_at <= $2`,
      now,
    );
  }

  private async advance(tx: TenantTx, set: string, where: string, now: Date): Promise<PeriodRow[]> {
    const rows = await queryRows<Raw>(
      tx,
      `UPDATE period SET ${set}, version = version + 1 WHERE tenant_id = $1 AND ${where} RETURNING ${columns}`,
      [tx.tenantId, now],
    );
    return rows.map(toRow).sort((a, b) => a.startDate.localeCompare(b.startDate) || a.kind.localeCompare(b.kind));
  }
}
