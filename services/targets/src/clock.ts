import { tenantDate, type LocalDate, type TimeZone } from '@kinerja/domain';

/** The service's notion of now; tests pass one they can move. */
export class Clock {
  now(): Date {
    return new Date();
  }

  /** R7: today (or the day of `at`) in the tenant's zone. */
  today(timeZone: TimeZone, at: Date = this.now()): LocalDate {
    const date = tenantDate(at.toISOString(), timeZone);
    if (!date.ok) throw new Error(date.error.message);
    return date.value;
  }
}

export const clamp = (date: LocalDate, from: LocalDate, to: LocalDate): LocalDate =>
  date < from ? from : date > to ? to : date;

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
