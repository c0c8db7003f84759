import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { expectError, valueOf } from '../../test/support.js';
import { displayValue, roundHalfAwayFromZero } from './rounding.js';

describe('roundHalfAwayFromZero (R34)', () => {
  it.each([
    [5.625, 5.63],
    [28.125, 28.13],
    [1.005, 1.01],
    [-1.005, -1.01],
    [2.675, 2.68],
    [41.52542372881356, 41.53],
    [87.99999999999999, 88],
    [1.004, 1],
    [-0.001, 0],
    [0, 0],
    [1e-7, 0],
  ])('R34: %p rounds to %p', (value, expected) => {
    expect(roundHalfAwayFromZero(value)).toBe(expected);
  });

  it('R34: supports other precisions and leaves huge or non-finite values alone', () => {
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(1e16)).toBe(1e16);
    expect(roundHalfAwayFromZero(Number.NaN)).toBeNaN();
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('R34: is symmetric around zero and never moves a value by more than half a unit', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const rounded = roundHalfAwayFromZero(x);
        expect(Math.abs(rounded - x)).toBeLessThanOrEqual(0.005 + 1e-9 * Math.max(1, Math.abs(x)));
        expect(roundHalfAwayFromZero(-x)).toBe(rounded === 0 ? 0 : -rounded);
      }),
    );
  });
});

describe('displayValue (R34)', () => {
  it('R34: returns the display value with an explanation', () => {
    expect(valueOf(displayValue(88.666666))).toBe(88.67);
    expect(valueOf(displayValue(88.666666, 1))).toBe(88.7);
  });

  it('R34: refuses NaN and a bad precision', () => {
    expectError(displayValue(Number.NaN), 'INVALID_NUMBER');
    expectError(displayValue(1, 1.5), 'NOT_AN_INTEGER');
    expectError(displayValue(1, 11), 'OUT_OF_RANGE');
  });
});
