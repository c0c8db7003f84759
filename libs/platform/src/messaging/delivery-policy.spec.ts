import { describe, expect, it } from '@jest/globals';
import { defaultDeliveryPolicy, onFailure, retryDelayMs, validatePolicy } from './delivery-policy.js';

describe('retryDelayMs', () => {
  const backoff = [1_000, 5_000, 30_000, 120_000];

  it.each([
    [1, 1_000],
    [2, 5_000],
    [3, 30_000],
    [4, 120_000],
    [5, 120_000],
    [9, 120_000],
  ])('after failed delivery %i waits %i ms', (deliveryCount, expected) => {
    expect(retryDelayMs(deliveryCount, backoff)).toBe(expected);
  });

  it('retries at once when no backoff is configured', () => {
    expect(retryDelayMs(3, [])).toBe(0);
  });

  it('treats a nonsensical delivery count as the first', () => {
    expect(retryDelayMs(0, backoff)).toBe(1_000);
  });
});

describe('onFailure', () => {
  const policy = { maxDeliver: 3, backoffMs: [200, 400] };

  it('retries with the backoff step of the failed delivery until the last one', () => {
    expect(onFailure(1, policy)).toEqual({ kind: 'retry', delayMs: 200 });
    expect(onFailure(2, policy)).toEqual({ kind: 'retry', delayMs: 400 });
  });

  it('dead-letters after the last allowed delivery, and after any beyond it', () => {
    expect(onFailure(3, policy)).toEqual({ kind: 'dead-letter' });
    expect(onFailure(4, policy)).toEqual({ kind: 'dead-letter' });
  });

  it('dead-letters the first failure when only one delivery is allowed', () => {
    expect(onFailure(1, { maxDeliver: 1, backoffMs: [200] })).toEqual({ kind: 'dead-letter' });
  });
});

describe('validatePolicy', () => {
  it('accepts the default policy: five deliveries, 1 s to 2 min apart', () => {
    expect(validatePolicy(defaultDeliveryPolicy)).toEqual({
      maxDeliver: 5,
      backoffMs: [1_000, 5_000, 30_000, 120_000],
      ackWaitMs: 30_000,
    });
  });

  it.each([
    [{ ...defaultDeliveryPolicy, maxDeliver: 0 }, /maxDeliver/],
    [{ ...defaultDeliveryPolicy, maxDeliver: 2.5 }, /maxDeliver/],
    [{ ...defaultDeliveryPolicy, backoffMs: [100, -1] }, /backoffMs/],
    [{ ...defaultDeliveryPolicy, ackWaitMs: 10 }, /ackWaitMs/],
  ])('refuses %o', (policy, message) => {
    expect(() => validatePolicy(policy)).toThrow(message);
  });
});
