import { fullMonthsBetween, type LocalDate } from '../calendar/local-date.js';
import { PREDIKAT_LABELS, PREDIKATS, type Predikat } from '../evaluation/enums.js';
import { explanation } from '../explain/explanation.js';
import { checkDate, checkEnum, checkNumber, checkOrder } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import { JENJANG, JENJANG_LABELS, type Jenjang } from '../identifiers/master-data.js';
import { roundHalfAwayFromZero } from '../numeric/rounding.js';

// R35: angka kredit (PermenPANRB 1/2023): annual coefficient per jenjang × percentage per predikat.
export const AK_COEFFICIENT: Readonly<Record<Jenjang, number>> = {
  PEMULA: 3.75,
  TERAMPIL: 5,
  MAHIR: 12.5,
  PENYELIA: 25,
  AHLI_PERTAMA: 12.5,
  AHLI_MUDA: 25,
  AHLI_MADYA: 37.5,
  AHLI_UTAMA: 50,
};

export const AK_PERCENTAGE: Readonly<Record<Predikat, number>> = {
  SANGAT_BAIK: 1.5,
  BAIK: 1,
  BUTUH_PERBAIKAN: 0.75,
  KURANG: 0.5,
  SANGAT_KURANG: 0.25,
};

export type AngkaKredit = {
  readonly value: number;
  readonly display: number;
  readonly coefficient: number;
  readonly percentage: number;
  readonly months: number;
};

/** R35: credit points for a predikat, prorated by full months in the position (12 for a whole year), rounded per R34. */
export function angkaKredit(jenjang: Jenjang, predikat: Predikat, monthsInPosition = 12): Result<AngkaKredit> {
  const invalid =
    checkEnum('jenjang', jenjang, JENJANG, ['R35']) ??
    checkEnum('predikat', predikat, PREDIKATS, ['R35']) ??
    checkNumber('monthsInPosition', monthsInPosition, { integer: true, min: 0, max: 12 }, ['R35']);
  if (invalid !== null) return invalid;
  const coefficient = AK_COEFFICIENT[jenjang];
  const percentage = AK_PERCENTAGE[predikat];
  const value = (coefficient * percentage * monthsInPosition) / 12;
  const display = roundHalfAwayFromZero(value);
  return ok(
    { value, display, coefficient, percentage, months: monthsInPosition },
    explanation({
      decision: 'followUp.angkaKredit',
      rules: ['R35', 'R34'],
      inputs: { jenjang, predikat, monthsInPosition },
      values: { coefficient, percentage, value, display },
      text: {
        id: `Angka kredit ${JENJANG_LABELS[jenjang].id} dengan predikat ${PREDIKAT_LABELS[predikat].id}: ${coefficient} × ${percentage * 100}% × ${monthsInPosition}/12 = ${display}.`,
        en: `Credit points for ${JENJANG_LABELS[jenjang].en} with predikat ${PREDIKAT_LABELS[predikat].en}: ${coefficient} × ${percentage * 100}% × ${monthsInPosition}/12 = ${display}.`,
      },
    }),
  );
}

/** R35: full months in the position between two tenant-local dates (inclusive), capped at 12. */
export function monthsInPosition(from: LocalDate, to: LocalDate): Result<number> {
  const invalid =
    checkDate('from', from, ['R35']) ?? checkDate('to', to, ['R35']) ?? checkOrder('from', from, 'to', to, ['R35']);
  if (invalid !== null) return invalid;
  const months = Math.min(12, fullMonthsBetween(from, to));
  return ok(
    months,
    explanation({
      decision: 'followUp.monthsInPosition',
      rules: ['R35'],
      inputs: { from, to },
      values: { months },
      text: {
        id: `Masa dalam jabatan ${from} sampai ${to}: ${months} bulan penuh.`,
        en: `Time in position ${from} to ${to}: ${months} full months.`,
      },
    }),
  );
}
