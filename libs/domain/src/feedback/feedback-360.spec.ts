import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { BERAKHLAK_VALUES, type BerakhlakValue } from '../skp/berakhlak.js';
import { aggregate360, type FeedbackAnswer, type FeedbackGroup } from './feedback-360.js';

const settings = { minAnonymousGroup: 3 };
const scores = (value: number): Record<BerakhlakValue, number> =>
  Object.fromEntries(BERAKHLAK_VALUES.map((v) => [v, value])) as Record<BerakhlakValue, number>;
const answer = (
  group: FeedbackGroup,
  respondentId: string,
  value: number,
  comment: string | null = null,
): FeedbackAnswer => ({ group, respondentId, scores: scores(value), comment });

describe('aggregate360 (R19)', () => {
  it('R19: an anonymous group below the threshold reads "not enough responses", without count or scores', () => {
    const result = valueOf(aggregate360([answer('PEER', 'p1', 5, 'Hebat'), answer('PEER', 'p2', 3)], settings));
    expect(result.PEER).toEqual({ status: 'NOT_ENOUGH_RESPONSES', count: null, means: null, comments: [] });
    expect(result.SUBORDINATE.status).toBe('NO_RESPONSES');
  });

  it('R19: an anonymous group at the threshold shows means and sorted comments, never who answered', () => {
    const answers = [
      answer('SUBORDINATE', 's1', 5, 'Zeta'),
      answer('SUBORDINATE', 's2', 4, ' Alfa '),
      answer('SUBORDINATE', 's3', 4, ''),
      answer('SELF', 'e1', 4, 'Saya'),
    ];
    const result = aggregate360(answers, settings);
    const value = valueOf(result);
    expect(value.SUBORDINATE).toMatchObject({ status: 'SHOWN', count: 3, comments: ['Alfa', 'Zeta'] });
    expect(value.SUBORDINATE.means?.KOLABORATIF).toBe(4.33);
    expect(JSON.stringify(value)).not.toMatch(/s1|s2|s3|e1/);
    expect(JSON.stringify(result.ok && result.explanation)).not.toMatch(/s1|s2|s3/);
  });

  it('R19: self and rater answers are shown even when alone', () => {
    const value = valueOf(aggregate360([answer('SELF', 'e1', 4), answer('RATER', 'r1', 3)], settings));
    expect(value.SELF).toMatchObject({ status: 'SHOWN', count: 1 });
    expect(value.RATER.means?.LOYAL).toBe(3);
  });

  it('R19: uses the tenant threshold', () => {
    expect(
      valueOf(aggregate360([answer('PEER', 'p1', 4), answer('PEER', 'p2', 4)], { minAnonymousGroup: 2 })).PEER.status,
    ).toBe('SHOWN');
  });

  it('R19: refuses scores outside 1–5, missing values, unknown groups and double answers', () => {
    expectError(aggregate360([answer('PEER', 'p1', 6)], settings), 'OUT_OF_RANGE');
    expectError(aggregate360([{ ...answer('PEER', 'p1', 3), scores: bad({ LOYAL: 3 }) }], settings), 'INVALID_NUMBER');
    expectError(aggregate360([answer(bad('BOSS'), 'p1', 3)], settings), 'UNKNOWN_ENUM');
    expectError(aggregate360([answer('PEER', '', 3)], settings), 'INVALID_INPUT');
    expectError(aggregate360([answer('PEER', 'p1', 3), answer('PEER', 'p1', 4)], settings), 'DUPLICATE_ENTRY');
    expectError(aggregate360([], { minAnonymousGroup: 0 }), 'OUT_OF_RANGE');
  });
});
