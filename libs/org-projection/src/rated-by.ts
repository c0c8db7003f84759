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
// Members who head nothing on their path walk alike: the walk runs once per unit, and again only for the members who
// head (definitively or acting) the unit where their unit's walk ends, whose question passes further up.
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

// One step of resolveRater's walk at `w.unit_id` for employee `w.employee_id`: PASS (go up to parent_id), RATER
// (rater_id rates), REGIONAL (past the top unit) or FAIL.
function walk(name: string, anchor: string, p: RatedByParams): string {
  const t = p.tenant;
  const d = p.date;
  return `${name}(employee_id, unit_id, parent_id, start_id, depth, outcome, rater_id, head_id) AS (
    ${anchor}
    UNION ALL
    SELECT w.employee_id, CASE WHEN s.outcome = 'PASS' THEN s.parent_id ELSE w.unit_id END, s.parent_id, w.start_id,
      w.depth + 1, NULLIF(s.outcome, 'PASS'), s.rater_id, s.head_id
    FROM ${name} w
    CROSS JOIN LATERAL (
      SELECT CASE
          WHEN w.unit_id IS NULL THEN 'REGIONAL'
          WHEN NOT x.known THEN 'FAIL'
          WHEN x.head = w.employee_id THEN 'PASS'
          WHEN x.acting_n > 1 THEN 'FAIL'
          WHEN x.acting_n = 1 THEN CASE WHEN x.acting = w.employee_id THEN 'PASS' ELSE 'RATER' END
          WHEN x.head IS NULL THEN 'PASS'
          ELSE 'RATER'
        END AS outcome,
        CASE WHEN x.acting_n = 1 THEN x.acting ELSE x.head END AS rater_id,
        x.parent_id,
        x.head AS head_id
      FROM (SELECT
        EXISTS (SELECT 1 FROM org_unit u WHERE u.tenant_id = ${t} AND u.id = w.unit_id) AS known,
        (SELECT h.employee_id FROM org_unit_head h WHERE h.tenant_id = ${t} AND h.unit_id = w.unit_id AND ${covers('h', d)}
         ORDER BY h.from_date DESC LIMIT 1) AS head,
        (SELECT count(*) FROM org_acting a WHERE a.tenant_id = ${t} AND a.unit_id = w.unit_id AND NOT a.revoked
           AND ${covers('a', d)}) AS acting_n,
        (SELECT a.employee_id FROM org_acting a WHERE a.tenant_id = ${t} AND a.unit_id = w.unit_id AND NOT a.revoked
           AND ${covers('a', d)} ORDER BY a.from_date DESC LIMIT 1) AS acting,
        (SELECT pa.parent_id FROM org_unit_parent pa WHERE pa.tenant_id = ${t} AND pa.unit_id = w.unit_id
           AND ${covers('pa', d)} ORDER BY pa.from_date DESC LIMIT 1) AS parent_id) x
    ) s
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
  ${walk('rb_unit_walk', `SELECT DISTINCT NULL::uuid, m.unit_id, NULL::uuid, m.unit_id, 0, NULL::text, NULL::uuid, NULL::uuid FROM rb_member m`, p)},
  rb_unit_end AS (SELECT * FROM rb_unit_walk WHERE outcome IS NOT NULL),
  rb_special(employee_id, unit_id) AS (
    SELECT m.employee_id, m.unit_id FROM rb_member m JOIN rb_unit_end e ON e.start_id = m.unit_id
    WHERE m.employee_id = e.head_id OR m.employee_id = e.rater_id
  ),
  ${walk('rb_walk', `SELECT m.employee_id, m.unit_id, NULL::uuid, m.unit_id, 0, NULL::text, NULL::uuid, NULL::uuid FROM rb_special m`, p)},
  rb_outcome(employee_id, outcome, rater_id, parent_id) AS (
    SELECT m.employee_id, e.outcome, e.rater_id, e.parent_id FROM rb_member m JOIN rb_unit_end e ON e.start_id = m.unit_id
    WHERE NOT EXISTS (SELECT 1 FROM rb_special sp WHERE sp.employee_id = m.employee_id)
    UNION ALL
    SELECT w.employee_id, w.outcome, w.rater_id, w.parent_id FROM rb_walk w WHERE w.outcome IS NOT NULL
  ),
  ${walk(
    'rb_superior',
    `SELECT DISTINCT ${p.rater}::uuid, o.parent_id, NULL::uuid, o.parent_id, 0, NULL::text, NULL::uuid, NULL::uuid
     FROM rb_outcome o WHERE o.outcome = 'RATER' AND o.rater_id = ${p.rater}`,
    p,
  )},
  rb_superior_ok AS (SELECT DISTINCT start_id FROM rb_superior WHERE outcome IN ('RATER', 'REGIONAL')),
  rated_by(employee_id) AS (
    SELECT o.employee_id FROM rb_outcome o WHERE o.outcome = 'REGIONAL' AND ${p.regional}
    UNION
    SELECT o.employee_id FROM rb_outcome o
    WHERE o.outcome = 'RATER' AND o.rater_id = ${p.rater}
      AND EXISTS (SELECT 1 FROM rb_superior_ok s WHERE s.start_id IS NOT DISTINCT FROM o.parent_id)
  )`;
}
