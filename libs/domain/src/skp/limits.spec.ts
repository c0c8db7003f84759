import { describe, expect, it } from '@jest/globals';
import { SKP_LIMITS } from './limits.js';

describe('SKP_LIMITS', () => {
  it('bounds every list and text with a positive whole number', () => {
    for (const value of Object.values(SKP_LIMITS)) expect(Number.isInteger(value) && value > 0).toBe(true);
  });
});
