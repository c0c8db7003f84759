import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { pp30Nilai } from './pp30.js';

const noPeers = { peerReview: false };

describe('PP 30/2019 (R32)', () => {
  it('R32: weighs 70/30 by default and 60/40 with peer review', () => {
    expect(valueOf(pp30Nilai(100, 80, false, noPeers)).nilai).toBeCloseTo(94, 10);
    expect(valueOf(pp30Nilai(100, 80, false, { peerReview: true })).nilai).toBeCloseTo(92, 10);
  });

  // Weights 70/30 on equal inputs give x itself, so each boundary is tested on x directly.
  it.each([
    [110, true, 'SANGAT_BAIK'],
    [109.99, true, 'BAIK'],
    [120, true, 'SANGAT_BAIK'],
    [120.01, true, 'BAIK'],
    [115, false, 'BAIK'],
    [90, false, 'BAIK'],
    [89.99, false, 'CUKUP'],
    [70, false, 'CUKUP'],
    [69.99, false, 'KURANG'],
    [50, false, 'KURANG'],
    [49.99, false, 'SANGAT_KURANG'],
  ])('R32: x = %p with innovation %p → %s', (x, innovation, predikat) => {
    expect(valueOf(pp30Nilai(x, x, innovation, noPeers)).predikat).toBe(predikat);
  });

  it('R32: refuses NaN, negatives and non-boolean flags', () => {
    expectError(pp30Nilai(Number.NaN, 1, false, noPeers), 'INVALID_NUMBER');
    expectError(pp30Nilai(1, -1, false, noPeers), 'NEGATIVE_VALUE');
    expectError(pp30Nilai(1, 1, bad('yes'), noPeers), 'INVALID_INPUT');
    expectError(pp30Nilai(1, 1, true, bad({ peerReview: 1 })), 'INVALID_INPUT');
  });
});
