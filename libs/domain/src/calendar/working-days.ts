import { checkArray, checkDate, checkNumber, checkOrder, firstFailure } from '../explain/guards.js';
import { explanation } from '../explain/explanation.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';
import { addDays, isLocalDate, weekdayOf, type LocalDate } from './local-date.js';

// R14, R15: working days exclude Saturdays, Sundays and the tenant's holiday calendar.
export type HolidayCalendar = readonly LocalDate[];

export function checkHolidays(holidays: unknown): Failure | null {
  const notList = checkArray('holidays', holidays);
  if (notList !== null) return notList;
  return (holidays as readonly unknown[]).every(isLocalDate)
    ? null
    : failure('INVALID_DATE', {
        id: 'Daftar hari libur memuat tanggal yang tidak sah.',
        en: 'The holiday list holds an invalid date.',
      });
}

export function isWorkingDayIn(date: LocalDate, holidays: ReadonlySet<LocalDate>): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The `count`-th working day after `date`; `count = 0` gives `date` itself. */
export function nthWorkingDayAfter(date: LocalDate, count: number, holidays: ReadonlySet<LocalDate>): LocalDate {
  let day = date;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDayIn(day, holidays)) left -= 1;
  }
  return day;
}

export function isWorkingDay(date: LocalDate, holidays: HolidayCalendar): Result<boolean> {
  const invalid = firstFailure(checkDate('date', date), checkHolidays(holidays));
  if (invalid !== null) return invalid;
  const working = isWorkingDayIn(date, new Set(holidays));
  return ok(
    working,
    explanation({
      decision: 'calendar.workingDay',
      rules: ['R14'],
      inputs: { date, holidays },
      values: { weekday: weekdayOf(date), working },
      text: working
        ? { id: `${date} adalah hari kerja.`, en: `${date} is a working day.` }
        : {
            id: `${date} bukan hari kerja (akhir pekan atau hari libur).`,
            en: `${date} is not a working day (weekend or holiday).`,
          },
    }),
  );
}

export function addWorkingDays(date: LocalDate, count: number, holidays: HolidayCalendar): Result<LocalDate> {
  const invalid = firstFailure(
    checkDate('date', date),
    checkNumber('count', count, { integer: true, min: 0, max: 366 }),
    checkHolidays(holidays),
  );
  if (invalid !== null) return invalid;
  const result = nthWorkingDayAfter(date, count, new Set(holidays));
  return ok(
    result,
    explanation({
      decision: 'calendar.addWorkingDays',
      rules: ['R14', 'R15'],
      inputs: { date, count, holidays },
      values: { result },
      text: {
        id: `${count} hari kerja setelah ${date} adalah ${result}.`,
        en: `${count} working days after ${date} is ${result}.`,
      },
    }),
  );
}

/** Working days in the half-open range (from, to]. */
export function workingDaysBetween(from: LocalDate, to: LocalDate, holidays: HolidayCalendar): Result<number> {
  const invalid = firstFailure(checkDate('from', from), checkDate('to', to), checkHolidays(holidays));
  if (invalid !== null) return invalid;
  const order = checkOrder('from', from, 'to', to);
  if (order !== null) return order;
  const set = new Set(holidays);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDayIn(day, set)) count += 1;
  return ok(
    count,
    explanation({
      decision: 'calendar.workingDaysBetween',
      rules: ['R15'],
      inputs: { from, to, holidays },
      values: { count },
      text: {
        id: `Ada ${count} hari kerja setelah ${from} sampai ${to}.`,
        en: `There are ${count} working days after ${from} up to ${to}.`,
      },
    }),
  );
}
