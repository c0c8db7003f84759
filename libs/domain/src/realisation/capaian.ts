import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { explanation } from '../explain/explanation.js';
import {
  checkArray,
  checkDate,
  checkEnum,
  checkNumber,
  checkOrder,
  checkPositive,
  checkText,
} from '../explain/guards.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';
import type { RealisasiSettings } from '../settings/tenant-settings.js';
import { roundHalfAwayFromZero } from '../numeric/rounding.js';

// R8: an IKI target is a number with a unit, a range, or text (KUALITATIF); direction defaults to HIGHER_IS_BETTER.
export const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export type NumericTarget = { readonly kind: 'NUMERIC'; readonly value: number; readonly unit: string };
export type RangeTarget = { readonly kind: 'RANGE'; readonly min: number; readonly max: number; readonly unit: string };
export type TextTarget = { readonly kind: 'TEXT'; readonly text: string };
export type Target = NumericTarget | RangeTarget | TextTarget;

export type DailyLogState = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';

/** The part of a daily-log entry (R14) that counts towards realisation. */
export type OutputEntry = {
  readonly ikiId: string;
  readonly date: LocalDate;
  readonly state: DailyLogState;
  readonly quantity: number;
};
/** R16: a manual adjustment needs a source note and evidence. */
export type RealisationAdjustment = {
  readonly ikiId: string;
  readonly quantity: number;
  readonly sourceNote: string;
  readonly evidenceIds: readonly string[];
};

export type Realisation = {
  readonly fromEntries: number;
  readonly fromAdjustments: number;
  readonly total: number;
  readonly entriesCounted: number;
};

/** R16: realisation of a numeric IKI in a period = APPROVED linked entries in the period + manual adjustments. */
export function realisationOf(
  ikiId: string,
  period: { readonly start: LocalDate; readonly end: LocalDate },
  entries: readonly OutputEntry[],
  adjustments: readonly RealisationAdjustment[],
): Result<Realisation> {
  const invalid =
    checkDate('period.start', period.start, ['R16']) ??
    checkDate('period.end', period.end, ['R16']) ??
    checkOrder('period.start', period.start, 'period.end', period.end, ['R16']) ??
    checkArray('entries', entries, {}, ['R16']) ??
    checkArray('adjustments', adjustments, {}, ['R16']) ??
    entries
      .map((e, i) =>
        isLocalDate(e.date)
          ? checkNumber(`entries.${i}.quantity`, e.quantity, { min: 0 }, ['R16'])
          : checkDate(`entries.${i}.date`, e.date, ['R16']),
      )
      .find((c) => c !== null) ??
    adjustments.map((a, i) => checkAdjustment(a, i)).find((c) => c !== null) ??
    null;
  if (invalid !== null) return invalid;
  const counted = entries.filter(
    (e) => e.ikiId === ikiId && e.state === 'APPROVED' && e.date >= period.start && e.date <= period.end,
  );
  const fromEntries = counted.reduce((sum, e) => sum + e.quantity, 0);
  const fromAdjustments = adjustments.filter((a) => a.ikiId === ikiId).reduce((sum, a) => sum + a.quantity, 0);
  const total = fromEntries + fromAdjustments;
  if (total < 0) {
    return failure(
      'NEGATIVE_VALUE',
      { id: 'Penyesuaian membuat realisasi negatif.', en: 'Adjustments make the realisation negative.' },
      { rules: ['R16'] },
    );
  }
  return ok(
    { fromEntries, fromAdjustments, total, entriesCounted: counted.length },
    explanation({
      decision: 'realisation.realisationOf',
      rules: ['R16'],
      inputs: {
        ikiId,
        period: { start: period.start, end: period.end },
        entries: entries.length,
        adjustments: adjustments.length,
      },
      values: { fromEntries, fromAdjustments, total, entriesCounted: counted.length },
      text: {
        id: `Realisasi ${ikiId} ${period.start} sampai ${period.end} = ${total} (${counted.length} progres disetujui: ${fromEntries}; penyesuaian: ${fromAdjustments}).`,
        en: `Realisation of ${ikiId} from ${period.start} to ${period.end} = ${total} (${counted.length} approved entries: ${fromEntries}; adjustments: ${fromAdjustments}).`,
      },
    }),
  );
}

function checkAdjustment(adjustment: RealisationAdjustment, i: number): Failure | null {
  return (
    checkNumber(`adjustments.${i}.quantity`, adjustment.quantity, {}, ['R16']) ??
    checkText(`adjustments.${i}.sourceNote`, adjustment.sourceNote, ['R16']) ??
    checkArray(`adjustments.${i}.evidenceIds`, adjustment.evidenceIds, { nonEmpty: true }, ['R16'])
  );
}

export type CapaianInput = {
  readonly target: NumericTarget | RangeTarget;
  readonly realisation: number;
  readonly direction: Direction;
  /** Share of the year the period covers (Period.shareOfYear); used only when prorating is on. */
  readonly periodShare: number;
};

export type Capaian = {
  /** Ratio: 1.00 = 100 %. Compare this, not the display value (R34). */
  readonly capaian: number;
  readonly percentDisplay: number;
  /** The target value the realisation was divided by, after prorating; null inside a range. */
  readonly reference: number | null;
  readonly position: 'BELOW' | 'INSIDE' | 'ABOVE' | 'POINT';
};

function checkCapaianInput(input: CapaianInput, settings: RealisasiSettings): Failure | null {
  const target = input.target;
  return (
    checkEnum('target.kind', target.kind, ['NUMERIC', 'RANGE'], ['R16']) ??
    (target.kind === 'NUMERIC'
      ? checkPositive('target.value', target.value, ['R16'])
      : (checkNumber('target.min', target.min, { min: 0 }, ['R16']) ??
        checkPositive('target.max', target.max, ['R16']) ??
        (target.min > target.max
          ? failure(
              'OUT_OF_RANGE',
              { id: 'Batas bawah target melebihi batas atas.', en: 'The range minimum exceeds its maximum.' },
              { rules: ['R16'] },
            )
          : null))) ??
    checkNumber('realisation', input.realisation, { min: 0 }, ['R16']) ??
    checkEnum('direction', input.direction, DIRECTIONS, ['R16']) ??
    (typeof settings.prorate === 'boolean'
      ? null
      : failure(
          'INVALID_INPUT',
          { id: 'realisasi.prorate harus benar/salah.', en: 'realisasi.prorate must be a boolean.' },
          { rules: ['R16'] },
        )) ??
    (settings.prorate
      ? checkNumber('periodShare', input.periodShare, { min: Number.MIN_VALUE, max: 1 }, ['R16'])
      : null)
  );
}

/**
 * R16: capaian = realisation / target, or 2 − realisation / target for LOWER_IS_BETTER; a range target uses
 * its upper bound above the range, its lower bound below it, and 100 % inside it.
 */
export function capaian(input: CapaianInput, settings: RealisasiSettings): Result<Capaian> {
  const invalid = checkCapaianInput(input, settings);
  if (invalid !== null) return invalid;
  const factor = settings.prorate ? input.periodShare : 1;
  const r = input.realisation;
  const ratio = (reference: number): number =>
    input.direction === 'LOWER_IS_BETTER' ? 2 - r / reference : r / reference;
  let value: number;
  let reference: number | null;
  let position: Capaian['position'];
  if (input.target.kind === 'NUMERIC') {
    reference = input.target.value * factor;
    value = ratio(reference);
    position = 'POINT';
  } else {
    const min = input.target.min * factor;
    const max = input.target.max * factor;
    position = r > max ? 'ABOVE' : r < min ? 'BELOW' : 'INSIDE';
    reference = position === 'ABOVE' ? max : position === 'BELOW' ? min : null;
    value = reference === null ? 1 : ratio(reference);
  }
  const percentDisplay = roundHalfAwayFromZero(value * 100);
  return ok(
    { capaian: value, percentDisplay, reference, position },
    explanation({
      decision: 'realisation.capaian',
      rules: ['R16', 'R34'],
      inputs: { target: input.target, realisation: r, direction: input.direction, periodShare: input.periodShare },
      settings: { prorate: settings.prorate },
      values: { factor, reference, position, capaian: value },
      text: {
        id: `Capaian ${percentDisplay}% (realisasi ${r}${reference === null ? ' di dalam rentang target' : ` terhadap target ${roundHalfAwayFromZero(reference)}`}${input.direction === 'LOWER_IS_BETTER' ? ', makin rendah makin baik' : ''}${settings.prorate ? `, target diprorata ${factor}` : ''}).`,
        en: `Capaian ${percentDisplay}% (realisation ${r}${reference === null ? ' inside the target range' : ` against target ${roundHalfAwayFromZero(reference)}`}${input.direction === 'LOWER_IS_BETTER' ? ', lower is better' : ''}${settings.prorate ? `, target prorated by ${factor}` : ''}).`,
      },
    }),
  );
}
