import { addDays, type LocalDate } from '../calendar/local-date.js';
import {
  endOfLocalDay,
  instantMs,
  localDateAt,
  TIME_ZONES,
  type Instant,
  type TimeZone,
} from '../calendar/time-zone.js';
import { explanation } from '../explain/explanation.js';
import { checkEnum, checkInstant, checkText } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import { PREDIKAT_LABELS, RATINGS, type Predikat, type Rating } from './enums.js';
import { PREDIKAT_MATRIX } from './predikat.js';

/** R29: the employee may object within 14 calendar days after delivery (PP 30/2019 Art. 59). */
export const OBJECTION_WINDOW_DAYS = 14;

export type ObjectionWindow = { readonly open: boolean; readonly lastDay: LocalDate; readonly closesAt: Instant };

/** R29: whether an objection made at `at` is inside the window opened by delivery at `deliveredAt`. */
export function objectionWindow(deliveredAt: Instant, at: Instant, timeZone: TimeZone): Result<ObjectionWindow> {
  const invalid =
    checkInstant('deliveredAt', deliveredAt, ['R29']) ??
    checkInstant('at', at, ['R29']) ??
    checkEnum('timeZone', timeZone, TIME_ZONES, ['R29']);
  if (invalid !== null) return invalid;
  if (instantMs(at) < instantMs(deliveredAt)) {
    return failure(
      'DATES_OUT_OF_ORDER',
      {
        id: 'Waktu keberatan tidak boleh sebelum hasil diterima.',
        en: 'The objection time must not be before delivery.',
      },
      { rules: ['R29'] },
    );
  }
  const lastDay = addDays(localDateAt(deliveredAt, timeZone), OBJECTION_WINDOW_DAYS);
  const closesAt = endOfLocalDay(lastDay, timeZone);
  const open = instantMs(at) < instantMs(closesAt);
  return ok(
    { open, lastDay, closesAt },
    explanation({
      decision: 'evaluation.objectionWindow',
      rules: ['R29'],
      inputs: { deliveredAt, at, timeZone },
      values: { lastDay, closesAt, open, windowDays: OBJECTION_WINDOW_DAYS },
      text: open
        ? {
            id: `Keberatan masih dapat diajukan sampai akhir ${lastDay}.`,
            en: `An objection can still be filed until the end of ${lastDay}.`,
          }
        : {
            id: `Batas keberatan telah lewat (hari terakhir ${lastDay}).`,
            en: `The objection window has closed (last day ${lastDay}).`,
          },
    }),
  );
}

export type ObjectionDecision =
  { readonly outcome: 'UPHOLD' } | { readonly outcome: 'CHANGE'; readonly hasil: Rating; readonly perilaku: Rating };

export type ObjectionResolution = {
  readonly outcome: 'UPHOLD' | 'CHANGE';
  readonly hasil: Rating;
  readonly perilaku: Rating;
  readonly predikat: Predikat;
  /** R29: the resolution is final and the result immutable afterwards. */
  readonly final: true;
};

export type ObjectionToResolve = {
  readonly resolved: boolean;
  readonly hasil: Rating;
  readonly perilaku: Rating;
  /** Who the rater's superior is on the evaluation (R5). */
  readonly raterSuperiorId: string;
};

/** R29: only the rater's superior resolves an open objection, with reasons; the outcome is final. */
export function resolveObjection(
  objection: ObjectionToResolve,
  actorId: string,
  decision: ObjectionDecision,
  reason: string,
): Result<ObjectionResolution> {
  if (objection.resolved) {
    return failure(
      'OBJECTION_CLOSED',
      { id: 'Keberatan sudah diputus; hasilnya final.', en: 'The objection is already resolved; the result is final.' },
      { rules: ['R29'] },
    );
  }
  if (actorId !== objection.raterSuperiorId) {
    return failure(
      'ACTOR_NOT_ALLOWED',
      {
        id: 'Hanya atasan pejabat penilai yang dapat memutus keberatan.',
        en: "Only the rater's superior may resolve an objection.",
      },
      { rules: ['R29'] },
    );
  }
  if (checkText('reason', reason) !== null) {
    return failure(
      'REASON_REQUIRED',
      { id: 'Putusan keberatan wajib disertai alasan.', en: 'An objection decision needs reasons.' },
      { rules: ['R29'] },
    );
  }
  const invalid =
    checkEnum('decision.outcome', decision.outcome, ['UPHOLD', 'CHANGE'], ['R29']) ??
    (decision.outcome === 'CHANGE'
      ? (checkEnum('decision.hasil', decision.hasil, RATINGS, ['R29']) ??
        checkEnum('decision.perilaku', decision.perilaku, RATINGS, ['R29']))
      : null);
  if (invalid !== null) return invalid;
  const hasil = decision.outcome === 'CHANGE' ? decision.hasil : objection.hasil;
  const perilaku = decision.outcome === 'CHANGE' ? decision.perilaku : objection.perilaku;
  const predikat = PREDIKAT_MATRIX[hasil][perilaku];
  return ok(
    { outcome: decision.outcome, hasil, perilaku, predikat, final: true },
    explanation({
      decision: 'evaluation.resolveObjection',
      rules: ['R29', 'R23'],
      inputs: {
        before: { hasil: objection.hasil, perilaku: objection.perilaku },
        outcome: decision.outcome,
        actorId,
        reason,
      },
      values: { hasil, perilaku, predikat, final: true },
      text:
        decision.outcome === 'UPHOLD'
          ? {
              id: `Atasan pejabat penilai menguatkan hasil: predikat ${PREDIKAT_LABELS[predikat].id} (final).`,
              en: `The rater's superior upheld the result: predikat ${PREDIKAT_LABELS[predikat].en} (final).`,
            }
          : {
              id: `Atasan pejabat penilai mengubah penilaian: predikat menjadi ${PREDIKAT_LABELS[predikat].id} (final).`,
              en: `The rater's superior changed the ratings: the predikat is now ${PREDIKAT_LABELS[predikat].en} (final).`,
            },
    }),
  );
}
