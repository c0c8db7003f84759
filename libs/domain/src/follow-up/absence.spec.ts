import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import {
  absenceEscalation,
  absenceSanctionFor,
  supervisorAccountabilityFlag,
  type AbsenceSanction,
} from './absence.js';

// Working days of 2024 from 1 July (a Monday), skipping weekends.
function workingDays(count: number, start = '2024-07-01'): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); days.length < count; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

// Spread out so that no run reaches 10 consecutive working days: every other working day.
function scattered(count: number): string[] {
  return workingDays(count * 2, '2024-01-02').filter((_, i) => i % 2 === 0);
}

describe('absenceEscalation (R36)', () => {
  it.each([
    [0, 'NONE'],
    [2, 'NONE'],
    [3, 'TEGURAN_LISAN'],
    [4, 'TEGURAN_TERTULIS'],
    [6, 'TEGURAN_TERTULIS'],
    [7, 'PERNYATAAN_TIDAK_PUAS'],
    [10, 'PERNYATAAN_TIDAK_PUAS'],
    [11, 'POTONG_TUKIN_25_6_BULAN'],
    [13, 'POTONG_TUKIN_25_6_BULAN'],
    [14, 'POTONG_TUKIN_25_9_BULAN'],
    [16, 'POTONG_TUKIN_25_9_BULAN'],
    [17, 'POTONG_TUKIN_25_12_BULAN'],
    [20, 'POTONG_TUKIN_25_12_BULAN'],
    [21, 'PENURUNAN_JABATAN_12_BULAN'],
    [24, 'PENURUNAN_JABATAN_12_BULAN'],
    [25, 'PEMBEBASAN_JABATAN_12_BULAN'],
    [27, 'PEMBEBASAN_JABATAN_12_BULAN'],
    [28, 'PTDH'],
    [40, 'PTDH'],
  ] as const)('R36: %p scattered days → %s (both sides of every band)', (days, sanction: AbsenceSanction) => {
    const result = valueOf(absenceEscalation(scattered(days), []));
    expect(result).toMatchObject({ sanction, cumulativeDays: days, byConsecutiveRule: false, salaryStoppedFrom: null });
    expect(result.longestRun).toBeLessThanOrEqual(1);
  });

  it('R36: 9 consecutive working days are not yet dismissal; 10 are, with salary stopped from next month', () => {
    expect(valueOf(absenceEscalation(workingDays(9), [])).sanction).toBe('PERNYATAAN_TIDAK_PUAS');
    const ten = valueOf(absenceEscalation(workingDays(10), []));
    expect(ten).toMatchObject({
      sanction: 'PTDH',
      byConsecutiveRule: true,
      longestRun: 10,
      salaryStoppedFrom: '2024-08-01',
    });
  });

  it('R36: a weekend or holiday inside the run does not break it; a working day present does', () => {
    // 1–12 July 2024 are 10 working days around one weekend; 17 August is a Saturday anyway.
    const run = workingDays(10);
    expect(valueOf(absenceEscalation(run, ['2024-07-04'])).longestRun).toBe(9);
    const withHoliday = [...workingDays(3), ...workingDays(7, '2024-07-05')];
    expect(valueOf(absenceEscalation(withHoliday, ['2024-07-04'])).longestRun).toBe(10);
    const broken = [...workingDays(5), ...workingDays(5, '2024-07-09')];
    expect(valueOf(absenceEscalation(broken, [])).longestRun).toBe(5);
  });

  it('R36: a run reaching 10 days in December stops salary from January', () => {
    const result = valueOf(absenceEscalation(workingDays(10, '2024-12-16'), []));
    expect(result).toMatchObject({ longestRun: 10, salaryStoppedFrom: '2025-01-01' });
  });

  it('R36: ignores duplicates and non-working days', () => {
    expect(
      valueOf(absenceEscalation(['2024-07-01', '2024-07-01', '2024-07-06', '2024-07-02'], [])).cumulativeDays,
    ).toBe(2);
  });

  it('R36: refuses invalid dates, a non-list and dates from two years', () => {
    expectError(absenceEscalation(['2024-02-30'], []), 'INVALID_DATE');
    expectError(absenceEscalation(bad('2024-01-02'), []), 'INVALID_INPUT');
    expectError(absenceEscalation(['2024-01-02'], ['nope']), 'INVALID_DATE');
    expectError(absenceEscalation(['2023-12-29', '2024-01-02'], []), 'OUT_OF_RANGE');
  });
});

describe('absenceSanctionFor (R36)', () => {
  it('R36: bands from counts, with the consecutive rule at 9/10', () => {
    expect(valueOf(absenceSanctionFor(3, 1)).sanction).toBe('TEGURAN_LISAN');
    expect(valueOf(absenceSanctionFor(9, 9)).sanction).toBe('PERNYATAAN_TIDAK_PUAS');
    expect(valueOf(absenceSanctionFor(10, 10))).toMatchObject({
      sanction: 'PTDH',
      byConsecutiveRule: true,
      salaryStoppedFrom: null,
    });
  });

  it('R36: refuses a run longer than the count and bad numbers', () => {
    expectError(absenceSanctionFor(3, 4), 'OUT_OF_RANGE');
    expectError(absenceSanctionFor(-1, 0), 'NEGATIVE_VALUE');
    expectError(absenceSanctionFor(367, 0), 'OUT_OF_RANGE');
    expectError(absenceSanctionFor(1, Number.NaN), 'INVALID_NUMBER');
  });
});

describe('supervisorAccountabilityFlag (R36)', () => {
  const sla = { supervisorSlaDays: 14 };

  it('R36: flags a recommendation not acted on within 14 days (both sides)', () => {
    expect(valueOf(supervisorAccountabilityFlag('2024-03-01', null, '2024-03-15', sla))).toBe(false);
    expect(valueOf(supervisorAccountabilityFlag('2024-03-01', null, '2024-03-16', sla))).toBe(true);
    expect(valueOf(supervisorAccountabilityFlag('2024-03-01', '2024-03-15', '2024-04-30', sla))).toBe(false);
    expect(valueOf(supervisorAccountabilityFlag('2024-03-01', '2024-03-16', '2024-04-30', sla))).toBe(true);
  });

  it('R36: refuses dates out of order and invalid input', () => {
    expectError(supervisorAccountabilityFlag('2024-03-01', null, '2024-02-28', sla), 'DATES_OUT_OF_ORDER');
    expectError(supervisorAccountabilityFlag('2024-03-01', '2024-02-28', '2024-03-05', sla), 'DATES_OUT_OF_ORDER');
    expectError(supervisorAccountabilityFlag('x', null, '2024-03-05', sla), 'INVALID_DATE');
    expectError(supervisorAccountabilityFlag('2024-03-01', 'y', '2024-03-05', sla), 'INVALID_DATE');
    expectError(
      supervisorAccountabilityFlag('2024-03-01', null, '2024-03-05', { supervisorSlaDays: -1 }),
      'NEGATIVE_VALUE',
    );
  });
});
