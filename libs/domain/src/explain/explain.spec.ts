import { describe, expect, it } from '@jest/globals';
import { explanation, renderExplanation } from './explanation.js';
import { checkArray, checkEnum, checkInstant, checkNumber, checkOrder, checkPositive, firstFailure } from './guards.js';
import { failure } from './result.js';

describe('explanations and typed errors (R30)', () => {
  const value = explanation({
    decision: 'evaluation.predikat',
    rules: ['R23'],
    inputs: { hasil: 'SESUAI' },
    values: { predikat: 'BAIK' },
    text: { id: 'Predikatnya Baik.', en: 'The predikat is Good.' },
  });

  it('R30: renders in Bahasa Indonesia by default and in English on request', () => {
    expect(renderExplanation(value)).toBe('Predikatnya Baik.');
    expect(renderExplanation(value, 'en')).toBe('The predikat is Good.');
    expect(value.settings).toEqual({});
  });

  it('R30: re-reads identically from JSON', () => {
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it('R30: a failure carries its code, both sentences and the English message', () => {
    const result = failure('EMPTY_GROUP', { id: 'Kosong.', en: 'Empty.' }, { rules: ['R27'] });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'EMPTY_GROUP',
        message: 'Empty.',
        text: { id: 'Kosong.', en: 'Empty.' },
        rules: ['R27'],
        issues: [],
      },
    });
  });

  it('R30: the shared checks return the first failure or null', () => {
    expect(checkNumber('x', 5, { min: 1, max: 10 })).toBeNull();
    expect(checkNumber('x', 11, { max: 10 })?.error.code).toBe('OUT_OF_RANGE');
    expect(checkNumber('x', 0, { min: 1 })?.error.code).toBe('OUT_OF_RANGE');
    expect(checkNumber('x', '5')?.error.code).toBe('INVALID_NUMBER');
    expect(checkPositive('x', 0)?.error.code).toBe('ZERO_TARGET');
    expect(checkPositive('x', 2)).toBeNull();
    expect(checkEnum('x', 1, ['A'])?.error.code).toBe('UNKNOWN_ENUM');
    expect(checkOrder('a', '2024-01-02', 'b', '2024-01-01')?.error.code).toBe('DATES_OUT_OF_ORDER');
    expect(checkArray('x', [])).toBeNull();
    expect(checkInstant('x', '2024-01-01T00:00Z')).toBeNull();
    expect(checkInstant('x', '2024-01-01')?.error.code).toBe('INVALID_INSTANT');
    expect(firstFailure(null, checkArray('x', null), checkArray('y', 1))?.error.text.en).toBe('x must be a list.');
    expect(firstFailure(null)).toBeNull();
  });
});
