import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe(RateLimiter.name, () => {
  it('allows up to the limit per key and minute, then says how long to wait', () => {
    let now = 120_000 + 15_000;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.hit('a')).toBe(0);
    expect(limiter.hit('a')).toBe(0);
    expect(limiter.hit('a')).toBe(45);
    expect(limiter.hit('b')).toBe(0);
    now = 180_000;
    expect(limiter.hit('a')).toBe(0);
  });
});
