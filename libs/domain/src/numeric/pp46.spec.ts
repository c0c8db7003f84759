import { describe, expect, it } from '@jest/globals';
import { expectError, valueOf } from '../../test/support.js';
import { pp46ActivityScore, pp46BandOf, pp46EfficiencyAspect, pp46Prestasi, type Pp46Activity } from './pp46.js';

const example: Pp46Activity = {
  kuantitas: { target: 100, realisation: 100 },
  kualitas: { target: 100, realisation: 90 },
  waktu: { target: 12, realisation: 12 },
  biaya: null,
};

describe('PP 46/2011 (R31)', () => {
  it('R31: (100, 90, TW = RW = 12) → waktu 76 → 88.67', () => {
    const score = valueOf(pp46ActivityScore(example));
    expect(score.waktu).toBeCloseTo(76, 10);
    expect(score.aspects).toBe(3);
    expect(score.display).toBe(88.67);
  });

  it('R31: efficiency e ≤ 24 uses the 1.76 formula, e > 24 the penalised one (both sides of 24)', () => {
    // RW = 76 of TW = 100 gives e = 24 exactly; RW = 75 gives e = 25.
    expect(pp46EfficiencyAspect(100, 76)).toBeCloseTo(100, 10);
    expect(pp46EfficiencyAspect(100, 75)).toBeCloseTo(76 - (101 - 100), 10);
    expect(pp46EfficiencyAspect(12, 10)).toBeCloseTo(((1.76 * 12 - 10) / 12) * 100, 10);
  });

  it('R31: biaya counts as a fourth aspect when a cost target exists', () => {
    const score = valueOf(pp46ActivityScore({ ...example, biaya: { target: 1_000_000, realisation: 1_000_000 } }));
    expect(score.aspects).toBe(4);
    expect(score.nilaiCapaian).toBeCloseTo((100 + 90 + 76 + 76) / 4, 10);
  });

  it('R31: nilai SKP is the mean over activities and nilai prestasi = 0.6·SKP + 0.4·perilaku', () => {
    const other: Pp46Activity = { ...example, kualitas: { target: 100, realisation: 100 } };
    const result = valueOf(pp46Prestasi([example, other], 80));
    const skp = (266 / 3 + 276 / 3) / 2;
    expect(result.nilaiSkp).toBeCloseTo(skp, 10);
    expect(result.nilaiPrestasi).toBeCloseTo(0.6 * skp + 0.4 * 80, 10);
    expect(result.band).toBe('BAIK');
  });

  it.each([
    [91, 'SANGAT_BAIK'],
    [90.99, 'BAIK'],
    [76, 'BAIK'],
    [75.99, 'CUKUP'],
    [61, 'CUKUP'],
    [60.99, 'KURANG'],
    [51, 'KURANG'],
    [50.99, 'BURUK'],
    [50, 'BURUK'],
  ])('R31: band boundary %p → %s', (value, band) => {
    expect(valueOf(pp46BandOf(value))).toBe(band);
  });

  it('R31: refuses zero or negative targets, negative realisation, NaN and an empty list', () => {
    expectError(pp46ActivityScore({ ...example, kuantitas: { target: 0, realisation: 1 } }), 'ZERO_TARGET');
    expectError(pp46ActivityScore({ ...example, kualitas: { target: -1, realisation: 1 } }), 'NEGATIVE_VALUE');
    expectError(pp46ActivityScore({ ...example, waktu: { target: 12, realisation: -1 } }), 'NEGATIVE_VALUE');
    expectError(pp46ActivityScore({ ...example, biaya: { target: Number.NaN, realisation: 1 } }), 'INVALID_NUMBER');
    expectError(pp46Prestasi([], 80), 'EMPTY_GROUP');
    expectError(pp46Prestasi([{ ...example, waktu: { target: 0, realisation: 1 } }], 80), 'ZERO_TARGET');
    expectError(pp46Prestasi([example], -1), 'NEGATIVE_VALUE');
    expectError(pp46BandOf(Number.NaN), 'INVALID_NUMBER');
  });
});
