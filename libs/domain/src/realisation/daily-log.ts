import { addDays, isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { periodContaining } from '../calendar/periods.js';
import {
  endOfLocalDay,
  instantMs,
  localDateAt,
  TIME_ZONES,
  type Instant,
  type TimeZone,
} from '../calendar/time-zone.js';
import { checkHolidays, isWorkingDayIn, nthWorkingDayAfter, type HolidayCalendar } from '../calendar/working-days.js';
import { explanation } from '../explain/explanation.js';
import { checkArray, checkDate, checkEnum, checkInstant, checkNumber } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import type { DailyLogSettings, PeriodSettings } from '../settings/tenant-settings.js';

export type DailyLogLateness = { readonly late: boolean; readonly dueDate: LocalDate; readonly dueBy: Instant };

/** R14: an entry submitted after the end of the `graceWorkingDays`-th working day after its date is late. */
export function dailyLogLateness(
  entryDate: LocalDate,
  submittedAt: Instant,
  timeZone: TimeZone,
  holidays: HolidayCalendar,
  settings: DailyLogSettings,
): Result<DailyLogLateness> {
  const invalid =
    checkDate('entryDate', entryDate, ['R14']) ??
    checkInstant('submittedAt', submittedAt, ['R14']) ??
    checkEnum('timeZone', timeZone, TIME_ZONES, ['R14']) ??
    checkHolidays(holidays) ??
    checkNumber('dailyLog.graceWorkingDays', settings.graceWorkingDays, { integer: true, min: 0, max: 60 }, ['R14']);
  if (invalid !== null) return invalid;
  if (localDateAt(submittedAt, timeZone) < entryDate) {
    return failure(
      'DATES_OUT_OF_ORDER',
      { id: 'Progres tidak dapat dikirim sebelum tanggalnya.', en: 'An entry cannot be submitted before its date.' },
      { rules: ['R14'] },
    );
  }
  const dueDate = nthWorkingDayAfter(entryDate, settings.graceWorkingDays, new Set(holidays));
  const dueBy = endOfLocalDay(dueDate, timeZone);
  const late = instantMs(submittedAt) >= instantMs(dueBy);
  return ok(
    { late, dueDate, dueBy },
    explanation({
      decision: 'realisation.dailyLogLateness',
      rules: ['R14'],
      inputs: { entryDate, submittedAt, timeZone, holidays },
      settings: { graceWorkingDays: settings.graceWorkingDays },
      values: { dueDate, dueBy, late },
      text: late
        ? {
            id: `Progres ${entryDate} terlambat: batas pengiriman akhir hari kerja ${dueDate}.`,
            en: `The entry for ${entryDate} is late: it was due by the end of working day ${dueDate}.`,
          }
        : {
            id: `Progres ${entryDate} tepat waktu (batas akhir hari kerja ${dueDate}).`,
            en: `The entry for ${entryDate} is on time (due by the end of working day ${dueDate}).`,
          },
    }),
  );
}

export const DAILY_LOG_REFUSALS = ['OUTSIDE_ACTIVE_SKP', 'FUTURE_DATE', 'INPUT_DEADLINE_PASSED'] as const;
export type DailyLogRefusal = (typeof DAILY_LOG_REFUSALS)[number];

export type DailyLogAcceptance = {
  readonly accepted: boolean;
  readonly refusals: readonly DailyLogRefusal[];
  readonly periodId: string;
  readonly inputClosesAt: Instant;
};

/** R14: refuses entries for dates outside an active SKP, in the future, or in a period whose input deadline has passed. */
export function checkDailyLogDate(
  entryDate: LocalDate,
  now: Instant,
  activeSkps: readonly { readonly start: LocalDate; readonly end: LocalDate }[],
  periodSettings: PeriodSettings,
  timeZone: TimeZone,
): Result<DailyLogAcceptance> {
  const invalid =
    checkDate('entryDate', entryDate, ['R14']) ??
    checkInstant('now', now, ['R14']) ??
    checkArray('activeSkps', activeSkps, {}, ['R14']) ??
    activeSkps
      .map((s, i) => (isLocalDate(s.start) && isLocalDate(s.end) ? null : checkDate(`activeSkps.${i}`, null, ['R14'])))
      .find((c) => c !== null) ??
    null;
  if (invalid !== null) return invalid;
  const period = periodContaining(entryDate, periodSettings, timeZone);
  if (!period.ok) return period;
  const refusals: DailyLogRefusal[] = [];
  if (!activeSkps.some((s) => s.start <= entryDate && entryDate <= s.end)) refusals.push('OUTSIDE_ACTIVE_SKP');
  if (entryDate > localDateAt(now, timeZone)) refusals.push('FUTURE_DATE');
  if (instantMs(now) >= instantMs(period.value.inputClosesAt)) refusals.push('INPUT_DEADLINE_PASSED');
  const accepted = refusals.length === 0;
  return ok(
    { accepted, refusals, periodId: period.value.id, inputClosesAt: period.value.inputClosesAt },
    explanation({
      decision: 'realisation.checkDailyLogDate',
      rules: ['R14', 'R7'],
      inputs: { entryDate, now, activeSkps, timeZone },
      settings: { cadence: periodSettings.cadence, inputDeadlineDays: periodSettings.inputDeadlineDays },
      values: { periodId: period.value.id, inputClosesAt: period.value.inputClosesAt, refusals },
      text: accepted
        ? {
            id: `Progres tanggal ${entryDate} dapat dicatat (periode ${period.value.label.id}).`,
            en: `An entry for ${entryDate} can be recorded (${period.value.label.en}).`,
          }
        : {
            id: `Progres tanggal ${entryDate} ditolak: ${refusals.join(', ')}.`,
            en: `An entry for ${entryDate} is refused: ${refusals.join(', ')}.`,
          },
    }),
  );
}

export type VerificationStatus = {
  readonly overdue: boolean;
  readonly dueDate: LocalDate;
  readonly dueBy: Instant;
  readonly pendingWorkingDays: number;
};

/** R15: a submitted entry pending longer than `verificationSlaWorkingDays` working days is overdue for the rater. */
export function verificationOverdue(
  submittedAt: Instant,
  now: Instant,
  timeZone: TimeZone,
  holidays: HolidayCalendar,
  settings: DailyLogSettings,
): Result<VerificationStatus> {
  const invalid =
    checkInstant('submittedAt', submittedAt, ['R15']) ??
    checkInstant('now', now, ['R15']) ??
    checkEnum('timeZone', timeZone, TIME_ZONES, ['R15']) ??
    checkHolidays(holidays) ??
    checkNumber(
      'dailyLog.verificationSlaWorkingDays',
      settings.verificationSlaWorkingDays,
      { integer: true, min: 0, max: 60 },
      ['R15'],
    );
  if (invalid !== null) return invalid;
  if (instantMs(now) < instantMs(submittedAt)) {
    return failure(
      'DATES_OUT_OF_ORDER',
      { id: 'Waktu sekarang tidak boleh sebelum waktu pengiriman.', en: 'now must not be before submittedAt.' },
      { rules: ['R15'] },
    );
  }
  const set = new Set(holidays);
  const submittedOn = localDateAt(submittedAt, timeZone);
  const today = localDateAt(now, timeZone);
  const dueDate = nthWorkingDayAfter(submittedOn, settings.verificationSlaWorkingDays, set);
  const dueBy = endOfLocalDay(dueDate, timeZone);
  const overdue = instantMs(now) >= instantMs(dueBy);
  let pendingWorkingDays = 0;
  for (let day = addDays(submittedOn, 1); day <= today; day = addDays(day, 1))
    if (isWorkingDayIn(day, set)) pendingWorkingDays += 1;
  return ok(
    { overdue, dueDate, dueBy, pendingWorkingDays },
    explanation({
      decision: 'realisation.verificationOverdue',
      rules: ['R15'],
      inputs: { submittedAt, now, timeZone, holidays },
      settings: { verificationSlaWorkingDays: settings.verificationSlaWorkingDays },
      values: { submittedOn, dueDate, dueBy, pendingWorkingDays, overdue },
      text: overdue
        ? {
            id: `Verifikasi terlambat: progres menunggu ${pendingWorkingDays} hari kerja, batas ${dueDate}.`,
            en: `Verification is overdue: pending ${pendingWorkingDays} working days, due by ${dueDate}.`,
          }
        : {
            id: `Verifikasi masih dalam batas (sampai akhir ${dueDate}).`,
            en: `Verification is within the limit (until the end of ${dueDate}).`,
          },
    }),
  );
}
