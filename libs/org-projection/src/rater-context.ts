import {
  resolveRater,
  type ActingAppointment,
  type LocalDate,
  type OrgSnapshot,
  type RaterResolution,
  type Result,
} from '@kinerja/domain';
import { UNNAMED_REGIONAL_HEAD, type Placement } from './directory.js';

// What OrgDirectory.raterOn reads (the employee's placement on a date and the ancestor chain of its unit with heads
// and PLT/PLH), as SQL common table expressions a caller joins in its own statement, so that a read that needs the
// rater (GET /skps/{id}: rights and the rater shown) loads it in the same round trip as its own rows. The rater is
// then resolved by resolveRater on the snapshot, as raterOn does (R5).

export type RaterContextParams = {
  /** Placeholder of the tenant id. */
  tenant: string;
  /** SQL expression of the employee id (uuid). */
  employee: string;
  /** SQL expression of the date (date). */
  date: string;
};

/** The row `rater_context(placement, units)` holds: JSON the caller selects and passes to resolveFromContext. */
export type RaterContext = { placement: unknown; units: unknown };

const covers = (alias: string, date: string) =>
  `${alias}.from_date <= (${date})::date AND (${alias}.to_date IS NULL OR ${alias}.to_date >= (${date})::date)`;

/**
 * The CTEs (for `WITH RECURSIVE`, comma-separated, without the keyword) ending in `rater_context(placement, units)`
 * (one row); every other CTE name starts with `rc_`.
 */
export function raterContextSql(p: RaterContextParams): string {
  const t = p.tenant;
  const d = p.date;
  return `rc_placement AS (
    SELECT a.employee_id, a.unit_id, a.position_name, a.jenis_jabatan, a.jenjang, a.from_date::text AS from_date,
      a.to_date::text AS to_date
    FROM org_assignment a WHERE a.tenant_id = ${t} AND a.employee_id = ${p.employee} AND ${covers('a', d)}
    ORDER BY a.from_date DESC LIMIT 1
  ),
  rc_chain(unit_id, depth) AS (
    SELECT unit_id, 0 FROM rc_placement
    UNION
    SELECT pa.parent_id, c.depth + 1 FROM rc_chain c
    JOIN org_unit_parent pa ON pa.tenant_id = ${t} AND pa.unit_id = c.unit_id AND ${covers('pa', d)}
    WHERE pa.parent_id IS NOT NULL AND c.depth < 64
  ),
  rater_context(placement, units) AS (
    SELECT (SELECT row_to_json(rp) FROM rc_placement rp),
      (SELECT coalesce(json_agg(json_build_object(
         'id', u.id,
         'parent_id', (SELECT pa.parent_id FROM org_unit_parent pa WHERE pa.tenant_id = ${t} AND pa.unit_id = u.id
            AND ${covers('pa', d)} ORDER BY pa.from_date DESC LIMIT 1),
         'head_employee_id', (SELECT h.employee_id FROM org_unit_head h WHERE h.tenant_id = ${t} AND h.unit_id = u.id
            AND ${covers('h', d)} ORDER BY h.from_date DESC LIMIT 1),
         'acting', (SELECT coalesce(json_agg(json_build_object('employeeId', a.employee_id, 'kind', a.kind,
                      'from', a.from_date, 'to', a.to_date) ORDER BY a.from_date DESC), '[]'::json)
            FROM org_acting a WHERE a.tenant_id = ${t} AND a.unit_id = u.id AND NOT a.revoked AND ${covers('a', d)})
       )), '[]'::json)
       FROM (SELECT DISTINCT unit_id FROM rc_chain) c JOIN org_unit u ON u.tenant_id = ${t} AND u.id = c.unit_id)
  )`;
}

type PlacementJson = {
  employee_id: string;
  unit_id: string;
  position_name: string;
  jenis_jabatan: string;
  jenjang: string;
  from_date: string;
  to_date: string | null;
};
type UnitJson = {
  id: string;
  parent_id: string | null;
  head_employee_id: string | null;
  acting: { employeeId: string; kind: 'PLT' | 'PLH'; from: string; to: string | null }[];
};

/** R5: the rater and the rater's superior of the employee on the date, from a `rater_context` row (as raterOn). */
export function resolveFromContext(
  context: RaterContext,
  employeeId: string,
  date: LocalDate,
  regionalHeadSubject: string,
): { placement: Placement | null; resolution: Result<RaterResolution> } {
  const raw = context.placement as PlacementJson | null;
  const placement: Placement | null = raw
    ? {
        employeeId: raw.employee_id,
        unitId: raw.unit_id,
        positionName: raw.position_name,
        jenisJabatan: raw.jenis_jabatan,
        jenjang: raw.jenjang,
        from: raw.from_date,
        to: raw.to_date,
      }
    : null;
  const units = (context.units as UnitJson[] | null) ?? [];
  const actingAppointments: ActingAppointment[] = units.flatMap((u) =>
    u.acting.map((a) => ({ unitId: u.id, employeeId: a.employeeId, kind: a.kind, from: a.from, to: a.to })),
  );
  const snapshot: OrgSnapshot = {
    units: units.map((u) => ({ id: u.id, parentId: u.parent_id, headEmployeeId: u.head_employee_id })),
    actingAppointments,
    assignments: placement
      ? [{ employeeId: placement.employeeId, unitId: placement.unitId, from: placement.from, to: placement.to }]
      : [],
    regionalHeadAccountId: regionalHeadSubject || UNNAMED_REGIONAL_HEAD,
  };
  return { placement, resolution: resolveRater(snapshot, employeeId, date) };
}
