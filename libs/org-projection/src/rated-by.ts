// R5 the other way round, set-based: the employees a rater (an employee, the regional head account, or both) rates
// on a date, as SQL common table expressions a caller joins in the same statement (the approval queue selects the
// waiting SKPs of exactly these in one round trip). It gives what OrgDirectory.subordinatesOn gives, without
// resolving each candidate in JavaScript: candidates are the members of the units the rater heads (definitive or
// PLT/PLH), of their child units and of vacant descendants (the regional head: of the top units and their vacant
// descendants); each candidate then walks up from their unit in SQL exactly as resolveRater does
// (libs/domain organisation/rater.ts):
//   - the employee's own definitive unit headship passes the question up (a PLT/PLH never rates the head they
//     stand in for);
//   - more than one valid PLT/PLH on a unit fails (AMBIGUOUS_ACTING_APPOINTMENT), as does a unit the projection
//     does not know (UNKNOWN_UNIT) or a chain deeper than 64 (a cycle);
//   - one valid PLT/PLH is the effective head, else the definitive head; a vacant head, or the employee as the
//     effective head, passes the question up; past the top unit the regional head account rates.
// What each walk needs of a unit (known, parent, definitive head, valid PLT/PLH) is read once, for the candidates'
// units and their ancestors, so the statement stays small to plan and each step is a lookup.
// A candidate counts when the walk ends at the rater, and, as resolveRater also needs, the rater's own rater (the
// superior) resolves from the parent of the unit the rater was found heading.

export type RatedByParams = {
  /** Placeholder of the tenant id. */
  tenant: string;
  /** Placeholder of the date (text YYYY-MM-DD). */
  date: string;
  /** Placeholder of the rater's employee id (uuid, NULL when the caller has no employee). */
  rater: string;
  /** Placeholder of a boolean: whether the caller is the regional head account. */
  regional: string;
};

const covers = (alias: string, date: string) =>
  `${alias}.from_date <= ${date}::date AND (${alias}.to_date IS NULL OR ${alias}.to_date >= ${date}::date)`;

// resolveRater's walk for employee `w.employee_id` from the anchor's unit (start_id), one row per step: at unit x, PASS goes
// up to x's parent (unit_id NULL past the top unit); a terminal row keeps x and its parent with the outcome RATER
// (rater_id rates), REGIONAL (past the top unit) or FAIL.
function walk(name: string, anchor: string): string {
  return `${name}(employee_id, start_id, unit_id, parent_id, depth, outcome, rater_id) AS (
    ${anchor}
    UNION ALL
    SELECT w.employee_id, w.start_id, CASE WHEN s.outcome = 'PASS' THEN x.parent_id ELSE w.unit_id END, x.parent_id, w.depth + 1,
      NULLIF(s.outcome, 'PASS'), CASE WHEN x.acting_n = 1 THEN x.acting ELSE x.head END
    FROM ${name} w
    LEFT JOIN rb_unit x ON x.id = w.unit_id
    CROSS JOIN LATERAL (SELECT CASE
        WHEN w.unit_id IS NULL THEN 'REGIONAL'
        WHEN x.id IS NULL THEN 'FAIL'
        WHEN x.head = w.employee_id THEN 'PASS'
        WHEN x.acting_n > 1 THEN 'FAIL'
        WHEN x.acting_n = 1 THEN CASE WHEN x.acting = w.employee_id THEN 'PASS' ELSE 'RATER' END
        WHEN x.head IS NULL THEN 'PASS'
        ELSE 'RATER'
      END AS outcome) s
    WHERE w.outcome IS NULL AND w.depth < 64
  )`;
}

/**
 * The CTEs (for `WITH RECURSIVE`, comma-separated, without the keyword) ending in `rated_by(employee_id)`; every
 * other CTE name starts with `rb_`. Every query names the tenant (forced RLS applies as well).
 */
export function ratedBySql(p: RatedByParams): string {
  const t = p.tenant;
  const d = p.date;
  const vacant = (unit: string) =>
    `NOT EXISTS (SELECT 1 FROM org_acting x WHERE x.tenant_id = ${t} AND x.unit_id = ${unit} AND NOT x.revoked AND ${covers('x', d)})
     AND NOT EXISTS (SELECT 1 FROM org_unit_head h WHERE h.tenant_id = ${t} AND h.unit_id = ${unit} AND ${covers('h', d)})`;
  return `rb_start(unit_id, regional) AS (
    SELECT h.unit_id, false FROM org_unit_head h WHERE h.tenant_id = ${t} AND h.employee_id = ${p.rater} AND ${covers('h', d)}
    UNION
    SELECT a.unit_id, false FROM org_acting a
    WHERE a.tenant_id = ${t} AND a.employee_id = ${p.rater} AND NOT a.revoked AND ${covers('a', d)}
    UNION
    SELECT u.id, true FROM org_unit u WHERE ${p.regional} AND u.tenant_id = ${t} AND NOT EXISTS (
      SELECT 1 FROM org_unit_parent pa WHERE pa.tenant_id = ${t} AND pa.unit_id = u.id AND pa.parent_id IS NOT NULL
        AND ${covers('pa', d)})
  ),
  rb_tree(unit_id, depth, regional) AS (
    SELECT unit_id, 0, regional FROM rb_start
    UNION
    SELECT pa.unit_id, t.depth + 1, t.regional FROM rb_tree t
    JOIN org_unit_parent pa ON pa.tenant_id = ${t} AND pa.parent_id = t.unit_id AND ${covers('pa', d)}
    WHERE t.depth < 64 AND ((NOT t.regional AND t.depth = 0) OR (${vacant('t.unit_id')}))
  ),
  rb_member(employee_id, unit_id) AS (
    SELECT DISTINCT ON (a.employee_id) a.employee_id, a.unit_id FROM org_assignment a
    WHERE a.tenant_id = ${t} AND a.unit_id IN (SELECT unit_id FROM rb_tree) AND ${covers('a', d)}
    ORDER BY a.employee_id, a.from_date DESC
  ),
  rb_chain(unit_id, depth) AS (
    SELECT DISTINCT unit_id, 0 FROM rb_member
    UNION
    SELECT pa.parent_id, c.depth + 1 FROM rb_chain c
    JOIN org_unit_parent pa ON pa.tenant_id = ${t} AND pa.unit_id = c.unit_id AND ${covers('pa', d)}
    WHERE pa.parent_id IS NOT NULL AND c.depth < 64
  ),
  rb_unit(id, parent_id, head, acting_n, acting) AS (
    SELECT u.id,
      (SELECT pa.parent_id FROM org_unit_parent pa WHERE pa.tenant_id = ${t} AND pa.unit_id = u.id AND ${covers('pa', d)}
       ORDER BY pa.from_date DESC LIMIT 1),
      (SELECT h.employee_id FROM org_unit_head h WHERE h.tenant_id = ${t} AND h.unit_id = u.id AND ${covers('h', d)}
       ORDER BY h.from_date DESC LIMIT 1),
      ac.n, ac.employee_id
    FROM (SELECT DISTINCT unit_id FROM rb_chain) c
    JOIN org_unit u ON u.tenant_id = ${t} AND u.id = c.unit_id
    CROSS JOIN LATERAL (
      SELECT count(*) AS n, (array_agg(a.employee_id ORDER BY a.from_date DESC))[1] AS employee_id FROM org_acting a
      WHERE a.tenant_id = ${t} AND a.unit_id = u.id AND NOT a.revoked AND ${covers('a', d)}
    ) ac
  ),
  ${walk('rb_walk', `SELECT m.employee_id, m.unit_id, m.unit_id, NULL::uuid, 0, NULL::text, NULL::uuid FROM rb_member m`)},
  ${walk(
    'rb_superior',
    `SELECT DISTINCT ${p.rater}::uuid, w.parent_id, w.parent_id, NULL::uuid, 0, NULL::text, NULL::uuid FROM rb_walk w
     WHERE w.outcome = 'RATER' AND w.rater_id = ${p.rater}`,
  )},
  rated_by(employee_id) AS (
    SELECT w.employee_id FROM rb_walk w WHERE w.outcome = 'REGIONAL' AND ${p.regional}
    UNION
    SELECT w.employee_id FROM rb_walk w
    WHERE w.outcome = 'RATER' AND w.rater_id = ${p.rater} AND EXISTS (
      SELECT 1 FROM rb_superior s
      WHERE s.outcome IN ('RATER', 'REGIONAL') AND s.start_id IS NOT DISTINCT FROM w.parent_id)
  )`;
}
