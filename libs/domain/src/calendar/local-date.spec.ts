import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, daysBetween, fromDayNumber, dayNumber, isLeapYear, isLocalDate, weekdayOf } from './local-date.js';

describe('LocalDate', () => {
  it('R7: recognises real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2024-04-31')).toBe(false);
    expect(isLocalDate('2024-00-10')).toBe(false);
    expect(isLocalDate('0999-01-01')).toBe(false);
    expect(isLocalDate('2024-1-01')).toBe(false);
    expect(isLocalDate(20240101)).toBe(false);
  });

  it('R7: leap years follow the Gregorian rule', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
  });

  it('R7: day arithmetic round-trips and weekdays are right', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(weekdayOf('2024-08-17')).toBe(6);
    expect(weekdayOf('1969-12-28')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 2_000_000 }), (day) =>
        expect(dayNumber(fromDayNumber(day))).toBe(day),
      ),
    );
  });
});
