import { isLocalDate, tenantDate, TIME_ZONES, type LocalDate, type TimeZone } from '@kinerja/domain';

// Calendar dates are `YYYY-MM-DD` in the tenant's time zone (ARCHITECTURE.md "Cross-cutting", R7).

const MS_PER_DAY = 86_400_000;

export function isTimeZone(value: string): value is TimeZone {
  return (TIME_ZONES as readonly string[]).includes(value);
}

/** Today in the tenant's zone. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  const result = tenantDate(now.toISOString(), isTimeZone(timeZone) ? timeZone : 'Asia/Jakarta');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

export const dayBefore = (date: LocalDate): LocalDate => addDays(date, -1);

export { isLocalDate };

/** A SQL expression printing a date column as `YYYY-MM-DD`, whatever the server's DateStyle. */
export const sqlDate = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;
