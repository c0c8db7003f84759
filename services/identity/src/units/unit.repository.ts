import { Injectable } from '@nestjs/common';
import { rowsOf, type TenantTx } from '@kinerja/platform/database';
import { sqlDate } from '../dates.js';
import { IdentityError, isUniqueViolation } from '../identity-error.js';
import type { Term } from '../terms.js';
import { UnitEntity } from './unit.entity.js';

export type ParentValue = { parentId: string | null };
export type HeadValue = { employeeId: string };

/** A unit with its parent and head history (the aggregate events carry). */
export type UnitAggregate = { unit: UnitEntity; parents: Term<ParentValue>[]; heads: Term<HeadValue>[] };

type UnitRow = {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  head_position_name: string | null;
  head_employee_id: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
};

type TermRow = { valid_from: string; valid_to: string | null; value: string | null };

const columns = `tenant_id, id, code, name, kind, parent_id, head_position_name, head_employee_id, active, created_at,
  updated_at, version`;

function toEntity(row: UnitRow): UnitEntity {
  return Object.assign(new UnitEntity(), {
    tenantId: row.tenant_id,
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    headPositionName: row.head_position_name,
    headEmployeeId: row.head_employee_id,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  });
}

export type NewUnit = Pick<UnitEntity, 'id' | 'code' | 'name' | 'kind' | 'parentId' | 'headPositionName'>;
export type UnitChanges = Partial<Pick<UnitEntity, 'code' | 'name' | 'kind' | 'headPositionName' | 'active'>>;

export type UnitFilter = {
  parentId?: string;
  kind?: string;
  q?: string;
  includeInactive: boolean;
  after?: { name: string; id: string };
};

function codeTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new IdentityError('UNIT_CODE_TAKEN', 'Kode unit sudah dipakai di instansi ini.', [
      { field: 'code', code: 'UNIT_CODE_TAKEN', message: 'Kode ini sudah dipakai.' },
    ]);
  throw error;
}

/** The only place with queries for units and their parent and head terms; every one names tenant_id. */
@Injectable()
export class UnitRepository {
  async insert(tx: TenantTx, unit: NewUnit, from: string): Promise<UnitAggregate> {
    try {
      const [row] = (await tx.manager.query(
        `WITH u AS (
           INSERT INTO unit (tenant_id, id, code, name, kind, parent_id, head_position_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}
         ), p AS (
           INSERT INTO unit_parent_term (tenant_id, unit_id, valid_from, parent_id)
           SELECT tenant_id, id, $8, parent_id FROM u
         ) SELECT * FROM u`,
        [tx.tenantId, unit.id, unit.code, unit.name, unit.kind, unit.parentId, unit.headPositionName, from],
      )) as UnitRow[];
      return {
        unit: toEntity(row as UnitRow),
        parents: [{ from, to: null, value: { parentId: unit.parentId } }],
        heads: [],
      };
    } catch (error) {
      return codeTaken(error);
    }
  }

  async findById(tx: TenantTx, id: string, lock = false): Promise<UnitEntity | null> {
    const rows = (await tx.manager.query(
      `SELECT ${columns} FROM unit WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [tx.tenantId, id],
    )) as UnitRow[];
    return rows[0] ? toEntity(rows[0]) : null;
  }

  async findByIds(tx: TenantTx, ids: readonly string[]): Promise<UnitEntity[]> {
    if (ids.length === 0) return [];
    const rows = (await tx.manager.query(`SELECT ${columns} FROM unit WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tx.tenantId,
      ids,
    ])) as UnitRow[];
    return rows.map(toEntity);
  }

  /** Loads a unit with its history; `lock` serialises changes of the unit (head, acting, moves). */
  async aggregate(tx: TenantTx, id: string, lock = false): Promise<UnitAggregate | null> {
    const unit = await this.findById(tx, id, lock);
    if (!unit) return null;
    const [parents, heads] = await Promise.all([this.parentTerms(tx, id), this.headTerms(tx, id)]);
    return { unit, parents, heads };
  }

  /** The aggregates of many units in three queries (lists). */
  async aggregates(tx: TenantTx, units: readonly UnitEntity[]): Promise<UnitAggregate[]> {
    const ids = units.map((u) => u.id);
    if (ids.length === 0) return [];
    const terms = (table: string, column: string) =>
      tx.manager.query(
        `SELECT unit_id, ${sqlDate('valid_from')} AS valid_from, ${sqlDate('valid_to')} AS valid_to, ${column} AS value
         FROM ${table} WHERE tenant_id = $1 AND unit_id = ANY($2::uuid[]) ORDER BY unit_id, valid_from`,
        [tx.tenantId, ids],
      ) as Promise<(TermRow & { unit_id: string })[]>;
    const [parents, heads] = await Promise.all([
      terms('unit_parent_term', 'parent_id'),
      terms('unit_head_term', 'employee_id'),
    ]);
    return units.map((unit) => ({
      unit,
      parents: parents
        .filter((r) => r.unit_id === unit.id)
        .map((r) => ({ from: r.valid_from, to: r.valid_to, value: { parentId: r.value } })),
      heads: heads
        .filter((r) => r.unit_id === unit.id)
        .map((r) => ({ from: r.valid_from, to: r.valid_to, value: { employeeId: r.value as string } })),
    }));
  }

  async existingIds(tx: TenantTx, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = (await tx.manager.query(`SELECT id FROM unit WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tx.tenantId,
      ids,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Whether the unit exists (has a parent term) on the date. */
  async existsOn(tx: TenantTx, id: string, date: string): Promise<boolean> {
    const rows = (await tx.manager.query(
      `SELECT 1 FROM unit_parent_term WHERE tenant_id = $1 AND unit_id = $2 AND valid_from <= $3
         AND (valid_to IS NULL OR valid_to >= $3)`,
      [tx.tenantId, id, date],
    )) as unknown[];
    return rows.length > 0;
  }

  async parentTerms(tx: TenantTx, unitId: string): Promise<Term<ParentValue>[]> {
    return (await this.terms(tx, 'unit_parent_term', 'parent_id', unitId)).map((r) => ({
      from: r.valid_from,
      to: r.valid_to,
      value: { parentId: r.value },
    }));
  }

  async headTerms(tx: TenantTx, unitId: string): Promise<Term<HeadValue>[]> {
    return (await this.terms(tx, 'unit_head_term', 'employee_id', unitId)).map((r) => ({
      from: r.valid_from,
      to: r.valid_to,
      value: { employeeId: r.value as string },
    }));
  }

  private terms(tx: TenantTx, table: string, column: string, unitId: string): Promise<TermRow[]> {
    return tx.manager.query(
      `SELECT ${sqlDate('valid_from')} AS valid_from, ${sqlDate('valid_to')} AS valid_to, ${column} AS value
       FROM ${table} WHERE tenant_id = $1 AND unit_id = $2 ORDER BY valid_from`,
      [tx.tenantId, unitId],
    ) as Promise<TermRow[]>;
  }

  /** Units whose open head term is the employee's (the headships a move or a terminal status ends). */
  async headedBy(tx: TenantTx, employeeId: string): Promise<string[]> {
    const rows = (await tx.manager.query(
      `SELECT unit_id FROM unit_head_term WHERE tenant_id = $1 AND employee_id = $2 AND valid_to IS NULL`,
      [tx.tenantId, employeeId],
    )) as { unit_id: string }[];
    return rows.map((r) => r.unit_id);
  }

  async replaceParentTerms(tx: TenantTx, unitId: string, terms: readonly Term<ParentValue>[]): Promise<void> {
    await tx.manager.query(`DELETE FROM unit_parent_term WHERE tenant_id = $1 AND unit_id = $2`, [tx.tenantId, unitId]);
    await tx.manager.query(
      `INSERT INTO unit_parent_term (tenant_id, unit_id, valid_from, valid_to, parent_id)
       SELECT $1, $2, f, t, p FROM unnest($3::date[], $4::date[], $5::uuid[]) AS x(f, t, p)`,
      [tx.tenantId, unitId, terms.map((t) => t.from), terms.map((t) => t.to), terms.map((t) => t.value.parentId)],
    );
  }

  async replaceHeadTerms(tx: TenantTx, unitId: string, terms: readonly Term<HeadValue>[]): Promise<void> {
    await tx.manager.query(`DELETE FROM unit_head_term WHERE tenant_id = $1 AND unit_id = $2`, [tx.tenantId, unitId]);
    await tx.manager.query(
      `INSERT INTO unit_head_term (tenant_id, unit_id, valid_from, valid_to, employee_id)
       SELECT $1, $2, f, t, e FROM unnest($3::date[], $4::date[], $5::uuid[]) AS x(f, t, e)`,
      [tx.tenantId, unitId, terms.map((t) => t.from), terms.map((t) => t.to), terms.map((t) => t.value.employeeId)],
    );
  }

  /** Applies changes and the current parent and head, and counts a new version. */
  async update(
    tx: TenantTx,
    id: string,
    changes: UnitChanges & { parentId?: string | null; headEmployeeId?: string | null },
  ): Promise<UnitEntity> {
    const set = (column: string, key: keyof typeof changes, index: number) =>
      `${column} = CASE WHEN $${index} THEN $${index + 1} ELSE ${column} END`;
    const keys: [string, keyof typeof changes][] = [
      ['code', 'code'],
      ['name', 'name'],
      ['kind', 'kind'],
      ['head_position_name', 'headPositionName'],
      ['active', 'active'],
      ['parent_id', 'parentId'],
      ['head_employee_id', 'headEmployeeId'],
    ];
    const params: unknown[] = [tx.tenantId, id];
    const sets = keys.map(([column, key]) => {
      params.push(changes[key] !== undefined, changes[key] ?? null);
      return set(column, key, params.length - 1);
    });
    try {
      const result = (await tx.manager.query(
        `UPDATE unit SET ${sets.join(', ')}, updated_at = now(), version = version + 1
         WHERE tenant_id = $1 AND id = $2 RETURNING ${columns}`,
        params,
      )) as unknown;
      return toEntity(rowsOf<UnitRow>(result)[0] as UnitRow);
    } catch (error) {
      return codeTaken(error);
    }
  }

  /** One page (and one row more, if there is one), each with its sort key for the cursor. */
  async list(tx: TenantTx, filter: UnitFilter, limit: number): Promise<{ row: UnitEntity; nameKey: string }[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tx.tenantId];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    if (!filter.includeInactive) where.push('active');
    if (filter.parentId) add('parent_id = ?', filter.parentId);
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.q) add(`(lower(name) LIKE ? OR lower(code) LIKE ?)`, `%${filter.q}%`, `%${filter.q}%`);
    if (filter.after)
      add(`(lower(name) COLLATE "C", id) > (? COLLATE "C", ?::uuid)`, filter.after.name, filter.after.id);
    params.push(limit + 1);
    const rows = (await tx.manager.query(
      `SELECT ${columns}, lower(name) AS name_key FROM unit WHERE ${where.join(' AND ')}
       ORDER BY lower(name) COLLATE "C", id LIMIT $${params.length}`,
      params,
    )) as (UnitRow & { name_key: string })[];
    return rows.map((r) => ({ row: toEntity(r), nameKey: r.name_key }));
  }

  /**
   * Whether `unitId` is `candidateParentId` or one of its ancestors on any of `dates` (a unit cannot become its own
   * ancestor). Walks up from the candidate with the parent terms in force on each date.
   */
  async isAncestorOrSelf(
    tx: TenantTx,
    unitId: string,
    candidateParentId: string,
    dates: readonly string[],
  ): Promise<boolean> {
    const rows = (await tx.manager.query(
      `WITH RECURSIVE up(unit_id, on_date, depth) AS (
         SELECT $3::uuid, d, 0 FROM unnest($4::date[]) AS d
         UNION
         SELECT p.parent_id, up.on_date, up.depth + 1 FROM up
         JOIN unit_parent_term p ON p.tenant_id = $1 AND p.unit_id = up.unit_id
           AND p.valid_from <= up.on_date AND (p.valid_to IS NULL OR p.valid_to >= up.on_date)
         WHERE p.parent_id IS NOT NULL AND up.depth < 100
       ) SELECT 1 FROM up WHERE unit_id = $2 LIMIT 1`,
      [tx.tenantId, unitId, candidateParentId, dates],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Start dates of parent terms from `from` on in the whole tenant: the dates on which the tree can change. */
  async treeChangeDates(tx: TenantTx, from: string): Promise<string[]> {
    const rows = (await tx.manager.query(
      `SELECT DISTINCT ${sqlDate('valid_from')} AS d FROM unit_parent_term WHERE tenant_id = $1 AND valid_from > $2
       ORDER BY 1`,
      [tx.tenantId, from],
    )) as { d: string }[];
    return [from, ...rows.map((r) => r.d)];
  }

  /** What keeps a unit from being dissolved: open child units and open placements. */
  async occupancy(tx: TenantTx, id: string): Promise<{ children: number; placements: number }> {
    const [row] = (await tx.manager.query(
      `SELECT
         (SELECT count(*)::int FROM unit_parent_term p JOIN unit c ON c.tenant_id = p.tenant_id AND c.id = p.unit_id
            WHERE p.tenant_id = $1 AND p.parent_id = $2 AND p.valid_to IS NULL AND c.active) AS children,
         (SELECT count(*)::int FROM assignment WHERE tenant_id = $1 AND unit_id = $2 AND valid_to IS NULL) AS placements`,
      [tx.tenantId, id],
    )) as { children: number; placements: number }[];
    return row ?? { children: 0, placements: 0 };
  }
}
