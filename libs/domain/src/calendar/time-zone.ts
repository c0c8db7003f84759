import { addDays, dayNumber, isValidYmd, type LocalDate } from './local-date.js';

// R7: tenants sit in one of Indonesia's three zones; none observes daylight saving, so fixed offsets are exact.
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];
export const UTC_OFFSET_HOURS: Readonly<Record<TimeZone, number>> = {
  'Asia/Jakarta': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};

/** An ISO 8601 instant with an explicit offset: `2024-01-05T10:00:00+07:00` or `…Z`. */
export type Instant = string;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const MS_PER_HOUR = 3_600_000;

export function isInstant(value: unknown): value is Instant {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (m === null || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return (
    Number(m[4]) < 24 &&
    Number(m[5]) < 60 &&
    Number(m[6] ?? '0') < 60 &&
    Number(m[7] ?? '0') < 24 &&
    Number(m[8] ?? '0') < 60
  );
}

export function instantMs(instant: Instant): number {
  return Date.parse(instant);
}

function offsetMs(timeZone: TimeZone): number {
  return UTC_OFFSET_HOURS[timeZone] * MS_PER_HOUR;
}

/** The tenant-local calendar date of an instant. */
export function localDateAt(instant: Instant, timeZone: TimeZone): LocalDate {
  return new Date(instantMs(instant) + offsetMs(timeZone)).toISOString().slice(0, 10);
}

/** Milliseconds of local midnight at the start of `date`. */
export function startOfLocalDayMs(date: LocalDate, timeZone: TimeZone): number {
  return dayNumber(date) * 86_400_000 - offsetMs(timeZone);
}

/** The first instant after `date` in the tenant zone, written in that zone (an exclusive deadline). */
export function endOfLocalDay(date: LocalDate, timeZone: TimeZone): Instant {
  return zonedInstant(startOfLocalDayMs(addDays(date, 1), timeZone), timeZone);
}

export function zonedInstant(ms: number, timeZone: TimeZone): Instant {
  const offset = UTC_OFFSET_HOURS[timeZone];
  return `${new Date(ms + offsetMs(timeZone)).toISOString().slice(0, 19)}+0${offset}:00`;
}
