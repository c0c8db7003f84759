import { addDays, localDate, type LocalDate } from '../calendar/local-date.js';
import { explanation } from '../explain/explanation.js';
import { checkDate, checkEnum, checkNumber, checkText } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import type { SkpSettings } from '../settings/tenant-settings.js';

// R11: the SKP lifecycle as a pure state machine: who may do what from which state.
export const SKP_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'REVISION', 'CLOSED'] as const;
export type SkpStatus = (typeof SKP_STATUSES)[number];

export const SKP_ACTIONS = [
  'EDIT',
  'SUBMIT',
  'APPROVE',
  'REJECT',
  'REVISE',
  'CANCEL_REVISION',
  'SUPERSEDE',
  'CLOSE',
] as const;
export type SkpAction = (typeof SKP_ACTIONS)[number];

export const SKP_ACTORS = ['EMPLOYEE', 'RATER', 'PERFORMANCE_MANAGER', 'SYSTEM'] as const;
export type SkpActor = (typeof SKP_ACTORS)[number];

/** R11 side effects the caller carries out in the same transaction. */
export type SkpEffect = 'OPEN_REVISION_VERSION' | 'APPROVED_VERSION_STAYS_IN_FORCE' | 'REQUIRE_NEW_SKP';

type TransitionSpec = {
  readonly from: SkpStatus;
  readonly action: SkpAction;
  readonly to: SkpStatus;
  readonly actors: readonly SkpActor[];
  /** Actors allowed only on the employee's behalf after the fallback day (R11). */
  readonly fallbackActors: readonly SkpActor[];
  readonly reasonRequired: boolean;
  readonly effects: readonly SkpEffect[];
};

// A REVISION version is the approved SKP while a new version is drafted; it stays in force until SUPERSEDEd.
export const SKP_TRANSITIONS: readonly TransitionSpec[] = [
  {
    from: 'DRAFT',
    action: 'EDIT',
    to: 'DRAFT',
    actors: ['EMPLOYEE'],
    fallbackActors: ['PERFORMANCE_MANAGER'],
    reasonRequired: false,
    effects: [],
  },
  {
    from: 'DRAFT',
    action: 'SUBMIT',
    to: 'SUBMITTED',
    actors: ['EMPLOYEE'],
    fallbackActors: ['PERFORMANCE_MANAGER'],
    reasonRequired: false,
    effects: [],
  },
  {
    from: 'SUBMITTED',
    action: 'APPROVE',
    to: 'APPROVED',
    actors: ['RATER'],
    fallbackActors: ['PERFORMANCE_MANAGER'],
    reasonRequired: false,
    effects: [],
  },
  {
    from: 'SUBMITTED',
    action: 'REJECT',
    to: 'REJECTED',
    actors: ['RATER'],
    fallbackActors: [],
    reasonRequired: true,
    effects: [],
  },
  {
    from: 'REJECTED',
    action: 'EDIT',
    to: 'DRAFT',
    actors: ['EMPLOYEE'],
    fallbackActors: ['PERFORMANCE_MANAGER'],
    reasonRequired: false,
    effects: [],
  },
  {
    from: 'APPROVED',
    action: 'REVISE',
    to: 'REVISION',
    actors: ['EMPLOYEE', 'RATER'],
    fallbackActors: [],
    reasonRequired: true,
    effects: ['OPEN_REVISION_VERSION', 'APPROVED_VERSION_STAYS_IN_FORCE'],
  },
  {
    from: 'REVISION',
    action: 'CANCEL_REVISION',
    to: 'APPROVED',
    actors: ['EMPLOYEE', 'RATER'],
    fallbackActors: [],
    reasonRequired: false,
    effects: [],
  },
  {
    from: 'REVISION',
    action: 'SUPERSEDE',
    to: 'CLOSED',
    actors: ['SYSTEM'],
    fallbackActors: [],
    reasonRequired: false,
    effects: [],
  },
  {
    from: 'APPROVED',
    action: 'CLOSE',
    to: 'CLOSED',
    actors: ['SYSTEM'],
    fallbackActors: [],
    reasonRequired: true,
    effects: ['REQUIRE_NEW_SKP'],
  },
  {
    from: 'REVISION',
    action: 'CLOSE',
    to: 'CLOSED',
    actors: ['SYSTEM'],
    fallbackActors: [],
    reasonRequired: true,
    effects: ['REQUIRE_NEW_SKP'],
  },
];

/** The append-only audit record of a transition (R11, R42); the caller adds ids and persists it. */
export type SkpAuditRecord = {
  readonly actor: SkpActor;
  readonly actorId: string;
  readonly at: string;
  readonly from: SkpStatus;
  readonly to: SkpStatus;
  readonly action: SkpAction;
  readonly reason: string | null;
};

export type SkpTransition = {
  readonly to: SkpStatus;
  readonly effects: readonly SkpEffect[];
  readonly audit: SkpAuditRecord;
};

export type SkpTransitionRequest = {
  readonly from: SkpStatus;
  readonly action: SkpAction;
  readonly actor: SkpActor;
  readonly actorId: string;
  /** The instant of the transition, passed in (no clock here). */
  readonly at: string;
  readonly reason: string | null;
  /** R11: true when no SKP existed after the fallback day, so performance managers may act on the employee's behalf. */
  readonly fallbackActive: boolean;
};

/** R11: applies one action, refusing a wrong state, a wrong actor or a missing reason with a typed error. */
export function transitionSkp(request: SkpTransitionRequest): Result<SkpTransition> {
  const invalid =
    checkEnum('from', request.from, SKP_STATUSES, ['R11']) ??
    checkEnum('action', request.action, SKP_ACTIONS, ['R11']) ??
    checkEnum('actor', request.actor, SKP_ACTORS, ['R11']);
  if (invalid !== null) return invalid;
  const spec = SKP_TRANSITIONS.find((t) => t.from === request.from && t.action === request.action);
  if (spec === undefined) {
    return failure(
      'TRANSITION_NOT_ALLOWED',
      {
        id: `Aksi ${request.action} tidak berlaku untuk SKP berstatus ${request.from}.`,
        en: `Action ${request.action} is not allowed on an SKP in ${request.from}.`,
      },
      { rules: ['R11'] },
    );
  }
  const onBehalf = !spec.actors.includes(request.actor);
  if (onBehalf && !(request.fallbackActive && spec.fallbackActors.includes(request.actor))) {
    return failure(
      'ACTOR_NOT_ALLOWED',
      {
        id: `${request.actor} tidak berwenang melakukan ${request.action} pada SKP ${request.from}.`,
        en: `${request.actor} may not ${request.action} an SKP in ${request.from}.`,
      },
      { rules: ['R11'] },
    );
  }
  if (spec.reasonRequired && checkText('reason', request.reason) !== null) {
    return failure(
      'REASON_REQUIRED',
      { id: `Aksi ${request.action} wajib disertai alasan.`, en: `Action ${request.action} needs a reason.` },
      { rules: ['R11'] },
    );
  }
  const audit: SkpAuditRecord = {
    actor: request.actor,
    actorId: request.actorId,
    at: request.at,
    from: request.from,
    to: spec.to,
    action: request.action,
    reason: request.reason,
  };
  return ok(
    { to: spec.to, effects: spec.effects, audit },
    explanation({
      decision: 'skp.transition',
      rules: ['R11'],
      inputs: {
        from: request.from,
        action: request.action,
        actor: request.actor,
        fallbackActive: request.fallbackActive,
      },
      values: { to: spec.to, onBehalf, effects: spec.effects },
      text: {
        id: `SKP berpindah dari ${request.from} ke ${spec.to} oleh ${request.actor}${onBehalf ? ' atas nama pegawai' : ''}.`,
        en: `The SKP moves from ${request.from} to ${spec.to} by ${request.actor}${onBehalf ? " on the employee's behalf" : ''}.`,
      },
    }),
  );
}

/** R11: the actions an actor may take on an SKP in a state. */
export function allowedSkpActions(
  from: SkpStatus,
  actor: SkpActor,
  fallbackActive: boolean,
): Result<readonly SkpAction[]> {
  const invalid = checkEnum('from', from, SKP_STATUSES, ['R11']) ?? checkEnum('actor', actor, SKP_ACTORS, ['R11']);
  if (invalid !== null) return invalid;
  const actions = SKP_TRANSITIONS.filter(
    (t) => t.from === from && (t.actors.includes(actor) || (fallbackActive && t.fallbackActors.includes(actor))),
  ).map((t) => t.action);
  return ok(
    actions,
    explanation({
      decision: 'skp.allowedActions',
      rules: ['R11'],
      inputs: { from, actor, fallbackActive },
      values: { actions },
      text: {
        id: `${actor} dapat melakukan pada SKP ${from}: ${actions.join(', ') || 'tidak ada'}.`,
        en: `${actor} may take on an SKP in ${from}: ${actions.join(', ') || 'nothing'}.`,
      },
    }),
  );
}

/** R11: performance managers may draft and approve for an employee with no SKP after `skp.fallbackDay` of the year. */
export function skpFallbackActive(
  year: number,
  today: LocalDate,
  hasSkp: boolean,
  settings: SkpSettings,
): Result<boolean> {
  const invalid =
    checkNumber('year', year, { integer: true, min: 1900, max: 9998 }, ['R11']) ?? checkDate('today', today, ['R11']);
  if (invalid !== null) return invalid;
  const match = typeof settings.fallbackDay === 'string' ? /^(\d{2})-(\d{2})$/.exec(settings.fallbackDay) : null;
  const fallbackDate = match === null ? null : `${year}-${match[1]}-${match[2]}`;
  const badSetting = checkDate('skp.fallbackDay', fallbackDate, ['R11']);
  if (badSetting !== null) return badSetting;
  const day = fallbackDate as LocalDate;
  const active = !hasSkp && today > day;
  return ok(
    active,
    explanation({
      decision: 'skp.fallbackActive',
      rules: ['R11'],
      inputs: { year, today, hasSkp },
      settings: { fallbackDay: settings.fallbackDay },
      values: { fallbackDate: day, active },
      text: active
        ? {
            id: `Belum ada SKP setelah ${day}; pengelola kinerja dapat menyusun dan menetapkannya.`,
            en: `No SKP exists after ${day}; performance managers may draft and approve it.`,
          }
        : {
            id: `Pengelola kinerja belum dapat menyusun SKP atas nama pegawai (batas ${day}).`,
            en: `Performance managers may not draft the SKP on the employee's behalf (fallback day ${day}).`,
          },
    }),
  );
}

export type SkpLateness = {
  readonly late: boolean;
  readonly deadline: LocalDate;
  readonly basis: 'YEAR_START' | 'POSITION_CHANGE';
};

/** R13: approved after 31 January of its year, or more than 30 days after a position change, is late. */
export function skpLateness(
  year: number,
  approvedOn: LocalDate,
  positionChangeOn: LocalDate | null,
): Result<SkpLateness> {
  const invalid =
    checkNumber('year', year, { integer: true, min: 1900, max: 9998 }, ['R13']) ??
    checkDate('approvedOn', approvedOn, ['R13']) ??
    (positionChangeOn === null ? null : checkDate('positionChangeOn', positionChangeOn, ['R13']));
  if (invalid !== null) return invalid;
  if (positionChangeOn !== null && approvedOn < positionChangeOn) {
    return failure(
      'DATES_OUT_OF_ORDER',
      {
        id: 'SKP tidak dapat disetujui sebelum perubahan jabatan.',
        en: 'The SKP cannot be approved before the position change.',
      },
      { rules: ['R13'] },
    );
  }
  const basis = positionChangeOn === null ? 'YEAR_START' : 'POSITION_CHANGE';
  const deadline = positionChangeOn === null ? localDate(year, 1, 31) : addDays(positionChangeOn, 30);
  const late = approvedOn > deadline;
  return ok(
    { late, deadline, basis },
    explanation({
      decision: 'skp.lateness',
      rules: ['R13'],
      inputs: { year, approvedOn, positionChangeOn },
      values: { deadline, basis, late },
      text: late
        ? {
            id: `SKP terlambat: disetujui ${approvedOn}, batasnya ${deadline}.`,
            en: `The SKP is late: approved ${approvedOn}, due by ${deadline}.`,
          }
        : {
            id: `SKP tepat waktu: disetujui ${approvedOn}, batasnya ${deadline}.`,
            en: `The SKP is on time: approved ${approvedOn}, due by ${deadline}.`,
          },
    }),
  );
}

export type PositionChange = {
  readonly closeOn: LocalDate;
  readonly newSkpFrom: LocalDate;
  readonly newSkpDueBy: LocalDate;
  readonly newSkpRequired: true;
};

/** R6: on a position or unit change the current SKP closes the day before, and a new SKP is required. */
export function positionChange(currentSkpStart: LocalDate, changeOn: LocalDate): Result<PositionChange> {
  const invalid = checkDate('currentSkpStart', currentSkpStart, ['R6']) ?? checkDate('changeOn', changeOn, ['R6']);
  if (invalid !== null) return invalid;
  if (changeOn <= currentSkpStart) {
    return failure(
      'DATES_OUT_OF_ORDER',
      {
        id: 'Tanggal perubahan jabatan harus setelah awal SKP berjalan.',
        en: 'The change date must be after the current SKP starts.',
      },
      { rules: ['R6'] },
    );
  }
  const closeOn = addDays(changeOn, -1);
  const newSkpDueBy = addDays(changeOn, 30);
  return ok(
    { closeOn, newSkpFrom: changeOn, newSkpDueBy, newSkpRequired: true },
    explanation({
      decision: 'skp.positionChange',
      rules: ['R6', 'R13'],
      inputs: { currentSkpStart, changeOn },
      values: { closeOn, newSkpFrom: changeOn, newSkpDueBy },
      text: {
        id: `SKP berjalan ditutup ${closeOn}; SKP baru untuk jabatan baru berlaku mulai ${changeOn} dan harus disetujui paling lambat ${newSkpDueBy}.`,
        en: `The current SKP closes on ${closeOn}; a new SKP for the new position starts ${changeOn} and is due by ${newSkpDueBy}.`,
      },
    }),
  );
}
