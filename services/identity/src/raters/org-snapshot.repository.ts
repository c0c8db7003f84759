import { Injectable } from '@nestjs/common';
import { preparedQuery, type TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import { sqlDate } from '../dates.js';

// Reads of the org structure as of one date (R5). The rater of one employee needs only the chain of units above the
// employee's unit, so it is one recursive query; trees, subordinates and the admin reports read the tenant's tree.

export type PersonRef = { employeeId: string; name: string; nip: string; positionName: string | null };
export type HeadOnDate = PersonRef & { from: string; to: string | null };
export type ActingOnDate = PersonRef & { id: string; kind: 'PLT' | 'PLH'; from: string; to: string | null };

export type UnitOnDate = {
  id: string;
  name: string;
  parentId: string | null;
  head: HeadOnDate | null;
  acting: ActingOnDate[];
};

export type TreeUnitOnDate = UnitOnDate & {
  code: string;
  kind: string;
  headPositionName: string | null;
  active: boolean;
};

export type PlacementOnDate = { unitId: string; from: string; to: string | null };

export type AncestorSnapshot = {
  date: string;
  regionalHeadSubject: string | null;
  employee: (PersonRef & { status: string | null }) | null;
  placements: PlacementOnDate[];
  /** The employee's unit first, then its ancestors on the date. */
  units: UnitOnDate[];
};

const covers = (alias: string, date: string) =>
  `${alias}.valid_from <= ${date} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${date})`;

const headJson = (unit: string, date: string) => `(
  SELECT json_build_object('employeeId', h.employee_id, 'from', h.valid_from, 'to', h.valid_to, 'name', e.name,
                           'nip', e.nip, 'positionName', e.position_name)
  FROM unit_head_term h JOIN employee e ON e.tenant_id = h.tenant_id AND e.id = h.employee_id
  WHERE h.tenant_id = $1 AND h.unit_id = ${unit} AND ${covers('h', date)})`;

const actingJson = (unit: string, date: string) => `(
  SELECT coalesce(json_agg(json_build_object('id', a.id, 'employeeId', a.employee_id, 'kind', a.kind,
                           'from', a.valid_from, 'to', a.valid_to, 'name', e.name, 'nip', e.nip,
                           'positionName', e.position_name) ORDER BY a.valid_from), '[]'::json)
  FROM acting_appointment a JOIN employee e ON e.tenant_id = a.tenant_id AND e.id = a.employee_id
  WHERE a.tenant_id = $1 AND a.unit_id = ${unit} AND NOT a.revoked AND ${covers('a', date)})`;

// One round trip: the date (today in the tenant's zone unless given), the tenant's regional head account, the
// employee's placements on the date and the chain of units above, each with its head and acting heads on the date.
const ancestorSql = `
WITH RECURSIVE d AS (
  SELECT coalesce($3::date, (now() AT TIME ZONE t.time_zone)::date) AS on_date, t.regional_head_subject
  FROM tenant t WHERE t.id = $1
), placed AS (
  SELECT a.unit_id, a.valid_from, a.valid_to FROM assignment a JOIN d ON true
  WHERE a.tenant_id = $1 AND a.employee_id = $2 AND ${covers('a', 'd.on_date')}
), chain(unit_id, depth) AS (
  SELECT unit_id, 0 FROM placed
  UNION
  SELECT p.parent_id, c.depth + 1 FROM chain c JOIN d ON true
  JOIN unit_parent_term p ON p.tenant_id = $1 AND p.unit_id = c.unit_id AND ${covers('p', 'd.on_date')}
  WHERE p.parent_id IS NOT NULL AND c.depth < 64
), chain_units AS (
  SELECT unit_id, min(depth) AS depth FROM chain GROUP BY unit_id
)
SELECT json_build_object(
  'date', ${sqlDate('d.on_date')},
  'regionalHeadSubject', d.regional_head_subject,
  'employee', (SELECT json_build_object('employeeId', e.id, 'name', e.name, 'nip', e.nip, 'positionName',
                 e.position_name, 'status', (SELECT s.status FROM employee_status_term s WHERE s.tenant_id = $1
                   AND s.employee_id = e.id AND ${covers('s', 'd.on_date')}))
               FROM employee e WHERE e.tenant_id = $1 AND e.id = $2),
  'placements', (SELECT coalesce(json_agg(json_build_object('unitId', unit_id, 'from', valid_from, 'to', valid_to)),
                 '[]'::json) FROM placed),
  'units', (SELECT coalesce(json_agg(json_build_object(
      'id', u.id, 'name', u.name,
      'parentId', (SELECT p.parent_id FROM unit_parent_term p WHERE p.tenant_id = $1 AND p.unit_id = u.id
                   AND ${covers('p', 'd.on_date')}),
      'head', ${headJson('u.id', 'd.on_date')},
      'acting', ${actingJson('u.id', 'd.on_date')}
    ) ORDER BY c.depth), '[]'::json)
    FROM chain_units c JOIN unit u ON u.tenant_id = $1 AND u.id = c.unit_id)
) AS snapshot FROM d`;

type TreeRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  head_position_name: string | null;
  active: boolean;
  parent_id: string | null;
  head: HeadOnDate | null;
  acting: ActingOnDate[];
};

@Injectable()
export class OrgSnapshotRepository {
  /** The employee's chain of units on `date` (null: today in the tenant's zone). */
  /** The same chain read as the tenant in one round trip (TenantDatabase.readAsTenant), for the hot rater read. */
  async ancestorsAsTenant(
    db: TenantDatabase,
    tenantId: string,
    employeeId: string,
    date: string | null,
  ): Promise<AncestorSnapshot | null> {
    const rows = await db.readAsTenant<{ snapshot: AncestorSnapshot }>(tenantId, {
      name: 'identity_rater_chain',
      text: ancestorSql,
      values: [tenantId, employeeId, date],
    });
    return rows[0]?.snapshot ?? null;
  }

  async ancestors(tx: TenantTx, employeeId: string, date: string | null): Promise<AncestorSnapshot | null> {
    const rows = await preparedQuery<{ snapshot: AncestorSnapshot }>(tx, 'identity_rater_chain', ancestorSql, [
      tx.tenantId,
      employeeId,
      date,
    ]);
    return rows[0]?.snapshot ?? null;
  }

  /** Every unit that exists on the date, with its parent, head and acting heads on that date. */
  async tree(tx: TenantTx, date: string): Promise<TreeUnitOnDate[]> {
    const rows = (await tx.manager.query(
      `SELECT u.id, u.code, u.name, u.kind, u.head_position_name, u.active, p.parent_id,
              ${headJson('u.id', '$2::date')} AS head, ${actingJson('u.id', '$2::date')} AS acting
       FROM unit u JOIN unit_parent_term p ON p.tenant_id = u.tenant_id AND p.unit_id = u.id
         AND ${covers('p', '$2::date')}
       WHERE u.tenant_id = $1
       ORDER BY lower(u.name) COLLATE "C", u.id`,
      [tx.tenantId, date],
    )) as TreeRow[];
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      headPositionName: r.head_position_name,
      active: r.active,
      parentId: r.parent_id,
      head: r.head,
      acting: r.acting,
    }));
  }

  /** Placements on the date, with each employee's status then; only in `unitIds` when given. */
  async placements(
    tx: TenantTx,
    date: string,
    unitIds: readonly string[] | null,
  ): Promise<{ employeeId: string; unitId: string; status: string | null }[]> {
    const rows = (await tx.manager.query(
      `SELECT a.employee_id, a.unit_id, s.status FROM assignment a
       LEFT JOIN employee_status_term s ON s.tenant_id = a.tenant_id AND s.employee_id = a.employee_id
         AND ${covers('s', '$2::date')}
       WHERE a.tenant_id = $1 AND ${covers('a', '$2::date')}
         AND ($3::uuid[] IS NULL OR a.unit_id = ANY($3::uuid[]))`,
      [tx.tenantId, date, unitIds],
    )) as { employee_id: string; unit_id: string; status: string | null }[];
    return rows.map((r) => ({ employeeId: r.employee_id, unitId: r.unit_id, status: r.status }));
  }

  /** The placements of these employees on the date. */
  async placementsOf(
    tx: TenantTx,
    date: string,
    employeeIds: readonly string[],
  ): Promise<{ employeeId: string; unitId: string }[]> {
    if (employeeIds.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT a.employee_id, a.unit_id FROM assignment a
       WHERE a.tenant_id = $1 AND a.employee_id = ANY($3::uuid[]) AND ${covers('a', '$2::date')}`,
      [tx.tenantId, date, employeeIds],
    )) as { employee_id: string; unit_id: string }[];
    return rows.map((r) => ({ employeeId: r.employee_id, unitId: r.unit_id }));
  }

  /** Employees whose status on the date is `status` (R3), with their placements then (none, one or more). */
  async withStatus(tx: TenantTx, date: string, status: string): Promise<{ employeeId: string; unitIds: string[] }[]> {
    const rows = (await tx.manager.query(
      `SELECT s.employee_id, coalesce(array_agg(a.unit_id) FILTER (WHERE a.unit_id IS NOT NULL), '{}') AS unit_ids
       FROM employee_status_term s
       LEFT JOIN assignment a ON a.tenant_id = s.tenant_id AND a.employee_id = s.employee_id
         AND ${covers('a', '$2::date')}
       WHERE s.tenant_id = $1 AND s.status = $3 AND ${covers('s', '$2::date')}
       GROUP BY s.employee_id`,
      [tx.tenantId, date, status],
    )) as { employee_id: string; unit_ids: string[] }[];
    return rows.map((r) => ({ employeeId: r.employee_id, unitIds: r.unit_ids }));
  }

  /** Units below `rootId` (itself included) on the date. */
  async subtree(tx: TenantTx, rootId: string, date: string): Promise<string[]> {
    const rows = (await tx.manager.query(
      `WITH RECURSIVE down(unit_id, depth) AS (
         SELECT $2::uuid, 0
         UNION
         SELECT p.unit_id, down.depth + 1 FROM down
         JOIN unit_parent_term p ON p.tenant_id = $1 AND p.parent_id = down.unit_id AND ${covers('p', '$3::date')}
         WHERE down.depth < 64
       ) SELECT DISTINCT unit_id FROM down`,
      [tx.tenantId, rootId, date],
    )) as { unit_id: string }[];
    return rows.map((r) => r.unit_id);
  }
}
