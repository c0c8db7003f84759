import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkDate, checkEnum, checkInstant, checkNumber, firstFailure } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import type { PeriodSettings } from '../settings/tenant-settings.js';
import { addDays, daysInMonth, localDate, monthOf, yearOf, type LocalDate } from './local-date.js';
import { endOfLocalDay, localDateAt, TIME_ZONES, type Instant, type TimeZone } from './time-zone.js';

// R7: the performance year runs 1 Jan–31 Dec, split by the tenant's cadence, plus one FINAL (annual) period.
export const CADENCES = ['MONTHLY', 'QUARTERLY', 'SEMESTER'] as const;
export type Cadence = (typeof CADENCES)[number];

const MONTHS_PER_PERIOD: Readonly<Record<Cadence, number>> = { MONTHLY: 1, QUARTERLY: 3, SEMESTER: 6 };
const ROMAN = ['I', 'II', 'III', 'IV'];
const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const MONTH = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export type PeriodKind = 'REGULAR' | 'FINAL';

export type Period = {
  /** `2024-Q1`, `2024-M03`, `2024-S2`, `2024-FINAL`. */
  readonly id: string;
  readonly year: number;
  readonly kind: PeriodKind;
  readonly cadence: Cadence;
  /** 1-based position in the year; the FINAL period has 0. */
  readonly index: number;
  readonly start: LocalDate;
  readonly end: LocalDate;
  /** Last tenant-local day on which input is accepted. */
  readonly inputDeadline: LocalDate;
  /** The instant input closes (exclusive), in the tenant's zone. */
  readonly inputClosesAt: Instant;
  /** Share of the year the period covers, used to prorate annual targets (R16). */
  readonly shareOfYear: number;
  readonly label: LocalizedText;
};

function regularLabel(cadence: Cadence, index: number, year: number): LocalizedText {
  if (cadence === 'MONTHLY') return { id: `${BULAN[index - 1]} ${year}`, en: `${MONTH[index - 1]} ${year}` };
  if (cadence === 'QUARTERLY') return { id: `Triwulan ${ROMAN[index - 1]} ${year}`, en: `Quarter ${index} ${year}` };
  return { id: `Semester ${ROMAN[index - 1]} ${year}`, en: `Semester ${index} ${year}` };
}

function periodId(cadence: Cadence, index: number, year: number): string {
  const code =
    cadence === 'MONTHLY' ? `M${String(index).padStart(2, '0')}` : cadence === 'QUARTERLY' ? `Q${index}` : `S${index}`;
  return `${year}-${code}`;
}

function buildPeriods(year: number, settings: PeriodSettings, timeZone: TimeZone): readonly Period[] {
  const months = MONTHS_PER_PERIOD[settings.cadence];
  const make = (
    kind: PeriodKind,
    index: number,
    start: LocalDate,
    end: LocalDate,
    share: number,
    label: LocalizedText,
    id: string,
  ): Period => {
    const inputDeadline = addDays(end, settings.inputDeadlineDays);
    return {
      id,
      year,
      kind,
      cadence: settings.cadence,
      index,
      start,
      end,
      inputDeadline,
      inputClosesAt: endOfLocalDay(inputDeadline, timeZone),
      shareOfYear: share,
      label,
    };
  };
  const regular = Array.from({ length: 12 / months }, (_, i) => {
    const firstMonth = i * months + 1;
    const lastMonth = firstMonth + months - 1;
    return make(
      'REGULAR',
      i + 1,
      localDate(year, firstMonth, 1),
      localDate(year, lastMonth, daysInMonth(year, lastMonth)),
      months / 12,
      regularLabel(settings.cadence, i + 1, year),
      periodId(settings.cadence, i + 1, year),
    );
  });
  const final = make(
    'FINAL',
    0,
    localDate(year, 1, 1),
    localDate(year, 12, 31),
    1,
    { id: `Akhir (Tahunan) ${year}`, en: `Final (annual) ${year}` },
    `${year}-FINAL`,
  );
  return [...regular, final];
}

function checkPeriodInputs(settings: PeriodSettings, timeZone: TimeZone): ReturnType<typeof firstFailure> {
  return firstFailure(
    checkEnum('period.cadence', settings.cadence, CADENCES, ['R7']),
    checkNumber('period.inputDeadlineDays', settings.inputDeadlineDays, { integer: true, min: 0, max: 366 }, ['R7']),
    checkEnum('timeZone', timeZone, TIME_ZONES, ['R7']),
  );
}

/** R7: the periods of a performance year, regular ones in order then the FINAL period. */
export function periodsOfYear(year: number, settings: PeriodSettings, timeZone: TimeZone): Result<readonly Period[]> {
  const invalid =
    checkNumber('year', year, { integer: true, min: 1900, max: 9998 }, ['R7']) ?? checkPeriodInputs(settings, timeZone);
  if (invalid !== null) return invalid;
  const periods = buildPeriods(year, settings, timeZone);
  return ok(
    periods,
    explanation({
      decision: 'calendar.periodsOfYear',
      rules: ['R7'],
      inputs: { year, timeZone },
      settings: { cadence: settings.cadence, inputDeadlineDays: settings.inputDeadlineDays },
      values: { periods: periods.map((period) => period.id) },
      text: {
        id: `Tahun kinerja ${year} terdiri dari ${periods.length - 1} periode ${settings.cadence} dan satu periode akhir; batas input ${settings.inputDeadlineDays} hari setelah akhir periode (${timeZone}).`,
        en: `Performance year ${year} has ${periods.length - 1} ${settings.cadence} periods and one final period; input closes ${settings.inputDeadlineDays} days after each period ends (${timeZone}).`,
      },
    }),
  );
}

/** R7: the regular period holding a tenant-local date. */
export function periodContaining(date: LocalDate, settings: PeriodSettings, timeZone: TimeZone): Result<Period> {
  const invalid = checkDate('date', date, ['R7']) ?? checkPeriodInputs(settings, timeZone);
  if (invalid !== null) return invalid;
  const index = Math.floor((monthOf(date) - 1) / MONTHS_PER_PERIOD[settings.cadence]);
  const period = buildPeriods(yearOf(date), settings, timeZone)[index] as Period;
  return ok(
    period,
    explanation({
      decision: 'calendar.periodContaining',
      rules: ['R7'],
      inputs: { date, timeZone },
      settings: { cadence: settings.cadence, inputDeadlineDays: settings.inputDeadlineDays },
      values: { period: period.id, start: period.start, end: period.end, inputDeadline: period.inputDeadline },
      text: {
        id: `${date} termasuk periode ${period.label.id} (${period.start} sampai ${period.end}), batas input ${period.inputDeadline}.`,
        en: `${date} falls in ${period.label.en} (${period.start} to ${period.end}); input closes after ${period.inputDeadline}.`,
      },
    }),
  );
}

/** R7: the tenant-local calendar date of an instant (e.g. "today" for a request time). */
export function tenantDate(instant: Instant, timeZone: TimeZone): Result<LocalDate> {
  const invalid = checkInstant('instant', instant, ['R7']) ?? checkEnum('timeZone', timeZone, TIME_ZONES, ['R7']);
  if (invalid !== null) return invalid;
  const date = localDateAt(instant, timeZone);
  return ok(
    date,
    explanation({
      decision: 'calendar.tenantDate',
      rules: ['R7'],
      inputs: { instant, timeZone },
      values: { date },
      text: {
        id: `${instant} jatuh pada tanggal ${date} di zona ${timeZone}.`,
        en: `${instant} falls on ${date} in ${timeZone}.`,
      },
    }),
  );
}
