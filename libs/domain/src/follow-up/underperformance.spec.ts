import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { PREDIKATS } from '../evaluation/enums.js';
import { underperformanceFollowUps } from './underperformance.js';

describe('underperformanceFollowUps (R40)', () => {
  it.each(PREDIKATS)('R40: %s opens a coaching plan only when it is BP, K or SK', (predikat) => {
    const kinds = valueOf(underperformanceFollowUps(predikat, 'PNS', 'PERIODIC')).map((f) => f.kind);
    expect(kinds).toEqual(['BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'].includes(predikat) ? ['COACHING_PLAN'] : []);
  });

  it('R40: a PPPK with an annual K or SK gets a contract-review advice; periodic or BP does not', () => {
    expect(valueOf(underperformanceFollowUps('KURANG', 'PPPK', 'ANNUAL')).map((f) => f.kind)).toEqual([
      'COACHING_PLAN',
      'CONTRACT_REVIEW_ADVICE',
    ]);
    expect(valueOf(underperformanceFollowUps('SANGAT_KURANG', 'PPPK', 'ANNUAL')).map((f) => f.kind)).toContain(
      'CONTRACT_REVIEW_ADVICE',
    );
    expect(valueOf(underperformanceFollowUps('KURANG', 'PPPK', 'PERIODIC')).map((f) => f.kind)).toEqual([
      'COACHING_PLAN',
    ]);
    expect(valueOf(underperformanceFollowUps('BUTUH_PERBAIKAN', 'PPPK', 'ANNUAL')).map((f) => f.kind)).toEqual([
      'COACHING_PLAN',
    ]);
    expect(valueOf(underperformanceFollowUps('KURANG', 'PNS', 'ANNUAL')).map((f) => f.kind)).toEqual(['COACHING_PLAN']);
  });

  it('R40: the coaching plan is for the next period and assigned to the rater', () => {
    expect(valueOf(underperformanceFollowUps('KURANG', 'PNS', 'PERIODIC'))[0]).toEqual({
      kind: 'COACHING_PLAN',
      assignedTo: 'RATER',
      forPeriod: 'NEXT',
    });
  });

  it('R40: refuses unknown values', () => {
    expectError(underperformanceFollowUps(bad('X'), 'PNS', 'ANNUAL'), 'UNKNOWN_ENUM');
    expectError(underperformanceFollowUps('BAIK', bad('X'), 'ANNUAL'), 'UNKNOWN_ENUM');
    expectError(underperformanceFollowUps('BAIK', 'PNS', bad('MONTHLY')), 'UNKNOWN_ENUM');
  });
});
