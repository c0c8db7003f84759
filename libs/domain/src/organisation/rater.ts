import type { LocalDate } from '../calendar/local-date.js';
import { explanation } from '../explain/explanation.js';
import { checkDate, checkText } from '../explain/guards.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';

// R5: rater resolution over a plain in-memory snapshot of the organisation; dates are inclusive, `to = null` is open.

export type DateRange = { readonly from: LocalDate; readonly to: LocalDate | null };

export type OrgUnit = { readonly id: string; readonly parentId: string | null; readonly headEmployeeId: string | null };
/** A PLT (acting) or PLH (daily acting) head of a unit for a date range. */
export type ActingAppointment = DateRange & {
  readonly unitId: string;
  readonly employeeId: string;
  readonly kind: 'PLT' | 'PLH';
};
export type Assignment = DateRange & { readonly employeeId: string; readonly unitId: string };

export type OrgSnapshot = {
  readonly units: readonly OrgUnit[];
  readonly actingAppointments: readonly ActingAppointment[];
  readonly assignments: readonly Assignment[];
  /** The tenant's regional head account (kepala daerah), rater of the top unit's head. */
  readonly regionalHeadAccountId: string;
};

export type RaterStep =
  | { readonly step: 'ASSIGNED_TO'; readonly unitId: string }
  | { readonly step: 'EMPLOYEE_IS_HEAD'; readonly unitId: string }
  | { readonly step: 'VACANT_HEAD'; readonly unitId: string }
  | { readonly step: 'HEAD'; readonly unitId: string; readonly employeeId: string }
  | { readonly step: 'ACTING_HEAD'; readonly unitId: string; readonly employeeId: string; readonly kind: 'PLT' | 'PLH' }
  | { readonly step: 'REGIONAL_HEAD'; readonly accountId: string };

export type RaterRole = {
  readonly id: string;
  readonly isRegionalHead: boolean;
  readonly unitId: string | null;
  readonly path: readonly RaterStep[];
};

export type RaterResolution = {
  readonly employeeId: string;
  readonly date: LocalDate;
  readonly rater: RaterRole;
  readonly raterSuperior: RaterRole;
};

const covers = (range: DateRange, date: LocalDate): boolean =>
  range.from <= date && (range.to === null || date <= range.to);

type Index = { readonly units: ReadonlyMap<string, OrgUnit>; readonly snapshot: OrgSnapshot; readonly date: LocalDate };
type Found<T> = { readonly ok: true; readonly value: T } | Failure;
type HeadStep = Extract<RaterStep, { step: 'HEAD' | 'ACTING_HEAD' }>;

/** The effective head of a unit on the date: a valid acting appointment overrides the head (R5). */
function headOf(index: Index, unit: OrgUnit): Found<HeadStep | null> {
  const acting = index.snapshot.actingAppointments.filter((a) => a.unitId === unit.id && covers(a, index.date));
  if (acting.length > 1) {
    return failure(
      'AMBIGUOUS_ACTING_APPOINTMENT',
      {
        id: `Ada lebih dari satu PLT/PLH untuk unit ${unit.id} pada ${index.date}.`,
        en: `More than one acting head for unit ${unit.id} on ${index.date}.`,
      },
      { rules: ['R5'] },
    );
  }
  const [appointment] = acting;
  if (appointment !== undefined)
    return {
      ok: true,
      value: { step: 'ACTING_HEAD', unitId: unit.id, employeeId: appointment.employeeId, kind: appointment.kind },
    };
  return {
    ok: true,
    value: unit.headEmployeeId === null ? null : { step: 'HEAD', unitId: unit.id, employeeId: unit.headEmployeeId },
  };
}

/**
 * Walks up from `startUnitId` to the first unit whose effective head is someone other than `employeeId`
 * (a vacant head passes the question up); past the top unit, the regional head account rates.
 */
function rateFrom(index: Index, startUnitId: string | null, employeeId: string, path: RaterStep[]): Found<RaterRole> {
  const seen = new Set<string>();
  for (let unitId = startUnitId; unitId !== null;) {
    if (seen.has(unitId))
      return failure(
        'ORGANISATION_CYCLE',
        { id: `Struktur unit berputar di ${unitId}.`, en: `The unit tree has a cycle at ${unitId}.` },
        { rules: ['R5'] },
      );
    seen.add(unitId);
    const unit = index.units.get(unitId);
    if (unit === undefined)
      return failure(
        'UNKNOWN_UNIT',
        {
          id: `Unit ${unitId} tidak ada dalam data organisasi.`,
          en: `Unit ${unitId} is not in the organisation snapshot.`,
        },
        { rules: ['R5'] },
      );
    // The definitive head is never rated by someone standing in for them: a PLT/PLH covers the head's duties
    // towards the unit's staff, while the head's own rater stays the head above.
    const head: Found<HeadStep | null> =
      unit.headEmployeeId === employeeId
        ? { ok: true, value: { step: 'HEAD', unitId, employeeId } }
        : headOf(index, unit);
    if (!head.ok) return head;
    if (head.value === null) path.push({ step: 'VACANT_HEAD', unitId });
    else if (head.value.employeeId === employeeId) path.push({ step: 'EMPLOYEE_IS_HEAD', unitId });
    else {
      path.push(head.value);
      return { ok: true, value: { id: head.value.employeeId, isRegionalHead: false, unitId, path } };
    }
    unitId = unit.parentId;
  }
  path.push({ step: 'REGIONAL_HEAD', accountId: index.snapshot.regionalHeadAccountId });
  return { ok: true, value: { id: index.snapshot.regionalHeadAccountId, isRegionalHead: true, unitId: null, path } };
}

function roleLabel(role: RaterRole): string {
  return role.isRegionalHead ? `kepala daerah (${role.id})` : role.id;
}

/** R5: the rater and the rater's superior of an employee on a date, with the path that decided each. */
export function resolveRater(snapshot: OrgSnapshot, employeeId: string, date: LocalDate): Result<RaterResolution> {
  const invalid =
    checkDate('date', date, ['R5']) ??
    checkText('employeeId', employeeId, ['R5']) ??
    checkText('regionalHeadAccountId', snapshot.regionalHeadAccountId, ['R5']);
  if (invalid !== null) return invalid;
  const index: Index = { units: new Map(snapshot.units.map((u) => [u.id, u])), snapshot, date };
  const assigned = snapshot.assignments.filter((a) => a.employeeId === employeeId && covers(a, date));
  if (assigned.length === 0)
    return failure(
      'NO_ASSIGNMENT',
      {
        id: `Pegawai ${employeeId} tidak memiliki penempatan pada ${date}.`,
        en: `Employee ${employeeId} has no assignment on ${date}.`,
      },
      { rules: ['R5'] },
    );
  if (assigned.length > 1)
    return failure(
      'AMBIGUOUS_ASSIGNMENT',
      {
        id: `Pegawai ${employeeId} memiliki lebih dari satu penempatan pada ${date}.`,
        en: `Employee ${employeeId} has more than one assignment on ${date}.`,
      },
      { rules: ['R5'] },
    );
  const unitId = (assigned[0] as Assignment).unitId;
  const rater = rateFrom(index, unitId, employeeId, [{ step: 'ASSIGNED_TO', unitId }]);
  if (!rater.ok) return rater;
  // The rater's superior is the rater's own rater: the head above the unit the rater heads; the regional head rates itself.
  const raterSuperior: Found<RaterRole> = rater.value.isRegionalHead
    ? rater
    : rateFrom(index, (index.units.get(rater.value.unitId as string) as OrgUnit).parentId, rater.value.id, []);
  if (!raterSuperior.ok) return raterSuperior;
  const value: RaterResolution = { employeeId, date, rater: rater.value, raterSuperior: raterSuperior.value };
  return ok(
    value,
    explanation({
      decision: 'organisation.resolveRater',
      rules: ['R5'],
      inputs: { employeeId, date },
      values: {
        rater: rater.value.id,
        raterPath: rater.value.path,
        raterSuperior: raterSuperior.value.id,
        raterSuperiorPath: raterSuperior.value.path,
      },
      text: {
        id: `Pada ${date}, pejabat penilai ${employeeId} adalah ${roleLabel(rater.value)} dan atasan pejabat penilai adalah ${roleLabel(raterSuperior.value)}.`,
        en: `On ${date}, the rater of ${employeeId} is ${roleLabel(rater.value)} and the rater's superior is ${roleLabel(raterSuperior.value)}.`,
      },
    }),
  );
}
