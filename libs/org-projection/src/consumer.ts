import type { NatsConnection } from '@nats-io/transport-node';
import type { TenantDatabase, TenantTx } from '@kinerja/platform/database';
import type { Logger } from '@kinerja/platform/logging';
import {
  eventStreamName,
  startEventConsumer,
  type DeliveryPolicy,
  type EventConsumer,
} from '@kinerja/platform/messaging';
import { applyIdentityEvent, decodeIdentityEvent, type ApplyOutcome, type IdentityMessage } from './applier.js';

export type OrgProjectionOptions = {
  connection: NatsConnection;
  tenants: TenantDatabase;
  /** Durable consumer name, unique per consuming service (`targets-org-projection`). */
  durable: string;
  /** The publishing service (default `identity`); tests use a private one so they never touch a real stream. */
  source?: string;
  /**
   * Runs after the event was applied, in the same transaction: a consuming service reacts to the fact (R6 on
   * employee.moved) seeing the projection as updated. It runs for stale events too; the inbox stops duplicates.
   */
  after?: (tx: TenantTx, message: IdentityMessage, outcome: ApplyOutcome) => Promise<void>;
  policy?: Partial<DeliveryPolicy>;
  logger?: Logger;
  expiresMs?: number;
};

/** One durable consumer of every identity event, applied to the projection through the inbox (exactly once). */
export function startOrgProjection(options: OrgProjectionOptions): EventConsumer {
  const source = options.source ?? 'identity';
  return startEventConsumer({
    connection: options.connection,
    tenants: options.tenants,
    stream: eventStreamName(source),
    durable: options.durable,
    filterSubject: `evt.${source}.*.>`,
    policy: options.policy,
    logger: options.logger,
    expiresMs: options.expiresMs,
    handle: async (event) => {
      const message = decodeIdentityEvent(event.type, event.payload);
      if (!message) return;
      const outcome = await applyIdentityEvent(event.tx, message, event.aggregateSeq);
      await options.after?.(event.tx, message, outcome);
    },
  });
}
