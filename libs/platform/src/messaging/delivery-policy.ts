// What a consumer does with a message whose handler failed (ARCHITECTURE.md "Reliability of messaging"):
// retry later with a growing delay, and after the last allowed delivery dead-letter it.

export type DeliveryPolicy = {
  /** Deliveries in all, the first included; the last failed one is dead-lettered. */
  maxDeliver: number;
  /** Delay before delivery n+1 after delivery n failed: backoffMs[n-1], the last step repeating. */
  backoffMs: readonly number[];
  /** How long the server waits for an ack before it redelivers (a worker that died mid-message). */
  ackWaitMs: number;
};

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxDeliver: 5,
  backoffMs: [1_000, 5_000, 30_000, 120_000],
  ackWaitMs: 30_000,
};

export type FailureAction = { kind: 'retry'; delayMs: number } | { kind: 'dead-letter' };

export function retryDelayMs(deliveryCount: number, backoffMs: readonly number[]): number {
  if (backoffMs.length === 0) return 0;
  const step = Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1;
  return backoffMs[step] ?? 0;
}

export function onFailure(
  deliveryCount: number,
  policy: Pick<DeliveryPolicy, 'maxDeliver' | 'backoffMs'>,
): FailureAction {
  return deliveryCount >= policy.maxDeliver
    ? { kind: 'dead-letter' }
    : { kind: 'retry', delayMs: retryDelayMs(deliveryCount, policy.backoffMs) };
}

export function validatePolicy(policy: DeliveryPolicy): DeliveryPolicy {
  if (!Number.isInteger(policy.maxDeliver) || policy.maxDeliver < 1)
    throw new Error('maxDeliver must be a positive integer');
  if (policy.backoffMs.some((ms) => !Number.isFinite(ms) || ms < 0)) throw new Error('backoffMs must hold delays >= 0');
  if (!(policy.ackWaitMs >= 1_000)) throw new Error('ackWaitMs must be at least 1000');
  return policy;
}
