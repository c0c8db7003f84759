import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { suggestRatingHasil } from './suggested-rating.js';

const settings = { aboveThreshold: 1.1 };
const iki = (...capaian: (number | null)[]) => capaian.map((c, i) => ({ ikiId: `iki-${i + 1}`, capaian: c }));

describe('suggestRatingHasil (R25)', () => {
  it('R25: classifies below at c < 1.00, above at c > 1.10, as expected in between (both sides of each threshold)', () => {
    const result = valueOf(suggestRatingHasil(iki(0.9999, 1, 1.1, 1.1001), settings));
    expect(result.below).toEqual(['iki-1']);
    expect(result.asExpected).toEqual(['iki-2', 'iki-3']);
    expect(result.above).toEqual(['iki-4']);
  });

  it('R25: suggests DI_BAWAH when at least half are below', () => {
    expect(valueOf(suggestRatingHasil(iki(0.5, 1.2), settings)).suggestion).toBe('DI_BAWAH');
    expect(valueOf(suggestRatingHasil(iki(0.5, 1, 1.2), settings)).suggestion).toBe('SESUAI');
  });

  it('R25: suggests DI_ATAS only when none is below and more than half are above', () => {
    expect(valueOf(suggestRatingHasil(iki(1.2, 1.3, 1), settings)).suggestion).toBe('DI_ATAS');
    expect(valueOf(suggestRatingHasil(iki(1.2, 1), settings)).suggestion).toBe('SESUAI');
    expect(valueOf(suggestRatingHasil(iki(1.2, 1.3, 1.4, 0.9), settings)).suggestion).toBe('SESUAI');
  });

  it('R25: leaves out and names IKIs without a numeric target', () => {
    const result = suggestRatingHasil(iki(null, 1.2), settings);
    expect(valueOf(result)).toMatchObject({ suggestion: 'DI_ATAS', excluded: ['iki-1'] });
    expect(result.ok && result.explanation.text.en).toContain('left out');
  });

  it('R25: gives no suggestion when no UTAMA IKI has a numeric target', () => {
    expect(valueOf(suggestRatingHasil(iki(null), settings)).suggestion).toBeNull();
  });

  it('R25: uses the tenant threshold', () => {
    expect(valueOf(suggestRatingHasil(iki(1.06), { aboveThreshold: 1.05 })).suggestion).toBe('DI_ATAS');
  });

  it('R25: refuses an empty list, NaN or a negative capaian, and a threshold below 1', () => {
    expectError(suggestRatingHasil([], settings), 'EMPTY_GROUP');
    expectError(suggestRatingHasil(iki(Number.NaN), settings), 'INVALID_NUMBER');
    expectError(suggestRatingHasil(iki(-0.1), settings), 'NEGATIVE_VALUE');
    expectError(suggestRatingHasil(iki(1), { aboveThreshold: 0.9 }), 'OUT_OF_RANGE');
    expectError(suggestRatingHasil(bad('x'), settings), 'INVALID_INPUT');
  });
});
