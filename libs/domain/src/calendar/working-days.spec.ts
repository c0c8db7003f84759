import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.js';

// 2024-08-17 (Independence Day) is a Saturday; 2024-12-25 a Wednesday.
const holidays = ['2024-12-25', '2024-12-26'];

describe('working days (R14, R15)', () => {
  it('R14: weekends and holidays are not working days', () => {
    expect(valueOf(isWorkingDay('2024-12-24', holidays))).toBe(true);
    expect(valueOf(isWorkingDay('2024-12-25', holidays))).toBe(false);
    expect(valueOf(isWorkingDay('2024-12-28', holidays))).toBe(false);
    expect(valueOf(isWorkingDay('2024-12-29', holidays))).toBe(false);
  });

  it('R14: adds working days over weekends and holidays', () => {
    expect(valueOf(addWorkingDays('2024-12-24', 1, holidays))).toBe('2024-12-27');
    expect(valueOf(addWorkingDays('2024-12-27', 1, holidays))).toBe('2024-12-30');
    expect(valueOf(addWorkingDays('2024-12-28', 0, holidays))).toBe('2024-12-28');
    expect(valueOf(addWorkingDays('2024-12-31', 3, []))).toBe('2025-01-03');
  });

  it('R15: counts working days in (from, to]', () => {
    expect(valueOf(workingDaysBetween('2024-12-23', '2024-12-31', holidays))).toBe(4);
    expect(valueOf(workingDaysBetween('2024-12-23', '2024-12-23', holidays))).toBe(0);
  });

  it('refuses invalid dates, negative counts, bad holiday lists and reversed ranges', () => {
    expectError(isWorkingDay('2024-02-30', []), 'INVALID_DATE');
    expectError(isWorkingDay('2024-02-01', bad('2024-01-01')), 'INVALID_INPUT');
    expectError(isWorkingDay('2024-02-01', ['2024-13-01']), 'INVALID_DATE');
    expectError(addWorkingDays('2024-02-01', -1, []), 'NEGATIVE_VALUE');
    expectError(addWorkingDays('2024-02-01', 1.5, []), 'NOT_AN_INTEGER');
    expectError(addWorkingDays('2024-02-01', 1e300, []), 'OUT_OF_RANGE');
    expectError(workingDaysBetween('2024-02-02', '2024-02-01', []), 'DATES_OUT_OF_ORDER');
    expectError(workingDaysBetween('2024-02-02', '2024-02-31', []), 'INVALID_DATE');
  });
});
