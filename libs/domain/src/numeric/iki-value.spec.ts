import { describe, expect, it } from '@jest/globals';
import { expectError, valueOf } from '../../test/support.js';
import { ikiValue } from './iki-value.js';

describe('ikiValue (R33)', () => {
  it('R33: the checks of RULES.md: 0.98 → 88, 1.00 → 109, 0.50 → 41.53', () => {
    expect(valueOf(ikiValue(0.98)).display).toBe(88);
    expect(valueOf(ikiValue(1)).display).toBe(109);
    expect(valueOf(ikiValue(0.5)).display).toBe(41.53);
  });

  it.each([
    [0.5999, 'SANGAT_KURANG', (0.5999 / 0.59) * 49],
    [0.6, 'KURANG', 50],
    [0.7999, 'KURANG', 50 + 0.1999 * (19 / 0.19)],
    [0.8, 'CUKUP', 70],
    [0.9999, 'CUKUP', 70 + 0.1999 * (19 / 0.19)],
    [1, 'BAIK', 109],
    [1.0001, 'SANGAT_BAIK', 110],
    [1.05, 'SANGAT_BAIK', 110 + 0.04 * (10 / 0.09)],
    [1.1, 'SANGAT_BAIK', 120],
    [1.1001, 'SANGAT_BAIK', 120],
    [0, 'SANGAT_KURANG', 0],
  ])('R33: capaian %p is %s with value %p (both sides of each band boundary)', (c, band, value) => {
    const result = valueOf(ikiValue(c));
    expect(result.band).toBe(band);
    expect(result.value).toBeCloseTo(value, 9);
  });

  it('R33: the 1.00 < c ≤ 1.10 value stays within [110, 120]', () => {
    for (let c = 1.001; c <= 1.1; c += 0.001) {
      const { value } = valueOf(ikiValue(c));
      expect(value).toBeGreaterThanOrEqual(110);
      expect(value).toBeLessThanOrEqual(120);
    }
  });

  it('R33: refuses NaN and a negative capaian', () => {
    expectError(ikiValue(Number.NaN), 'INVALID_NUMBER');
    expectError(ikiValue(-0.01), 'NEGATIVE_VALUE');
  });
});
