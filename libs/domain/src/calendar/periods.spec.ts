import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { periodContaining, periodsOfYear, tenantDate } from './periods.js';

const quarterly = { cadence: 'QUARTERLY' as const, inputDeadlineDays: 5 };

describe('periodsOfYear (R7)', () => {
  it('R7: quarterly periods with a 5-day input deadline, then one FINAL period', () => {
    const periods = valueOf(periodsOfYear(2024, quarterly, 'Asia/Jakarta'));
    expect(periods.map((p) => [p.id, p.start, p.end, p.inputDeadline])).toEqual([
      ['2024-Q1', '2024-01-01', '2024-03-31', '2024-04-05'],
      ['2024-Q2', '2024-04-01', '2024-06-30', '2024-07-05'],
      ['2024-Q3', '2024-07-01', '2024-09-30', '2024-10-05'],
      ['2024-Q4', '2024-10-01', '2024-12-31', '2025-01-05'],
      ['2024-FINAL', '2024-01-01', '2024-12-31', '2025-01-05'],
    ]);
    expect(periods[0]).toMatchObject({
      kind: 'REGULAR',
      index: 1,
      shareOfYear: 0.25,
      inputClosesAt: '2024-04-06T00:00:00+07:00',
      label: { id: 'Triwulan I 2024', en: 'Quarter 1 2024' },
    });
    expect(periods[4]).toMatchObject({ kind: 'FINAL', index: 0, shareOfYear: 1 });
  });

  it('R7: monthly periods follow month lengths, leap years included', () => {
    const periods = valueOf(periodsOfYear(2024, { cadence: 'MONTHLY', inputDeadlineDays: 0 }, 'Asia/Makassar'));
    expect(periods).toHaveLength(13);
    expect(periods[1]).toMatchObject({
      id: '2024-M02',
      end: '2024-02-29',
      inputDeadline: '2024-02-29',
      inputClosesAt: '2024-03-01T00:00:00+08:00',
      label: { id: 'Februari 2024' },
    });
    expect(valueOf(periodsOfYear(2023, { cadence: 'MONTHLY', inputDeadlineDays: 0 }, 'Asia/Makassar'))[1]?.end).toBe(
      '2023-02-28',
    );
  });

  it('R7: semester periods in Asia/Jayapura', () => {
    const periods = valueOf(periodsOfYear(2025, { cadence: 'SEMESTER', inputDeadlineDays: 10 }, 'Asia/Jayapura'));
    expect(periods.map((p) => p.id)).toEqual(['2025-S1', '2025-S2', '2025-FINAL']);
    expect(periods[1]).toMatchObject({
      start: '2025-07-01',
      end: '2025-12-31',
      inputDeadline: '2026-01-10',
      inputClosesAt: '2026-01-11T00:00:00+09:00',
      label: { id: 'Semester II 2025' },
    });
  });

  it('R7: refuses bad years, cadences, deadlines and zones', () => {
    expectError(periodsOfYear(2024.5, quarterly, 'Asia/Jakarta'), 'NOT_AN_INTEGER');
    expectError(periodsOfYear(Number.NaN, quarterly, 'Asia/Jakarta'), 'INVALID_NUMBER');
    expectError(periodsOfYear(2024, { cadence: bad('WEEKLY'), inputDeadlineDays: 5 }, 'Asia/Jakarta'), 'UNKNOWN_ENUM');
    expectError(periodsOfYear(2024, { cadence: 'MONTHLY', inputDeadlineDays: -1 }, 'Asia/Jakarta'), 'NEGATIVE_VALUE');
    expectError(periodsOfYear(2024, quarterly, bad('Europe/Berlin')), 'UNKNOWN_ENUM');
  });
});

describe('periodContaining (R7)', () => {
  it.each([
    ['2024-01-01', 'QUARTERLY', '2024-Q1'],
    ['2024-03-31', 'QUARTERLY', '2024-Q1'],
    ['2024-04-01', 'QUARTERLY', '2024-Q2'],
    ['2024-12-31', 'QUARTERLY', '2024-Q4'],
    ['2024-06-30', 'SEMESTER', '2024-S1'],
    ['2024-07-01', 'SEMESTER', '2024-S2'],
    ['2024-11-15', 'MONTHLY', '2024-M11'],
  ] as const)('R7: %s in a %s cadence is %s', (date, cadence, id) => {
    expect(valueOf(periodContaining(date, { cadence, inputDeadlineDays: 5 }, 'Asia/Jakarta')).id).toBe(id);
  });

  it('R7: refuses an invalid date', () => {
    expectError(periodContaining('2024-02-30', quarterly, 'Asia/Jakarta'), 'INVALID_DATE');
  });
});

describe('tenantDate (R7)', () => {
  it('R7: the same instant falls on different dates in the three zones', () => {
    const instant = '2024-03-31T16:30:00Z';
    expect(valueOf(tenantDate(instant, 'Asia/Jakarta'))).toBe('2024-03-31');
    expect(valueOf(tenantDate(instant, 'Asia/Makassar'))).toBe('2024-04-01');
    expect(valueOf(tenantDate(instant, 'Asia/Jayapura'))).toBe('2024-04-01');
    expect(valueOf(tenantDate('2024-04-01T00:30:00.123+09:00', 'Asia/Jakarta'))).toBe('2024-03-31');
  });

  it('R7: refuses instants without an offset or with impossible parts, and unknown zones', () => {
    for (const instant of [
      '2024-03-31T16:30:00',
      '2024-02-30T10:00:00Z',
      '2024-03-31T24:00:00Z',
      '2024-03-31T10:60Z',
      '2024-03-31T10:00:60Z',
      '2024-03-31T10:00+24:00',
      '2024-03-31T10:00+07:60',
    ]) {
      expectError(tenantDate(instant, 'Asia/Jakarta'), 'INVALID_INSTANT');
    }
    expectError(tenantDate(bad(Date.now()), 'Asia/Jakarta'), 'INVALID_INSTANT');
    expect(valueOf(tenantDate('2024-03-31T10:00-03:00', 'Asia/Jakarta'))).toBe('2024-03-31');
    expectError(tenantDate('2024-03-31T10:00Z', bad('UTC')), 'UNKNOWN_ENUM');
  });
});
