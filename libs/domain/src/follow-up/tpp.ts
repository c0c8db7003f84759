import { PREDIKAT_LABELS, PREDIKATS, type Predikat } from '../evaluation/enums.js';
import { explanation } from '../explain/explanation.js';
import { checkArray, checkEnum, checkNumber } from '../explain/guards.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';
import { roundHalfAwayFromZero } from '../numeric/rounding.js';
import type { LatenessTier, TppSettings } from '../settings/tenant-settings.js';

// R37: TPP discipline deductions from the tenant's tier table, and the TPP amount.

/** One working day's attendance. `null` minutes = no record (R37 charges the no-record rate). */
export type AttendanceDay = {
  readonly minutesLate: number | null;
  readonly minutesEarly: number | null;
  readonly missedApel: boolean;
};

export const TPP_MONTHLY_CAP_PERCENT = 100;

function tierPercent(minutes: number, tiers: readonly LatenessTier[]): number {
  const tier = tiers.find((t) => minutes >= t.fromMinutes && (t.toMinutes === null || minutes < t.toMinutes));
  return tier === undefined ? 0 : tier.percent;
}

function dayPercent(day: AttendanceDay, settings: TppSettings): { late: number; early: number; apel: number } {
  return {
    late: day.minutesLate === null ? settings.noRecordPercent : tierPercent(day.minutesLate, settings.lateTiers),
    early:
      day.minutesEarly === null ? settings.noRecordPercent : tierPercent(day.minutesEarly, settings.earlyLeaveTiers),
    apel: day.missedApel ? settings.missedApelPercent : 0,
  };
}

function checkDay(day: AttendanceDay, i: number): Failure | null {
  return (
    (day.minutesLate === null
      ? null
      : checkNumber(`days.${i}.minutesLate`, day.minutesLate, { integer: true, min: 0 }, ['R37'])) ??
    (day.minutesEarly === null
      ? null
      : checkNumber(`days.${i}.minutesEarly`, day.minutesEarly, { integer: true, min: 0 }, ['R37'])) ??
    (typeof day.missedApel === 'boolean'
      ? null
      : failure(
          'INVALID_INPUT',
          { id: `days.${i}.missedApel harus benar/salah.`, en: `days.${i}.missedApel must be a boolean.` },
          { rules: ['R37'] },
        ))
  );
}

export type TppDeduction = {
  readonly perDay: readonly number[];
  readonly uncapped: number;
  readonly percent: number;
  readonly capped: boolean;
};

/** R37: the month's deduction from the discipline component, summed per day and capped at 100 %. */
export function tppDisciplineDeduction(days: readonly AttendanceDay[], settings: TppSettings): Result<TppDeduction> {
  const invalid = checkArray('days', days, {}, ['R37']) ?? days.map(checkDay).find((c) => c !== null) ?? null;
  if (invalid !== null) return invalid;
  const perDay = days.map((day) => {
    const p = dayPercent(day, settings);
    return p.late + p.early + p.apel;
  });
  const uncapped = perDay.reduce((sum, p) => sum + p, 0);
  const percent = Math.min(TPP_MONTHLY_CAP_PERCENT, uncapped);
  const capped = uncapped > TPP_MONTHLY_CAP_PERCENT;
  const display = roundHalfAwayFromZero(percent);
  return ok(
    { perDay, uncapped, percent, capped },
    explanation({
      decision: 'followUp.tppDisciplineDeduction',
      rules: ['R37', 'R34'],
      inputs: { days },
      settings: {
        lateTiers: settings.lateTiers,
        earlyLeaveTiers: settings.earlyLeaveTiers,
        noRecordPercent: settings.noRecordPercent,
        missedApelPercent: settings.missedApelPercent,
      },
      values: { perDay, uncapped, percent, capped },
      text: {
        id: `Potongan komponen disiplin TPP bulan ini ${display}% dari ${days.length} hari${capped ? ' (dibatasi 100%)' : ''}.`,
        en: `This month's TPP discipline deduction is ${display}% over ${days.length} days${capped ? ' (capped at 100%)' : ''}.`,
      },
    }),
  );
}

export type TppAmount = {
  readonly amount: number;
  readonly display: number;
  readonly performancePart: number;
  readonly disciplinePart: number;
};

/** R37: TPP = base × (performance share × factor[predikat] + discipline share × (1 − deduction)). */
export function tppAmount(
  baseAmount: number,
  predikat: Predikat,
  disciplineDeductionPercent: number,
  settings: TppSettings,
): Result<TppAmount> {
  const invalid =
    checkNumber('baseAmount', baseAmount, { min: 0 }, ['R37']) ??
    checkEnum('predikat', predikat, PREDIKATS, ['R37']) ??
    checkNumber('disciplineDeductionPercent', disciplineDeductionPercent, { min: 0, max: 100 }, ['R37']);
  if (invalid !== null) return invalid;
  const { performanceShare, disciplineShare, performanceFactor } = settings;
  if (performanceShare === null || disciplineShare === null || performanceFactor === null) {
    return failure(
      'SETTING_MISSING',
      {
        id: 'Porsi kinerja, porsi disiplin dan faktor kinerja TPP belum ditetapkan instansi.',
        en: 'The tenant has not set the TPP performance share, discipline share and performance factors.',
      },
      { rules: ['R37'] },
    );
  }
  const factor = performanceFactor[predikat];
  const performancePart = baseAmount * performanceShare * factor;
  const disciplinePart = baseAmount * disciplineShare * (1 - disciplineDeductionPercent / 100);
  const amount = performancePart + disciplinePart;
  const display = roundHalfAwayFromZero(amount);
  return ok(
    { amount, display, performancePart, disciplinePart },
    explanation({
      decision: 'followUp.tppAmount',
      rules: ['R37', 'R34'],
      inputs: { baseAmount, predikat, disciplineDeductionPercent },
      settings: { performanceShare, disciplineShare, performanceFactor },
      values: { factor, performancePart, disciplinePart, amount },
      text: {
        id: `TPP = ${baseAmount} × (${performanceShare} × ${factor} [${PREDIKAT_LABELS[predikat].id}] + ${disciplineShare} × (1 − ${disciplineDeductionPercent}%)) = ${display}.`,
        en: `TPP = ${baseAmount} × (${performanceShare} × ${factor} [${PREDIKAT_LABELS[predikat].en}] + ${disciplineShare} × (1 − ${disciplineDeductionPercent}%)) = ${display}.`,
      },
    }),
  );
}
