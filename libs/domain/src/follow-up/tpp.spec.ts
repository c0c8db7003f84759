import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { DEFAULT_TENANT_SETTINGS, type TppSettings } from '../settings/tenant-settings.js';
import { tppAmount, tppDisciplineDeduction, type AttendanceDay } from './tpp.js';

const tpp = DEFAULT_TENANT_SETTINGS.tpp;
const day = (minutesLate: number | null, minutesEarly: number | null = 0, missedApel = false): AttendanceDay => ({
  minutesLate,
  minutesEarly,
  missedApel,
});

describe('tppDisciplineDeduction (R37)', () => {
  it.each([
    [0, 0],
    [1, 0.5],
    [30, 0.5],
    [31, 1],
    [60, 1],
    [61, 1.25],
    [90, 1.25],
    [91, 1.5],
    [480, 1.5],
  ])('R37: %p minutes late deducts %p %% (both sides of every tier)', (minutes, percent) => {
    expect(valueOf(tppDisciplineDeduction([day(minutes)], tpp)).percent).toBe(percent);
  });

  it('R37: no record, leaving early and a missed apel add up per day', () => {
    expect(valueOf(tppDisciplineDeduction([day(null)], tpp)).percent).toBe(1.5);
    expect(valueOf(tppDisciplineDeduction([day(0, null)], tpp)).percent).toBe(1.5);
    expect(valueOf(tppDisciplineDeduction([day(0, 45)], tpp)).percent).toBe(1);
    expect(valueOf(tppDisciplineDeduction([day(0, 0, true)], tpp)).percent).toBe(2);
    expect(valueOf(tppDisciplineDeduction([day(10, 10, true), day(91)], tpp)).perDay).toEqual([3, 1.5]);
  });

  it('R37: the monthly deduction is capped at 100 %', () => {
    const month = Array.from({ length: 30 }, () => day(null, null, true));
    expect(valueOf(tppDisciplineDeduction(month, tpp))).toMatchObject({ uncapped: 150, percent: 100, capped: true });
  });

  it('R37: a tenant table with a gap charges nothing in the gap', () => {
    const gappy: TppSettings = { ...tpp, lateTiers: [{ fromMinutes: 15, toMinutes: null, percent: 3 }] };
    expect(valueOf(tppDisciplineDeduction([day(10)], gappy)).percent).toBe(0);
    expect(valueOf(tppDisciplineDeduction([day(15)], gappy)).percent).toBe(3);
  });

  it('R37: refuses negative or fractional minutes and a bad apel flag', () => {
    expectError(tppDisciplineDeduction([day(-1)], tpp), 'NEGATIVE_VALUE');
    expectError(tppDisciplineDeduction([day(0, 1.5)], tpp), 'NOT_AN_INTEGER');
    expectError(
      tppDisciplineDeduction([{ minutesLate: 0, minutesEarly: 0, missedApel: bad('no') }], tpp),
      'INVALID_INPUT',
    );
    expectError(tppDisciplineDeduction(bad(undefined), tpp), 'INVALID_INPUT');
  });
});

describe('tppAmount (R37)', () => {
  const configured: TppSettings = {
    ...tpp,
    performanceShare: 0.6,
    disciplineShare: 0.4,
    performanceFactor: { SANGAT_BAIK: 1.1, BAIK: 1, BUTUH_PERBAIKAN: 0.8, KURANG: 0.5, SANGAT_KURANG: 0.3 },
  };

  it('R37: base × (performance share × factor + discipline share × (1 − deduction))', () => {
    const result = valueOf(tppAmount(5_000_000, 'BAIK', 10, configured));
    expect(result.performancePart).toBeCloseTo(3_000_000, 6);
    expect(result.disciplinePart).toBeCloseTo(1_800_000, 6);
    expect(result.display).toBe(4_800_000);
    expect(valueOf(tppAmount(5_000_000, 'SANGAT_KURANG', 100, configured)).amount).toBeCloseTo(900_000, 6);
  });

  it('R37: needs the tenant shares and factors (no national default)', () => {
    expectError(tppAmount(1, 'BAIK', 0, tpp), 'SETTING_MISSING');
    expectError(tppAmount(1, 'BAIK', 0, { ...configured, disciplineShare: null }), 'SETTING_MISSING');
    expectError(tppAmount(1, 'BAIK', 0, { ...configured, performanceFactor: null }), 'SETTING_MISSING');
  });

  it('R37: refuses negative amounts, unknown predikat and deductions over 100 %', () => {
    expectError(tppAmount(-1, 'BAIK', 0, configured), 'NEGATIVE_VALUE');
    expectError(tppAmount(1, bad('MANTAP'), 0, configured), 'UNKNOWN_ENUM');
    expectError(tppAmount(1, 'BAIK', 101, configured), 'OUT_OF_RANGE');
  });
});
