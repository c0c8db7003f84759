import {
  DEFAULT_TENANT_SETTINGS,
  isLocalDate,
  resolveRater,
  settingsInForce,
  tenantSettings,
  TIME_ZONES,
  type ActingAppointment,
  type Assignment,
  type LocalDate,
  type OrgSnapshot,
  type OrgUnit,
  type RaterResolution,
  type Result,
  type SettingsOverrides,
  type SettingsVersion,
  type TenantSettings,
  type TimeZone,
} from '@kinerja/domain';
import type { TenantTx } from '@kinerja/platform/database';
import { SINCE_EVER } from './applier.js';
import { ratedBySql } from './rated-by.js';

// The questions consuming services ask the projection, each on a date. Every query names tenant_id and reads only
// what the question needs: the ancestor chain of a unit (recursive CTE), never the whole tenant.

// The rater of the top unit's head when the tenant has not named its regional head account yet (R5).
export const UNNAMED_REGIONAL_HEAD = 'kepala-daerah';

export type TenantProfile = {
  timeZone: TimeZone;
  holidays: LocalDate[];
  /** Identity-provider subject of the kepala daerah account; empty until identity names it. */
  regionalHeadSubject: string;
  /** The instansi's name, as printed on documents. */
  name: string;
};

export type EmployeeRecord = {
  id: string;
  nip: string;
  name: string;
  employmentType: string;
  /** R4: golongan ruang of a PNS (I/a … IV/e); empty for PPPK or unknown. */
  golongan: string;
  accountSubject: string;
  roles: string[];
};

export type UnitRecord = { id: string; code: string; name: string; headPositionName: string };

export type Placement = {
  employeeId: string;
  unitId: string;
  positionName: string;
  jenisJabatan: string;
  jenjang: string;
  from: LocalDate;
  to: LocalDate | null;
};

export type UnitHead = { employeeId: string; acting: 'PLT' | 'PLH' | null };

export type Subordinate = { placement: Placement; resolution: RaterResolution };

const covers = (alias: string, date = '$2') =>
  `${alias}.from_date <= ${date}::date AND (${alias}.to_date IS NULL OR ${alias}.to_date >= ${date}::date)`;

type PlacementRow = {
  employee_id: string;
  unit_id: string;
  position_name: string;
  jenis_jabatan: string;
  jenjang: string;
  from_date: string;
  to_date: string | null;
};
const placementColumns = (a: string) =>
  `${a}.employee_id, ${a}.unit_id, ${a}.position_name, ${a}.jenis_jabatan, ${a}.jenjang, ${a}.from_date::text, ${a}.to_date::text`;
const toPlacement = (r: PlacementRow): Placement => ({
  employeeId: r.employee_id,
  unitId: r.unit_id,
  positionName: r.position_name,
  jenisJabatan: r.jenis_jabatan,
  jenjang: r.jenjang,
  from: r.from_date,
  to: r.to_date,
});

type ChainRow = {
  id: string;
  parent_id: string | null;
  head_employee_id: string | null;
  acting: { employeeId: string; kind: 'PLT' | 'PLH'; from: string; to: string | null }[];
};

export class OrgDirectory {
  async tenant(tx: TenantTx): Promise<TenantProfile | null> {
    const [row] = (await tx.manager.query(
      `SELECT time_zone, regional_head_subject, holidays::text[] AS holidays, name FROM org_tenant WHERE tenant_id = $1`,
      [tx.tenantId],
    )) as { time_zone: string | null; regional_head_subject: string; holidays: string[]; name: string }[];
    if (!row?.time_zone || !(TIME_ZONES as readonly string[]).includes(row.time_zone)) return null;
    return {
      timeZone: row.time_zone as TimeZone,
      holidays: row.holidays,
      regionalHeadSubject: row.regional_head_subject,
      name: row.name,
    };
  }

  /** R30: the tenant's settings in force on a date (defaults before the first version); the zone is the tenant's. */
  async settingsOn(tx: TenantTx, date: LocalDate): Promise<TenantSettings> {
    const rows = (await tx.manager.query(
      `SELECT effective_from::text AS effective_from, overrides FROM org_settings_version WHERE tenant_id = $1`,
      [tx.tenantId],
    )) as { effective_from: string; overrides: SettingsOverrides }[];
    const versions: SettingsVersion[] = [];
    for (const row of rows) {
      const settings = tenantSettings(row.overrides);
      // A version identity accepted but this build cannot read keeps the defaults rather than stopping the service.
      versions.push({
        effectiveFrom: row.effective_from,
        settings: settings.ok ? settings.value : DEFAULT_TENANT_SETTINGS,
      });
    }
    if (!versions.some((v) => v.effectiveFrom === SINCE_EVER))
      versions.push({ effectiveFrom: SINCE_EVER, settings: DEFAULT_TENANT_SETTINGS });
    const inForce = settingsInForce(versions, date);
    const settings = inForce.ok ? inForce.value.settings : DEFAULT_TENANT_SETTINGS;
    const tenant = await this.tenant(tx);
    return tenant ? { ...settings, timeZone: tenant.timeZone } : settings;
  }

  async employee(tx: TenantTx, id: string): Promise<EmployeeRecord | null> {
    const [row] = await this.employees(tx, [id]);
    return row ?? null;
  }

  async employees(tx: TenantTx, ids: readonly string[]): Promise<EmployeeRecord[]> {
    if (ids.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT id, nip, name, employment_type, golongan, account_subject, roles FROM org_employee
       WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tx.tenantId, ids],
    )) as {
      id: string;
      nip: string;
      name: string;
      employment_type: string;
      golongan: string;
      account_subject: string;
      roles: string[];
    }[];
    return rows.map((r) => ({
      id: r.id,
      nip: r.nip,
      name: r.name,
      employmentType: r.employment_type,
      golongan: r.golongan,
      accountSubject: r.account_subject,
      roles: r.roles,
    }));
  }

  /** Units by id (names as identity last described them). */
  async units(tx: TenantTx, ids: readonly string[]): Promise<UnitRecord[]> {
    if (ids.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT id, code, name, head_position_name FROM org_unit WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tx.tenantId, ids],
    )) as { id: string; code: string; name: string; head_position_name: string }[];
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, headPositionName: r.head_position_name }));
  }

  /** The employees linked to these identity-provider logins. */
  async employeesOfSubjects(tx: TenantTx, subjects: readonly string[]): Promise<EmployeeRecord[]> {
    if (subjects.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT id FROM org_employee WHERE tenant_id = $1 AND account_subject = ANY($2::text[])`,
      [tx.tenantId, subjects],
    )) as { id: string }[];
    return this.employees(
      tx,
      rows.map((r) => r.id),
    );
  }

  /** The employee linked to an identity-provider login, when identity linked one. */
  async employeeIdOfSubject(tx: TenantTx, subject: string): Promise<string | null> {
    const [row] = (await tx.manager.query(
      `SELECT id FROM org_employee WHERE tenant_id = $1 AND account_subject = $2 LIMIT 1`,
      [tx.tenantId, subject],
    )) as { id: string }[];
    return row?.id ?? null;
  }

  /** R4, R6: the employee's unit and position on a date. */
  async placementOn(tx: TenantTx, employeeId: string, date: LocalDate): Promise<Placement | null> {
    const rows = (await tx.manager.query(
      `SELECT ${placementColumns('a')} FROM org_assignment a
       WHERE a.tenant_id = $1 AND a.employee_id = $3 AND ${covers('a')} ORDER BY a.from_date DESC LIMIT 1`,
      [tx.tenantId, date, employeeId],
    )) as PlacementRow[];
    return rows[0] ? toPlacement(rows[0]) : null;
  }

  /** Every placement of the employee, oldest first. */
  async placements(tx: TenantTx, employeeId: string): Promise<Placement[]> {
    const rows = (await tx.manager.query(
      `SELECT ${placementColumns('a')} FROM org_assignment a WHERE a.tenant_id = $1 AND a.employee_id = $2 ORDER BY a.from_date`,
      [tx.tenantId, employeeId],
    )) as PlacementRow[];
    return rows.map(toPlacement);
  }

  /** R3: the employment status on a date (null when identity has none for it). */
  async statusOn(tx: TenantTx, employeeId: string, date: LocalDate): Promise<string | null> {
    const [row] = (await tx.manager.query(
      `SELECT status FROM org_status_term s WHERE s.tenant_id = $1 AND s.employee_id = $3 AND ${covers('s')}
       ORDER BY s.from_date DESC LIMIT 1`,
      [tx.tenantId, date, employeeId],
    )) as { status: string }[];
    return row?.status ?? null;
  }

  /** R3 for many: the status of each employee on a date. */
  async statusesOn(tx: TenantTx, employeeIds: readonly string[], date: LocalDate): Promise<Map<string, string>> {
    if (employeeIds.length === 0) return new Map();
    const rows = (await tx.manager.query(
      `SELECT DISTINCT ON (s.employee_id) s.employee_id, s.status FROM org_status_term s
       WHERE s.tenant_id = $1 AND s.employee_id = ANY($3::uuid[]) AND ${covers('s')}
       ORDER BY s.employee_id, s.from_date DESC`,
      [tx.tenantId, date, employeeIds],
    )) as { employee_id: string; status: string }[];
    return new Map(rows.map((r) => [r.employee_id, r.status]));
  }

  /** R5: the effective head of a unit on a date; a valid PLT/PLH overrides the definitive head. */
  async unitHeadOn(tx: TenantTx, unitId: string, date: LocalDate): Promise<UnitHead | null> {
    const [unit] = await this.chainOf(tx, [unitId], date, 0);
    if (!unit) return null;
    const acting = unit.acting[0];
    if (acting) return { employeeId: acting.employeeId, acting: acting.kind };
    return unit.head_employee_id ? { employeeId: unit.head_employee_id, acting: null } : null;
  }

  /** The unit's parent on a date; null for a top unit, undefined when the unit is unknown. */
  async parentOn(tx: TenantTx, unitId: string, date: LocalDate): Promise<string | null | undefined> {
    const [unit] = await this.chainOf(tx, [unitId], date, 0);
    return unit ? unit.parent_id : undefined;
  }

  /** The unit and its descendants on a date. */
  async subtreeOn(tx: TenantTx, unitId: string, date: LocalDate): Promise<string[]> {
    const rows = (await tx.manager.query(
      `WITH RECURSIVE tree(unit_id, depth) AS (
         SELECT id, 0 FROM org_unit WHERE tenant_id = $1 AND id = $3
         UNION
         SELECT p.unit_id, t.depth + 1 FROM tree t
         JOIN org_unit_parent p ON p.tenant_id = $1 AND p.parent_id = t.unit_id AND ${covers('p')}
         WHERE t.depth < 64
       ) SELECT DISTINCT unit_id FROM tree`,
      [tx.tenantId, date, unitId],
    )) as { unit_id: string }[];
    return rows.map((r) => r.unit_id);
  }

  /** Placements in the units on a date. */
  async membersOn(tx: TenantTx, unitIds: readonly string[], date: LocalDate): Promise<Placement[]> {
    if (unitIds.length === 0) return [];
    const rows = (await tx.manager.query(
      `SELECT DISTINCT ON (a.employee_id) ${placementColumns('a')} FROM org_assignment a
       WHERE a.tenant_id = $1 AND a.unit_id = ANY($3::uuid[]) AND ${covers('a')}
       ORDER BY a.employee_id, a.from_date DESC`,
      [tx.tenantId, date, unitIds],
    )) as PlacementRow[];
    return rows.map(toPlacement);
  }

  /**
   * R5: the rater and the rater's superior of an employee on a date, from the ancestor chain of their unit. With
   * `definitive`, PLT/PLH appointments are left out: the heads who hold the positions (whose SKPs carry the
   * results an acting head rates against).
   */
  async raterOn(
    tx: TenantTx,
    employeeId: string,
    date: LocalDate,
    options: { definitive?: boolean; regionalHeadSubject?: string } = {},
  ): Promise<{ placement: Placement | null; resolution: Result<RaterResolution> }> {
    const placement = await this.placementOn(tx, employeeId, date);
    const snapshot = await this.snapshot(tx, placement ? [placement] : [], date, options.regionalHeadSubject);
    const used = options.definitive ? { ...snapshot, actingAppointments: [] } : snapshot;
    return { placement, resolution: resolveRater(used, employeeId, date) };
  }

  /**
   * R5 the other way round: the employees an employee (or, with `REGIONAL_HEAD`, the regional head account) rates
   * on a date. Candidates are the members of the units the rater heads and of their vacant descendants, whose
   * heads pass the question up; each candidate is confirmed by resolveRater on the same snapshot.
   */
  async subordinatesOn(tx: TenantTx, rater: string | 'REGIONAL_HEAD', date: LocalDate): Promise<Subordinate[]> {
    const regional = rater === 'REGIONAL_HEAD';
    const vacant = (alias: string) =>
      `NOT EXISTS (SELECT 1 FROM org_acting x WHERE x.tenant_id = $1 AND x.unit_id = ${alias} AND NOT x.revoked AND ${covers('x')})
       AND NOT EXISTS (SELECT 1 FROM org_unit_head h WHERE h.tenant_id = $1 AND h.unit_id = ${alias} AND ${covers('h')})`;
    const start = regional
      ? `SELECT u.id FROM org_unit u WHERE u.tenant_id = $1 AND NOT EXISTS (
           SELECT 1 FROM org_unit_parent p WHERE p.tenant_id = $1 AND p.unit_id = u.id AND p.parent_id IS NOT NULL AND ${covers('p')})`
      : `SELECT h.unit_id AS id FROM org_unit_head h WHERE h.tenant_id = $1 AND h.employee_id = $3 AND ${covers('h')}
         UNION SELECT a.unit_id AS id FROM org_acting a WHERE a.tenant_id = $1 AND a.employee_id = $3 AND NOT a.revoked AND ${covers('a')}`;
    const rows = (await tx.manager.query(
      `WITH RECURSIVE tree(unit_id, depth) AS (
         SELECT s.id, 0 FROM (${start}) s
         UNION
         SELECT p.unit_id, t.depth + 1 FROM tree t
         JOIN org_unit_parent p ON p.tenant_id = $1 AND p.parent_id = t.unit_id AND ${covers('p')}
         WHERE t.depth < 64 AND (${regional ? 'false' : 't.depth = 0'} OR (${vacant('t.unit_id')}))
       ) SELECT DISTINCT unit_id FROM tree`,
      regional ? [tx.tenantId, date] : [tx.tenantId, date, rater],
    )) as { unit_id: string }[];
    const members = (
      await this.membersOn(
        tx,
        rows.map((r) => r.unit_id),
        date,
      )
    ).filter((m) => m.employeeId !== rater);
    const snapshot = await this.snapshot(tx, members, date);
    const result: Subordinate[] = [];
    for (const placement of members) {
      const resolution = resolveRater(snapshot, placement.employeeId, date);
      if (!resolution.ok) continue;
      const found = resolution.value.rater;
      if (regional ? found.isRegionalHead : !found.isRegionalHead && found.id === rater)
        result.push({ placement, resolution: resolution.value });
    }
    return result;
  }

  /**
   * R5 set-based: the ids of the employees `rater` (an employee id, or null) and, with `regional`, the regional head
   * account rate on a date, in one statement (see rated-by.ts); the same people as subordinatesOn.
   */
  async ratedOn(tx: TenantTx, rater: string | null, regional: boolean, date: LocalDate): Promise<string[]> {
    if (!isLocalDate(date)) return [];
    const rows = (await tx.manager.query(
      `WITH RECURSIVE ${ratedBySql({ tenant: '$1', date: '$2', rater: '$3::uuid', regional: '$4::boolean' })}
       SELECT employee_id FROM rated_by ORDER BY employee_id`,
      [tx.tenantId, date, rater, regional],
    )) as { employee_id: string }[];
    return rows.map((r) => r.employee_id);
  }

  /**
   * The org snapshot resolveRater needs for these placements: their units' ancestor chains, heads and PLT/PLH.
   * A caller that has read the tenant already passes its regional head account and saves a query.
   */
  async snapshot(
    tx: TenantTx,
    placements: readonly Placement[],
    date: LocalDate,
    regionalHeadSubject?: string,
  ): Promise<OrgSnapshot> {
    const regionalHead = regionalHeadSubject ?? (await this.tenant(tx))?.regionalHeadSubject;
    const chain = await this.chainOf(tx, [...new Set(placements.map((p) => p.unitId))], date);
    const units: OrgUnit[] = chain.map((u) => ({
      id: u.id,
      parentId: u.parent_id,
      headEmployeeId: u.head_employee_id,
    }));
    const actingAppointments: ActingAppointment[] = chain.flatMap((u) =>
      u.acting.map((a) => ({ unitId: u.id, employeeId: a.employeeId, kind: a.kind, from: a.from, to: a.to })),
    );
    const assignments: Assignment[] = placements.map((p) => ({
      employeeId: p.employeeId,
      unitId: p.unitId,
      from: p.from,
      to: p.to,
    }));
    return {
      units,
      actingAppointments,
      assignments,
      regionalHeadAccountId: regionalHead || UNNAMED_REGIONAL_HEAD,
    };
  }

  // The units and every ancestor on the date, each with its parent, definitive head and valid PLT/PLH then.
  private async chainOf(tx: TenantTx, unitIds: readonly string[], date: LocalDate, maxDepth = 64): Promise<ChainRow[]> {
    if (unitIds.length === 0 || !isLocalDate(date)) return [];
    return (await tx.manager.query(
      `WITH RECURSIVE chain(unit_id, depth) AS (
         SELECT unnest($3::uuid[]), 0
         UNION
         SELECT p.parent_id, c.depth + 1 FROM chain c
         JOIN org_unit_parent p ON p.tenant_id = $1 AND p.unit_id = c.unit_id AND ${covers('p')}
         WHERE p.parent_id IS NOT NULL AND c.depth < $4
       )
       SELECT u.id,
         (SELECT p.parent_id FROM org_unit_parent p WHERE p.tenant_id = $1 AND p.unit_id = u.id AND ${covers('p')}
          ORDER BY p.from_date DESC LIMIT 1) AS parent_id,
         (SELECT h.employee_id FROM org_unit_head h WHERE h.tenant_id = $1 AND h.unit_id = u.id AND ${covers('h')}
          ORDER BY h.from_date DESC LIMIT 1) AS head_employee_id,
         (SELECT coalesce(json_agg(json_build_object('employeeId', a.employee_id, 'kind', a.kind,
                  'from', a.from_date, 'to', a.to_date) ORDER BY a.from_date DESC), '[]'::json)
          FROM org_acting a WHERE a.tenant_id = $1 AND a.unit_id = u.id AND NOT a.revoked AND ${covers('a')}) AS acting
       FROM (SELECT DISTINCT unit_id FROM chain) c JOIN org_unit u ON u.tenant_id = $1 AND u.id = c.unit_id`,
      [tx.tenantId, date, unitIds, maxDepth],
    )) as ChainRow[];
  }
}
