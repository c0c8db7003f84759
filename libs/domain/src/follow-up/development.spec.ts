import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { developmentFlags } from './development.js';

const settings = { pppkMaxJp: 24 };

describe('developmentFlags (R38)', () => {
  it('R38: flags a PNS below 20 completed JP (both sides)', () => {
    expect(valueOf(developmentFlags('PNS', 19, 0, settings))).toEqual(['PNS_BELOW_MINIMUM_JP']);
    expect(valueOf(developmentFlags('PNS', 20, 100, settings))).toEqual([]);
  });

  it('R38: flags a PPPK planned above the tenant cap (both sides)', () => {
    expect(valueOf(developmentFlags('PPPK', 0, 24, settings))).toEqual([]);
    expect(valueOf(developmentFlags('PPPK', 0, 25, settings))).toEqual(['PPPK_ABOVE_MAXIMUM_JP']);
    expect(valueOf(developmentFlags('PPPK', 0, 25, { pppkMaxJp: 30 }))).toEqual([]);
  });

  it('R38: refuses an unknown employment type and negative hours', () => {
    expectError(developmentFlags(bad('HONORER'), 0, 0, settings), 'UNKNOWN_ENUM');
    expectError(developmentFlags('PNS', -1, 0, settings), 'NEGATIVE_VALUE');
    expectError(developmentFlags('PNS', 0, Number.NaN, settings), 'INVALID_NUMBER');
    expectError(developmentFlags('PNS', 0, 0, { pppkMaxJp: -1 }), 'NEGATIVE_VALUE');
  });
});
