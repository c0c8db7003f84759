import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { ikm } from './ikm.js';

const settings = { minResponses: 30 };

// n complete responses whose scores sum to `total` (every score 1–4), filled cell by cell.
function responsesWithTotal(n: number, total: number): number[][] {
  let extra = total - 9 * n;
  if (extra < 0 || extra > 27 * n) throw new Error('total out of reach');
  return Array.from({ length: n }, () =>
    Array.from({ length: 9 }, () => {
      const add = Math.min(3, extra);
      extra -= add;
      return 1 + add;
    }),
  );
}

describe('ikm (R21)', () => {
  it('R21: konversi exactly 88.31 is mutu A and exactly 88.30 is B', () => {
    // konversi = 25·total/(9n): 2500 responses summing to 79479 give 88.31; 250 summing to 7947 give 88.30.
    const a = valueOf(ikm(responsesWithTotal(2500, 79_479), settings));
    expect(a.display.konversi).toBe(88.31);
    expect(a.mutu).toBe('A');
    const b = valueOf(ikm(responsesWithTotal(250, 7_947), settings));
    expect(b.display.konversi).toBe(88.3);
    expect(b.mutu).toBe('B');
  });

  it.each([
    [2500, 68_949, 76.61, 'B'],
    [125, 3_447, 76.6, 'C'],
    [5, 117, 65, 'C'],
    [2500, 58_491, 64.99, 'D'],
  ])('R21: %p responses summing to %p give konversi %p, mutu %s (each grade boundary)', (n, total, konversi, mutu) => {
    const result = valueOf(ikm(responsesWithTotal(n, total), settings));
    expect(result.display.konversi).toBe(konversi);
    expect(result.mutu).toBe(mutu);
  });

  it('R21: NRR per element, IKM = Σ NRR / 9 and konversi = IKM × 25', () => {
    const result = valueOf(
      ikm(
        [
          [4, 4, 4, 4, 4, 4, 4, 4, 4],
          [2, 2, 2, 2, 2, 2, 2, 2, 3],
        ],
        settings,
      ),
    );
    expect(result.nrr).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3.5]);
    expect(result.ikm).toBeCloseTo(27.5 / 9, 12);
    expect(result.konversi).toBeCloseTo((27.5 / 9) * 25, 12);
  });

  it('R21: publishes only from the minimum number of responses, with the count shown (both sides)', () => {
    const below = ikm(responsesWithTotal(29, 29 * 30), settings);
    expect(valueOf(below)).toMatchObject({ responses: 29, published: false });
    expect(below.ok && below.explanation.text.id).toContain('minimal 30');
    expect(valueOf(ikm(responsesWithTotal(30, 30 * 30), settings)).published).toBe(true);
  });

  it('R21: needs all 9 elements, each 1–4, and at least one response', () => {
    expectError(ikm([], settings), 'EMPTY_GROUP');
    expectError(ikm([[4, 4, 4, 4, 4, 4, 4, 4]], settings), 'INVALID_INPUT');
    expectError(ikm([bad('444444444')], settings), 'INVALID_INPUT');
    expectError(ikm([[4, 4, 4, 4, 4, 4, 4, 4, 5]], settings), 'OUT_OF_RANGE');
    expectError(ikm([[0, 4, 4, 4, 4, 4, 4, 4, 4]], settings), 'OUT_OF_RANGE');
    expectError(ikm([[4, 4, 4, 4, 3.5, 4, 4, 4, 4]], settings), 'NOT_AN_INTEGER');
    expectError(ikm([[4, 4, 4, 4, 4, 4, 4, 4, 4]], { minResponses: 0 }), 'OUT_OF_RANGE');
  });
});
