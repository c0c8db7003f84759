import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { preparedQuery, rowsOf, type TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import { sqlDate } from '../dates.js';
import { checkVersion } from '../fields.js';
import { IdentityError, isUniqueViolation, notFound } from '../identity-error.js';
import type { Term } from '../terms.js';
import { EmployeeEntity } from './employee.entity.js';

export type NewEmployee = Omit<
  EmployeeEntity,
  'createdAt' | 'updatedAt' | 'version' | 'accountSubject' | 'username' | 'roles'
>;

/** A placement (R4, R6): a unit and a position. */
export type PlacementValue = {
  unitId: string;
  positionName: string | null;
  jenisJabatan: string | null;
  jenjang: string | null;
  decreeNumber: string | null;
};
export type StatusValue = { status: string };
export type EmployeeHistory = { assignments: Term<PlacementValue>[]; statuses: Term<StatusValue>[] };

export type EmployeeChanges = Partial<
  Pick<
    EmployeeEntity,
    | 'nip'
    | 'name'
    | 'email'
    | 'golongan'
    | 'birthDate'
    | 'gender'
    | 'status'
    | 'statusSince'
    | 'unitId'
    | 'positionName'
    | 'jenisJabatan'
    | 'jenjang'
    | 'accountSubject'
    | 'username'
    | 'roles'
  >
>;

export type EmployeeFilter = {
  /** Placed on `date` in one of these units. */
  unitIds?: readonly string[];
  /** R3 status on `date`. */
  status?: string;
  /** The date of the unit and status filters; today in the tenant's time zone when left out. */
  date?: string;
  /** Lower-case start of the name (`prefix`), starts of words of the name (`words`, every one must match), or NIP
   * digits. */
  search?: { kind: 'prefix' | 'nip'; text: string } | { kind: 'words'; words: string[] };
  after?: { name: string; id: string };
};

type EmployeeRow = {
  tenant_id: string;
  id: string;
  nip: string;
  name: string;
  employment_type: 'PNS' | 'PPPK';
  status: string;
  unit_id: string | null;
  position_name: string | null;
  jenis_jabatan: string | null;
  email: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  golongan: string | null;
  jenjang: string | null;
  status_since: string;
  birth_date: string | null;
  gender: 'L' | 'P' | null;
  account_subject: string | null;
  username: string | null;
  roles: string[];
};

const columns = `tenant_id, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan, email,
  created_at, updated_at, version, golongan, jenjang, ${sqlDate('status_since')} AS status_since,
  ${sqlDate('birth_date')} AS birth_date, gender, account_subject, username, roles`;

function toEntity(row: EmployeeRow): EmployeeEntity {
  return Object.assign(new EmployeeEntity(), {
    tenantId: row.tenant_id,
    id: row.id,
    nip: row.nip,
    name: row.name,
    employmentType: row.employment_type,
    status: row.status,
    unitId: row.unit_id,
    positionName: row.position_name,
    jenisJabatan: row.jenis_jabatan,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    golongan: row.golongan,
    jenjang: row.jenjang,
    statusSince: row.status_since,
    birthDate: row.birth_date,
    gender: row.gender,
    accountSubject: row.account_subject,
    username: row.username,
    roles: row.roles,
  });
}

function uniqueViolation(error: unknown): never {
  if (isUniqueViolation(error, 'employee_tenant_id_nip_key')) {
    throw new IdentityError('NIP_TAKEN', 'An employee with this NIP is already registered.', [
      { field: 'nip', code: 'NIP_TAKEN', message: 'This NIP is already registered in your instansi.' },
    ]);
  }
  if (isUniqueViolation(error, 'employee_tenant_id_account_subject_key')) {
    throw new IdentityError('ACCOUNT_TAKEN', 'Akun ini sudah tertaut ke pegawai lain.', [
      { field: 'username', code: 'ACCOUNT_TAKEN', message: 'Akun ini sudah tertaut ke pegawai lain.' },
    ]);
  }
  throw error;
}

type TermRow = {
  valid_from: string;
  valid_to: string | null;
  unit_id: string | null;
  position_name: string | null;
  jenis_jabatan: string | null;
  jenjang: string | null;
  decree_number: string | null;
  status: string | null;
};

/** The only place with queries for employees; every one names tenant_id (STYLE.md "Data access"). */
@Injectable()
export class EmployeeRepository {
  /** Inserts the employee with the first status term and, when placed, the first placement: one round trip. */
  async insert(
    tx: TenantTx,
    employee: NewEmployee,
    placement: Term<PlacementValue> | null = null,
  ): Promise<EmployeeEntity> {
    try {
      const rows = (await tx.manager.query(
        `WITH e AS (
           INSERT INTO employee (tenant_id, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan,
                                 email, golongan, jenjang, status_since, birth_date, gender)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING ${columns}
         ), s AS (
           INSERT INTO employee_status_term (tenant_id, employee_id, valid_from, status)
           SELECT tenant_id, id, $13, status FROM e
         ), a AS (
           INSERT INTO assignment (tenant_id, employee_id, valid_from, unit_id, position_name, jenis_jabatan, jenjang,
                                   decree_number)
           SELECT tenant_id, id, $16::date, unit_id, position_name, jenis_jabatan, jenjang, $17 FROM e WHERE $16::date IS NOT NULL
         ) SELECT * FROM e`,
        [
          tx.tenantId,
          employee.id,
          employee.nip,
          employee.name,
          employee.employmentType,
          employee.status,
          employee.unitId,
          employee.positionName,
          employee.jenisJabatan,
          employee.email,
          employee.golongan,
          employee.jenjang,
          employee.statusSince,
          employee.birthDate,
          employee.gender,
          placement?.from ?? null,
          placement?.value.decreeNumber ?? null,
        ],
      )) as EmployeeRow[];
      return toEntity(rows[0] as EmployeeRow);
    } catch (error) {
      return uniqueViolation(error);
    }
  }

  /**
   * Inserts many employees, each with its first status term and, when placed, its first placement, in one
   * statement (bulk import). `placementFrom` is each one's placement start (null: not placed).
   */
  async insertMany(
    tx: TenantTx,
    employees: readonly (NewEmployee & { placementFrom: string | null })[],
  ): Promise<EmployeeEntity[]> {
    if (employees.length === 0) return [];
    const list = <K extends keyof (typeof employees)[number]>(key: K) => employees.map((e) => e[key]);
    try {
      const rows = (await tx.manager.query(
        `WITH input AS (
           SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[],
                                $9::text[], $10::text[], $11::text[], $12::text[], $13::date[], $14::date[], $15::text[],
                                $16::date[])
             AS x(id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan, email, golongan,
                  jenjang, status_since, birth_date, gender, placement_from)
         ), e AS (
           INSERT INTO employee (tenant_id, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan,
                                 email, golongan, jenjang, status_since, birth_date, gender)
           SELECT $1, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan, email, golongan,
                  jenjang, status_since, birth_date, gender FROM input
           RETURNING ${columns}
         ), s AS (
           INSERT INTO employee_status_term (tenant_id, employee_id, valid_from, status)
           SELECT $1, id, status_since, status FROM input
         ), a AS (
           INSERT INTO assignment (tenant_id, employee_id, valid_from, unit_id, position_name, jenis_jabatan, jenjang)
           SELECT $1, id, placement_from, unit_id, position_name, jenis_jabatan, jenjang FROM input
           WHERE placement_from IS NOT NULL
         ) SELECT * FROM e`,
        [
          tx.tenantId,
          list('id'),
          list('nip'),
          list('name'),
          list('employmentType'),
          list('status'),
          list('unitId'),
          list('positionName'),
          list('jenisJabatan'),
          list('email'),
          list('golongan'),
          list('jenjang'),
          list('statusSince'),
          list('birthDate'),
          list('gender'),
          list('placementFrom'),
        ],
      )) as EmployeeRow[];
      return rows.map(toEntity);
    } catch (error) {
      return uniqueViolation(error);
    }
  }

  // Plain SQL on the hot path (GET /me): the query builder costs more CPU than the query itself.
  async findById(tx: TenantTx, id: string): Promise<EmployeeEntity | null> {
    const rows = (await tx.manager.query(`SELECT ${columns} FROM employee WHERE tenant_id = $1 AND id = $2`, [
      tx.tenantId,
      id,
    ])) as EmployeeRow[];
    const row = rows[0];
    return row ? toEntity(row) : null;
  }

  /** The employee alone, read as the tenant in one round trip (GET /me, tools/bench/gateway-rpc). */
  async readById(db: TenantDatabase, tenantId: string, id: string): Promise<EmployeeEntity | null> {
    const rows = await db.readAsTenant<EmployeeRow>(tenantId, {
      name: 'identity_employee_by_id',
      text: `SELECT ${columns} FROM employee WHERE tenant_id = $1 AND id = $2`,
      values: [tenantId, id],
    });
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Reads and locks the employee for a change (changes of one employee are serialised). */
  async findForUpdate(tx: TenantTx, id: string): Promise<EmployeeEntity | null> {
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM employee WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tx.tenantId, id],
    )) as EmployeeRow[];
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Locks the employee for a change made on the version the caller read (0: any); not found in this tenant is 404. */
  async lockForChange(tx: TenantTx, id: string, expectedVersion = 0n): Promise<EmployeeEntity> {
    const current = await this.findForUpdate(tx, id);
    if (!current) throw notFound('Pegawai');
    checkVersion(expectedVersion, current.version);
    return current;
  }

  async findByIds(tx: TenantTx, ids: readonly string[]): Promise<EmployeeEntity[]> {
    if (ids.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM employee WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tx.tenantId, ids],
    )) as EmployeeRow[];
    return rows.map(toEntity);
  }

  async history(tx: TenantTx, id: string): Promise<EmployeeHistory> {
    const rows = (await tx.manager.query(
      `SELECT 'a' AS kind, ${sqlDate('valid_from')} AS valid_from, ${sqlDate('valid_to')} AS valid_to, unit_id,
              position_name, jenis_jabatan, jenjang, decree_number, NULL AS status
       FROM assignment WHERE tenant_id = $1 AND employee_id = $2
       UNION ALL
       SELECT 's', ${sqlDate('valid_from')}, ${sqlDate('valid_to')}, NULL, NULL, NULL, NULL, NULL, status
       FROM employee_status_term WHERE tenant_id = $1 AND employee_id = $2
       ORDER BY 2`,
      [tx.tenantId, id],
    )) as (TermRow & { kind: 'a' | 's' })[];
    return {
      assignments: rows
        .filter((r) => r.kind === 'a')
        .map((r) => ({
          from: r.valid_from,
          to: r.valid_to,
          value: {
            unitId: r.unit_id as string,
            positionName: r.position_name,
            jenisJabatan: r.jenis_jabatan,
            jenjang: r.jenjang,
            decreeNumber: r.decree_number,
          },
        })),
      statuses: rows
        .filter((r) => r.kind === 's')
        .map((r) => ({ from: r.valid_from, to: r.valid_to, value: { status: r.status as string } })),
    };
  }

  async replaceAssignments(tx: TenantTx, id: string, terms: readonly Term<PlacementValue>[]): Promise<void> {
    await tx.manager.query(`DELETE FROM assignment WHERE tenant_id = $1 AND employee_id = $2`, [tx.tenantId, id]);
    await tx.manager.query(
      `INSERT INTO assignment (tenant_id, employee_id, valid_from, valid_to, unit_id, position_name, jenis_jabatan,
                               jenjang, decree_number)
       SELECT $1, $2, f, t, u, p, j, g, d
       FROM unnest($3::date[], $4::date[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS x(f, t, u, p, j, g, d)`,
      [
        tx.tenantId,
        id,
        terms.map((t) => t.from),
        terms.map((t) => t.to),
        terms.map((t) => t.value.unitId),
        terms.map((t) => t.value.positionName),
        terms.map((t) => t.value.jenisJabatan),
        terms.map((t) => t.value.jenjang),
        terms.map((t) => t.value.decreeNumber),
      ],
    );
  }

  async replaceStatuses(tx: TenantTx, id: string, terms: readonly Term<StatusValue>[]): Promise<void> {
    await tx.manager.query(`DELETE FROM employee_status_term WHERE tenant_id = $1 AND employee_id = $2`, [
      tx.tenantId,
      id,
    ]);
    await tx.manager.query(
      `INSERT INTO employee_status_term (tenant_id, employee_id, valid_from, valid_to, status)
       SELECT $1, $2, f, t, s FROM unnest($3::date[], $4::date[], $5::text[]) AS x(f, t, s)`,
      [tx.tenantId, id, terms.map((t) => t.from), terms.map((t) => t.to), terms.map((t) => t.value.status)],
    );
  }

  /** Applies the changes and counts a new version. */
  async update(tx: TenantTx, id: string, changes: EmployeeChanges): Promise<EmployeeEntity> {
    const keys: [string, keyof EmployeeChanges, string][] = [
      ['nip', 'nip', 'text'],
      ['name', 'name', 'text'],
      ['email', 'email', 'text'],
      ['golongan', 'golongan', 'text'],
      ['birth_date', 'birthDate', 'date'],
      ['gender', 'gender', 'text'],
      ['status', 'status', 'text'],
      ['status_since', 'statusSince', 'date'],
      ['unit_id', 'unitId', 'uuid'],
      ['position_name', 'positionName', 'text'],
      ['jenis_jabatan', 'jenisJabatan', 'text'],
      ['jenjang', 'jenjang', 'text'],
      ['account_subject', 'accountSubject', 'text'],
      ['username', 'username', 'text'],
      ['roles', 'roles', 'text[]'],
    ];
    const params: unknown[] = [tx.tenantId, id];
    const sets = keys
      .filter(([, key]) => changes[key] !== undefined)
      .map(([column, key, type]) => {
        params.push(changes[key]);
        return `${column} = $${params.length}::${type}`;
      });
    try {
      const result = (await tx.manager.query(
        `UPDATE employee SET ${[...sets, 'updated_at = now()', 'version = version + 1'].join(', ')}
         WHERE tenant_id = $1 AND id = $2 RETURNING ${columns}`,
        params,
      )) as unknown;
      return toEntity(rowsOf<EmployeeRow>(result)[0] as EmployeeRow);
    } catch (error) {
      return uniqueViolation(error);
    }
  }

  // Listing and search over a tenant of 50,000 employees under forced RLS, where only leakproof conditions (plain
  // column comparisons, no lower() or LIKE) can bound an index: ordered by `name_key` (lower(name), C collation) so
  // `employee_name_key` serves the order, a name's start and the cursor; `employee_name_word` the starts of words;
  // `employee_nip_prefix` a NIP's start. Unit and status filters read the terms in force on the date (without a date:
  // today in the tenant's time zone).
  listSql(filter: EmployeeFilter, limit: number): { sql: string; params: unknown[] } {
    const params: unknown[] = ['$tenant'];
    const where = ['employee.tenant_id = $1'];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    let date: string | undefined;
    const onDate = () =>
      (date ??= filter.date
        ? `${param(filter.date)}::date`
        : '(SELECT (now() AT TIME ZONE t.time_zone)::date FROM tenant t WHERE t.id = $1)');
    if (filter.unitIds)
      where.push(`employee.id IN (SELECT a.employee_id FROM assignment a WHERE a.tenant_id = $1
        AND a.unit_id = ANY(${param(filter.unitIds)}::uuid[])
        AND a.valid_from <= ${onDate()} AND (a.valid_to IS NULL OR a.valid_to >= ${onDate()}))`);
    if (filter.status)
      where.push(`EXISTS (SELECT 1 FROM employee_status_term s WHERE s.tenant_id = $1 AND s.employee_id = employee.id
        AND s.status = ${param(filter.status)} AND s.valid_from <= ${onDate()}
        AND (s.valid_to IS NULL OR s.valid_to >= ${onDate()}))`);
    // A start of a name or NIP is a range of the index, [text, text + U+10FFFF) in byte order (C collation): exactly
    // the strings that start with the text. A range, unlike LIKE 'text%', still reads only that part of the index
    // in a plan made once for every text (a prepared statement), and is estimated once, not twice.
    const range = (text: string) => {
      const raw = text.replace(/\\(.)/g, '$1');
      return [param(raw), param(`${raw}\u{10FFFF}`)];
    };
    const after = filter.after ? [param(filter.after.name), `${param(filter.after.id)}::uuid`] : null;
    if (filter.search?.kind === 'prefix') {
      const [lo, hi] = range(filter.search.text);
      where.push(`employee.name_key >= ${lo} AND employee.name_key < ${hi}`);
    }
    if (filter.search?.kind === 'nip') {
      const [lo, hi] = range(filter.search.text);
      where.push(`employee.nip ~>=~ ${lo} AND employee.nip ~<~ ${hi}`);
    }
    if (filter.search?.kind === 'words') {
      // Words of a name: each must start a word of the name (employee_name_word, kept by triggers; LIKE cannot use
      // an index under forced RLS, migration 1763800004000). The longest word leads: an index-only scan of its range
      // gives the matches with their sort keys (migration 1763800005000), the other words are semi-joins on the same
      // index, and only the employees of the page are read. An employee two of whose words match appears once.
      const [lead, ...others] = [...filter.search.words].sort((a, b) => b.length - a.length);
      const [lo, hi] = range(lead as string);
      const also = others.map((word) => {
        const [olo, ohi] = range(word);
        return `AND EXISTS (SELECT 1 FROM employee_name_word o WHERE o.tenant_id = $1 AND o.employee_id = w.employee_id
          AND o.word >= ${olo} AND o.word < ${ohi})`;
      });
      const sql = `SELECT ${columns}, m.name_key FROM (
          SELECT DISTINCT w.name_key, w.employee_id FROM employee_name_word w
           WHERE w.tenant_id = $1 AND w.word >= ${lo} AND w.word < ${hi}
             ${after ? `AND (w.name_key, w.employee_id) > (${after.join(', ')})` : ''} ${also.join(' ')}
        ) m JOIN employee ON employee.tenant_id = $1 AND employee.id = m.employee_id
        WHERE ${where.join(' AND ')}
        ORDER BY m.name_key, m.employee_id LIMIT ${param(limit + 1)}`;
      return { sql, params };
    }
    if (after) where.push(`(employee.name_key, employee.id) > (${after.join(', ')})`);
    const sql = `SELECT ${columns}, employee.name_key FROM employee WHERE ${where.join(' AND ')}
      ORDER BY employee.name_key, employee.id LIMIT ${param(limit + 1)}`;
    return { sql, params };
  }

  /** One page (and one row more, if there is one), each with its sort key for the cursor. */
  async list(tx: TenantTx, filter: EmployeeFilter, limit: number): Promise<{ row: EmployeeEntity; nameKey: string }[]> {
    const { sql, params } = this.listSql(filter, limit);
    params[0] = tx.tenantId;
    // Planning costs more than running a page: every shape of the filter is a prepared statement (a few dozen at
    // most).
    const rows = await preparedQuery<EmployeeRow & { name_key: string }>(tx, listStatementName(sql), sql, params);
    return rows.map((r) => ({ row: toEntity(r), nameKey: r.name_key }));
  }

  /** The same page in one round trip (`readAsTenant`), for a list that needs nothing else read first. */
  async listAsTenant(
    db: TenantDatabase,
    tenantId: string,
    filter: EmployeeFilter,
    limit: number,
  ): Promise<{ row: EmployeeEntity; nameKey: string }[]> {
    const { sql, params } = this.listSql(filter, limit);
    params[0] = tenantId;
    const rows = await db.readAsTenant<EmployeeRow & { name_key: string }>(tenantId, {
      name: listStatementName(sql),
      text: sql,
      values: params,
    });
    return rows.map((r) => ({ row: toEntity(r), nameKey: r.name_key }));
  }
}

function listStatementName(sql: string): string {
  return `identity_employee_list_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
}
