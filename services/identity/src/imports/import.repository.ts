import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@kinerja/platform/database';
import { sqlDate } from '../dates.js';
import type { Term } from '../terms.js';
import type { Known, KnownEmployee, KnownUnit } from './import-plan.js';
import type { RowError } from './import-rows.js';

// The only place with queries for import jobs and their reports, and the one read of what a tenant holds that an
// import is planned against. Every query names tenant_id.

export type ImportStatus =
  'QUEUED' | 'VALIDATING' | 'WRITING' | 'COMPLETED' | 'REJECTED' | 'VALIDATED' | 'FAILED' | 'INTERRUPTED';

export type ImportCounts = {
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
};

export const noCounts = (): ImportCounts => ({
  total: 0,
  valid: 0,
  invalid: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
});

export type ImportJobRow = {
  id: string;
  kind: 'UNITS' | 'EMPLOYEES';
  mode: 'ALL_OR_NOTHING' | 'VALID_ROWS_ONLY';
  dry_run: boolean;
  status: ImportStatus;
  file_name: string;
  file_format: 'CSV' | 'XLSX';
  file_size: string;
  upload_name: string;
  units: Partial<ImportCounts>;
  employees: Partial<ImportCounts>;
  processed: number;
  total: number;
  error_count: number;
  failure_code: string | null;
  failure_message: string | null;
  created_by: string;
  created_by_username: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  created_key: string;
};

export type NewImportJob = Pick<
  ImportJobRow,
  | 'id'
  | 'kind'
  | 'mode'
  | 'dry_run'
  | 'file_name'
  | 'file_format'
  | 'upload_name'
  | 'created_by'
  | 'created_by_username'
> & { file_size: number };

export type JobUpdate = Partial<
  Pick<
    ImportJobRow,
    'status' | 'units' | 'employees' | 'processed' | 'total' | 'error_count' | 'failure_code' | 'failure_message'
  >
> & { finished?: boolean };

/** A running job that has not written for this long was stopped with its process. */
export const STALE_AFTER_SECONDS = 120;

const base = `id, kind, mode, dry_run, file_name, file_format, file_size, upload_name, units, employees,
  processed, total, error_count, failure_code, failure_message, created_by, created_by_username, created_at,
  updated_at, finished_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key`;
// A running job whose heartbeat stopped reads as INTERRUPTED.
const columns = `${base},
  CASE WHEN status IN ('QUEUED', 'VALIDATING', 'WRITING')
        AND updated_at < clock_timestamp() - make_interval(secs => ${STALE_AFTER_SECONDS})
       THEN 'INTERRUPTED' ELSE status END AS status`;

type TermRow = { subject: string; valid_from: string; valid_to: string | null; value: string | null };

@Injectable()
export class ImportRepository {
  async insert(tx: TenantTx, job: NewImportJob): Promise<ImportJobRow> {
    const rows = (await tx.manager.query(
      `INSERT INTO import_job (tenant_id, id, kind, mode, dry_run, status, file_name, file_format, file_size,
                               upload_name, created_by, created_by_username)
       VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6, $7, $8, $9, $10, $11) RETURNING ${base}, status`,
      [
        tx.tenantId,
        job.id,
        job.kind,
        job.mode,
        job.dry_run,
        job.file_name,
        job.file_format,
        job.file_size,
        job.upload_name,
        job.created_by,
        job.created_by_username,
      ],
    )) as ImportJobRow[];
    return rows[0] as ImportJobRow;
  }

  async find(tx: TenantTx, id: string): Promise<ImportJobRow | null> {
    const rows = (await tx.manager.query(`SELECT ${columns} FROM import_job WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
    ])) as ImportJobRow[];
    return rows[0] ?? null;
  }

  /** Serialises the starts of a tenant's imports and tells whether one is still running. */
  async lockRunning(tx: TenantTx): Promise<ImportJobRow | null> {
    await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('import:' || $1, 0))`, [tx.tenantId]);
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM import_job WHERE tenant_id = $1 AND status IN ('QUEUED', 'VALIDATING', 'WRITING')
         AND updated_at >= clock_timestamp() - make_interval(secs => ${STALE_AFTER_SECONDS})
       ORDER BY created_at DESC LIMIT 1`,
      [tx.tenantId],
    )) as ImportJobRow[];
    return rows[0] ?? null;
  }

  async list(tx: TenantTx, after: { at: string; id: string } | null, limit: number): Promise<ImportJobRow[]> {
    return (await tx.manager.query(
      `SELECT ${columns} FROM import_job WHERE tenant_id = $1
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [tx.tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    )) as ImportJobRow[];
  }

  async update(tx: TenantTx, id: string, change: JobUpdate): Promise<void> {
    const sets: string[] = ['updated_at = clock_timestamp()'];
    const params: unknown[] = [tx.tenantId, id];
    const set = (column: string, value: unknown, cast = '') => {
      params.push(value);
      sets.push(`${column} = $${params.length}${cast}`);
    };
    if (change.status !== undefined) set('status', change.status);
    if (change.units !== undefined) set('units', JSON.stringify(change.units), '::jsonb');
    if (change.employees !== undefined) set('employees', JSON.stringify(change.employees), '::jsonb');
    if (change.processed !== undefined) set('processed', change.processed);
    if (change.total !== undefined) set('total', change.total);
    if (change.error_count !== undefined) set('error_count', change.error_count);
    if (change.failure_code !== undefined) set('failure_code', change.failure_code);
    if (change.failure_message !== undefined) set('failure_message', change.failure_message);
    if (change.finished) sets.push('finished_at = clock_timestamp()');
    await tx.manager.query(`UPDATE import_job SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
  }

  /** Appends row errors to the report, numbered from `firstSeq`. */
  async addErrors(tx: TenantTx, jobId: string, errors: readonly RowError[], firstSeq: number): Promise<void> {
    for (let i = 0; i < errors.length; i += 5_000) {
      const part = errors.slice(i, i + 5_000);
      await tx.manager.query(
        `INSERT INTO import_row_error (tenant_id, job_id, seq, sheet, row_number, column_name, code, message)
         SELECT $1, $2, $3 + ord - 1, sheet, row_number, column_name, code, message
         FROM unnest($4::text[], $5::int[], $6::text[], $7::text[], $8::text[])
           WITH ORDINALITY AS e(sheet, row_number, column_name, code, message, ord)`,
        [
          tx.tenantId,
          jobId,
          firstSeq + i,
          part.map((e) => e.sheet),
          part.map((e) => e.row),
          part.map((e) => e.column),
          part.map((e) => e.code),
          part.map((e) => e.message),
        ],
      );
    }
  }

  async errors(tx: TenantTx, jobId: string, afterSeq: number, limit: number): Promise<(RowError & { seq: number })[]> {
    const rows = (await tx.manager.query(
      `SELECT seq, sheet, row_number, column_name, code, message FROM import_row_error
       WHERE tenant_id = $1 AND job_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [tx.tenantId, jobId, afterSeq, limit + 1],
    )) as {
      seq: number;
      sheet: 'UNOR' | 'PEGAWAI';
      row_number: number;
      column_name: string;
      code: string;
      message: string;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      sheet: r.sheet,
      row: r.row_number,
      column: r.column_name,
      code: r.code,
      message: r.message,
    }));
  }

  /** What the tenant holds that an import is checked against: every unit with its terms, every employee by NIP. */
  async known(tx: TenantTx): Promise<Known> {
    const [unitRows, parentRows, headRows, employeeRows] = await Promise.all([
      tx.manager.query(`SELECT id, code, name, kind, head_position_name, active FROM unit WHERE tenant_id = $1`, [
        tx.tenantId,
      ]) as Promise<
        { id: string; code: string; name: string; kind: string; head_position_name: string | null; active: boolean }[]
      >,
      this.terms(tx, 'unit_parent_term', 'unit_id', 'parent_id'),
      this.terms(tx, 'unit_head_term', 'unit_id', 'employee_id'),
      tx.manager.query(
        `SELECT e.id, e.nip, e.employment_type, e.name, e.email, e.golongan,
                ${sqlDate('a.valid_from')} AS a_from, ${sqlDate('a.valid_to')} AS a_to, a.unit_id, a.position_name,
                a.jenis_jabatan, a.jenjang, a.decree_number,
                ${sqlDate('s.valid_from')} AS s_from, ${sqlDate('s.valid_to')} AS s_to, s.status
         FROM employee e
         LEFT JOIN LATERAL (SELECT * FROM assignment a WHERE a.tenant_id = e.tenant_id AND a.employee_id = e.id
                            ORDER BY a.valid_from DESC LIMIT 1) a ON true
         LEFT JOIN LATERAL (SELECT * FROM employee_status_term s WHERE s.tenant_id = e.tenant_id
                              AND s.employee_id = e.id ORDER BY s.valid_from DESC LIMIT 1) s ON true
         WHERE e.tenant_id = $1`,
        [tx.tenantId],
      ) as Promise<KnownEmployeeRow[]>,
    ]);
    const group = (rows: TermRow[]) => {
      const by = new Map<string, TermRow[]>();
      for (const row of rows) by.set(row.subject, [...(by.get(row.subject) ?? []), row]);
      return by;
    };
    const parents = group(parentRows);
    const heads = group(headRows);
    const units = new Map<string, KnownUnit>();
    for (const u of unitRows)
      units.set(u.code, {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        headPositionName: u.head_position_name,
        active: u.active,
        parents: (parents.get(u.id) ?? []).map((t) => ({
          from: t.valid_from,
          to: t.valid_to,
          value: { parentId: t.value },
        })),
        heads: (heads.get(u.id) ?? []).map((t) => ({
          from: t.valid_from,
          to: t.valid_to,
          value: { employeeId: t.value as string },
        })),
      });
    const employees = new Map<string, KnownEmployee>();
    for (const e of employeeRows)
      employees.set(e.nip, {
        id: e.id,
        nip: e.nip,
        employmentType: e.employment_type,
        name: e.name,
        email: e.email,
        golongan: e.golongan,
        placement: e.a_from
          ? {
              from: e.a_from,
              to: e.a_to,
              value: {
                unitId: e.unit_id as string,
                positionName: e.position_name,
                jenisJabatan: e.jenis_jabatan,
                jenjang: e.jenjang,
                decreeNumber: e.decree_number,
              },
            }
          : null,
        status: e.s_from
          ? ({ from: e.s_from, to: e.s_to, value: { status: e.status as string } } as Term<{ status: string }>)
          : null,
      });
    return { units, employees };
  }

  private terms(tx: TenantTx, table: string, subject: string, value: string): Promise<TermRow[]> {
    return tx.manager.query(
      `SELECT ${subject} AS subject, ${sqlDate('valid_from')} AS valid_from, ${sqlDate('valid_to')} AS valid_to,
              ${value} AS value
       FROM ${table} WHERE tenant_id = $1 ORDER BY ${subject}, valid_from`,
      [tx.tenantId],
    ) as Promise<TermRow[]>;
  }
}

type KnownEmployeeRow = {
  id: string;
  nip: string;
  employment_type: 'PNS' | 'PPPK';
  name: string;
  email: string | null;
  golongan: string | null;
  a_from: string | null;
  a_to: string | null;
  unit_id: string | null;
  position_name: string | null;
  jenis_jabatan: string | null;
  jenjang: string | null;
  decree_number: string | null;
  s_from: string | null;
  s_to: string | null;
  status: string | null;
};
