import { addDays, isLocalDate, localDate, monthOf, yearOf, type LocalDate } from '../calendar/local-date.js';
import { checkHolidays, isWorkingDayIn, type HolidayCalendar } from '../calendar/working-days.js';
import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkArray, checkDate, checkNumber } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import type { DisciplineSettings } from '../settings/tenant-settings.js';

// R36: PP 94/2021 escalation by cumulative unexcused absence days in a calendar year. The platform recommends only.
export const ABSENCE_SANCTIONS = [
  'NONE',
  'TEGURAN_LISAN',
  'TEGURAN_TERTULIS',
  'PERNYATAAN_TIDAK_PUAS',
  'POTONG_TUKIN_25_6_BULAN',
  'POTONG_TUKIN_25_9_BULAN',
  'POTONG_TUKIN_25_12_BULAN',
  'PENURUNAN_JABATAN_12_BULAN',
  'PEMBEBASAN_JABATAN_12_BULAN',
  'PTDH',
] as const;
export type AbsenceSanction = (typeof ABSENCE_SANCTIONS)[number];

export const ABSENCE_SANCTION_LABELS: Readonly<Record<AbsenceSanction, LocalizedText>> = {
  NONE: { id: 'Tidak ada', en: 'None' },
  TEGURAN_LISAN: { id: 'Teguran lisan', en: 'Verbal reprimand' },
  TEGURAN_TERTULIS: { id: 'Teguran tertulis', en: 'Written reprimand' },
  PERNYATAAN_TIDAK_PUAS: { id: 'Pernyataan tidak puas secara tertulis', en: 'Written statement of dissatisfaction' },
  POTONG_TUKIN_25_6_BULAN: {
    id: 'Pemotongan tunjangan kinerja 25% selama 6 bulan',
    en: 'Performance allowance cut by 25% for 6 months',
  },
  POTONG_TUKIN_25_9_BULAN: {
    id: 'Pemotongan tunjangan kinerja 25% selama 9 bulan',
    en: 'Performance allowance cut by 25% for 9 months',
  },
  POTONG_TUKIN_25_12_BULAN: {
    id: 'Pemotongan tunjangan kinerja 25% selama 12 bulan',
    en: 'Performance allowance cut by 25% for 12 months',
  },
  PENURUNAN_JABATAN_12_BULAN: {
    id: 'Penurunan jabatan setingkat lebih rendah selama 12 bulan',
    en: 'Demotion one level for 12 months',
  },
  PEMBEBASAN_JABATAN_12_BULAN: {
    id: 'Pembebasan dari jabatan menjadi pelaksana selama 12 bulan',
    en: 'Release from position to pelaksana for 12 months',
  },
  PTDH: {
    id: 'Pemberhentian dengan hormat tidak atas permintaan sendiri',
    en: 'Honourable dismissal not at own request',
  },
};

// Lower bounds of each band of cumulative days (R36).
const BANDS: readonly (readonly [number, AbsenceSanction])[] = [
  [28, 'PTDH'],
  [25, 'PEMBEBASAN_JABATAN_12_BULAN'],
  [21, 'PENURUNAN_JABATAN_12_BULAN'],
  [17, 'POTONG_TUKIN_25_12_BULAN'],
  [14, 'POTONG_TUKIN_25_9_BULAN'],
  [11, 'POTONG_TUKIN_25_6_BULAN'],
  [7, 'PERNYATAAN_TIDAK_PUAS'],
  [4, 'TEGURAN_TERTULIS'],
  [3, 'TEGURAN_LISAN'],
];

export const CONSECUTIVE_DAYS_FOR_DISMISSAL = 10;

export type AbsenceRecommendation = {
  readonly sanction: AbsenceSanction;
  readonly cumulativeDays: number;
  readonly longestRun: number;
  readonly byConsecutiveRule: boolean;
  /** R36: with 10 consecutive days, salary stops from the first day of the next month. */
  readonly salaryStoppedFrom: LocalDate | null;
};

/** R36: the sanction band; 10 consecutive unexcused working days lead to PTDH whatever the count. */
function sanctionFor(cumulativeDays: number, longestRun: number): AbsenceSanction {
  if (longestRun >= CONSECUTIVE_DAYS_FOR_DISMISSAL) return 'PTDH';
  const band = BANDS.find(([min]) => cumulativeDays >= min);
  return band === undefined ? 'NONE' : band[1];
}

function nextWorkingDay(date: LocalDate, holidays: ReadonlySet<LocalDate>): LocalDate {
  let day = addDays(date, 1);
  while (!isWorkingDayIn(day, holidays)) day = addDays(day, 1);
  return day;
}

function firstOfNextMonth(date: LocalDate): LocalDate {
  return monthOf(date) === 12 ? localDate(yearOf(date) + 1, 1, 1) : localDate(yearOf(date), monthOf(date) + 1, 1);
}

function recommendationText(r: AbsenceRecommendation): LocalizedText {
  const label = ABSENCE_SANCTION_LABELS[r.sanction];
  return r.byConsecutiveRule
    ? {
        id: `Rekomendasi: ${label.id} karena ${CONSECUTIVE_DAYS_FOR_DISMISSAL} hari kerja berturut-turut tanpa keterangan${r.salaryStoppedFrom === null ? '' : `; gaji dihentikan mulai ${r.salaryStoppedFrom}`}; keputusan ada pada pejabat berwenang.`,
        en: `Recommendation: ${label.en} for ${CONSECUTIVE_DAYS_FOR_DISMISSAL} consecutive unexcused working days${r.salaryStoppedFrom === null ? '' : `; salary stops from ${r.salaryStoppedFrom}`}; the authorised official decides.`,
      }
    : {
        id: `Rekomendasi untuk ${r.cumulativeDays} hari tidak masuk tanpa keterangan: ${label.id}; keputusan ada pada pejabat berwenang.`,
        en: `Recommendation for ${r.cumulativeDays} unexcused absence days: ${label.en}; the authorised official decides.`,
      };
}

/**
 * R36: escalation from one calendar year's unexcused absence dates. Only working days count; a run of
 * consecutive working days is not broken by weekends or holidays in between.
 */
export function absenceEscalation(
  absenceDates: readonly LocalDate[],
  holidays: HolidayCalendar,
): Result<AbsenceRecommendation> {
  const invalid = checkArray('absenceDates', absenceDates, {}, ['R36']) ?? checkHolidays(holidays);
  if (invalid !== null) return invalid;
  if (!absenceDates.every(isLocalDate)) {
    return failure(
      'INVALID_DATE',
      { id: 'Daftar ketidakhadiran memuat tanggal yang tidak sah.', en: 'The absence list holds an invalid date.' },
      { rules: ['R36'] },
    );
  }
  const set = new Set(holidays);
  const days = [...new Set(absenceDates)].filter((d) => isWorkingDayIn(d, set)).sort();
  if (new Set(days.map(yearOf)).size > 1) {
    return failure(
      'OUT_OF_RANGE',
      { id: 'Ketidakhadiran dihitung per tahun kalender.', en: 'Absence is counted per calendar year.' },
      { rules: ['R36'] },
    );
  }
  let longestRun = 0;
  let run = 0;
  let runReachedOn: LocalDate | null = null;
  for (const [i, day] of days.entries()) {
    const previous = days[i - 1];
    run = previous !== undefined && nextWorkingDay(previous, set) === day ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
    if (run === CONSECUTIVE_DAYS_FOR_DISMISSAL && runReachedOn === null) runReachedOn = day;
  }
  const recommendation: AbsenceRecommendation = {
    sanction: sanctionFor(days.length, longestRun),
    cumulativeDays: days.length,
    longestRun,
    byConsecutiveRule: runReachedOn !== null,
    salaryStoppedFrom: runReachedOn === null ? null : firstOfNextMonth(runReachedOn),
  };
  return ok(
    recommendation,
    explanation({
      decision: 'followUp.absenceEscalation',
      rules: ['R36'],
      inputs: { absenceDates, holidays },
      values: { ...recommendation },
      text: recommendationText(recommendation),
    }),
  );
}

/** R36 from counts kept elsewhere (an attendance system): cumulative days and the longest run of working days. */
export function absenceSanctionFor(cumulativeDays: number, longestRun: number): Result<AbsenceRecommendation> {
  const invalid =
    checkNumber('cumulativeDays', cumulativeDays, { integer: true, min: 0, max: 366 }, ['R36']) ??
    checkNumber('longestRun', longestRun, { integer: true, min: 0, max: 366 }, ['R36']);
  if (invalid !== null) return invalid;
  if (longestRun > cumulativeDays) {
    return failure(
      'OUT_OF_RANGE',
      {
        id: 'Hari berturut-turut tidak boleh melebihi jumlah hari.',
        en: 'The longest run cannot exceed the cumulative days.',
      },
      { rules: ['R36'] },
    );
  }
  const recommendation: AbsenceRecommendation = {
    sanction: sanctionFor(cumulativeDays, longestRun),
    cumulativeDays,
    longestRun,
    byConsecutiveRule: longestRun >= CONSECUTIVE_DAYS_FOR_DISMISSAL,
    salaryStoppedFrom: null,
  };
  return ok(
    recommendation,
    explanation({
      decision: 'followUp.absenceSanctionFor',
      rules: ['R36'],
      inputs: { cumulativeDays, longestRun },
      values: { ...recommendation },
      text: recommendationText(recommendation),
    }),
  );
}

/** R36: a recommendation the direct supervisor has not acted on within `discipline.supervisorSlaDays` raises a flag. */
export function supervisorAccountabilityFlag(
  recommendedOn: LocalDate,
  actedOn: LocalDate | null,
  today: LocalDate,
  settings: DisciplineSettings,
): Result<boolean> {
  const invalid =
    checkDate('recommendedOn', recommendedOn, ['R36']) ??
    checkDate('today', today, ['R36']) ??
    (actedOn === null ? null : checkDate('actedOn', actedOn, ['R36'])) ??
    checkNumber('discipline.supervisorSlaDays', settings.supervisorSlaDays, { integer: true, min: 0, max: 366 }, [
      'R36',
    ]);
  if (invalid !== null) return invalid;
  if (today < recommendedOn || (actedOn !== null && actedOn < recommendedOn)) {
    return failure(
      'DATES_OUT_OF_ORDER',
      {
        id: 'Tanggal tidak boleh sebelum tanggal rekomendasi.',
        en: 'Dates must not be before the recommendation date.',
      },
      { rules: ['R36'] },
    );
  }
  const dueBy = addDays(recommendedOn, settings.supervisorSlaDays);
  const flagged = actedOn === null ? today > dueBy : actedOn > dueBy;
  return ok(
    flagged,
    explanation({
      decision: 'followUp.supervisorAccountability',
      rules: ['R36'],
      inputs: { recommendedOn, actedOn, today },
      settings: { supervisorSlaDays: settings.supervisorSlaDays },
      values: { dueBy, flagged },
      text: flagged
        ? {
            id: `Atasan langsung belum menindaklanjuti rekomendasi sampai ${dueBy}; ditandai untuk akuntabilitas atasan.`,
            en: `The direct supervisor did not act by ${dueBy}; flagged for supervisor accountability.`,
          }
        : {
            id: `Tindak lanjut atasan langsung masih dalam batas (${dueBy}).`,
            en: `The direct supervisor's follow-up is within the limit (${dueBy}).`,
          },
    }),
  );
}
