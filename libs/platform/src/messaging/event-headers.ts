import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { isUuid } from '../database/uuid.js';

// Event headers (ARCHITECTURE.md "Contracts"): CloudEvents attributes in binary mode plus the tenant and the
// per-aggregate sequence, so a consumer can route by tenant and notice a gap.

export const eventHeader = {
  id: 'ce-id',
  type: 'ce-type',
  source: 'ce-source',
  time: 'ce-time',
  specVersion: 'ce-specversion',
  tenant: 'kinerja-tenant',
  aggregateType: 'kinerja-aggregate-type',
  aggregateId: 'kinerja-aggregate-id',
  aggregateSeq: 'kinerja-aggregate-seq',
  dlqError: 'kinerja-dlq-error',
  dlqConsumer: 'kinerja-dlq-consumer',
} as const;

/** The columns of an outbox row the relay publishes. */
export type OutboxRowHeaders = {
  id: string;
  tenantId: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  aggregateSeq: number | string;
  createdAt: Date;
  /** Headers recorded with the event (the W3C trace context of the change). */
  stored: unknown;
};

// JetStream's own headers are set by the client from the publish options, never copied from stored data.
const reserved = (name: string) => name.startsWith('nats-');

export function eventHeadersOf(row: OutboxRowHeaders, service: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof row.stored === 'object' && row.stored !== null) {
    for (const [name, value] of Object.entries(row.stored)) {
      const key = name.toLowerCase();
      if (typeof value === 'string' && !reserved(key)) result[key] = value;
    }
  }
  return Object.assign(result, {
    [eventHeader.id]: row.id,
    [eventHeader.type]: row.eventType,
    [eventHeader.source]: `kinerja/${service}`,
    [eventHeader.time]: row.createdAt.toISOString(),
    [eventHeader.specVersion]: '1.0',
    [eventHeader.tenant]: row.tenantId,
    [eventHeader.aggregateType]: row.aggregateType,
    [eventHeader.aggregateId]: row.aggregateId,
    [eventHeader.aggregateSeq]: String(row.aggregateSeq),
  });
}

export function toNatsHeaders(record: Record<string, string>): MsgHdrs {
  const result = natsHeaders();
  for (const [name, value] of Object.entries(record)) result.set(name, value);
  return result;
}

/** Header names lowercased, first value of each. */
export function fromNatsHeaders(source: MsgHdrs | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!source) return result;
  for (const [name, values] of source) {
    const key = name.toLowerCase();
    if (!(key in result) && values[0] !== undefined) result[key] = values[0];
  }
  return result;
}

export type EventMeta = { id: string; type: string; tenantId: string; aggregateSeq: number };

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Reads the attributes a consumer needs; a message without them can never be handled (poison). */
export function decodeEventMeta(headers: Record<string, string>): Decoded<EventMeta> {
  const id = headers[eventHeader.id];
  const type = headers[eventHeader.type];
  const tenantId = headers[eventHeader.tenant];
  const seq = headers[eventHeader.aggregateSeq];
  if (!id) return { ok: false, problem: `missing header ${eventHeader.id}` };
  if (!type) return { ok: false, problem: `missing header ${eventHeader.type}` };
  if (!tenantId || !isUuid(tenantId)) return { ok: false, problem: `header ${eventHeader.tenant} is not a tenant id` };
  if (!seq || !/^[1-9][0-9]*$/.test(seq))
    return { ok: false, problem: `header ${eventHeader.aggregateSeq} is not a sequence` };
  return { ok: true, value: { id, type, tenantId, aggregateSeq: Number(seq) } };
}

/** What a dead-lettered copy carries: the original headers, why it failed (message only) and who gave up. */
export function deadLetterHeaders(
  original: Record<string, string>,
  consumer: string,
  error: unknown,
): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(original).filter(([name]) => !reserved(name)));
  const message = error instanceof Error ? error.message : String(error);
  // Header values are one line.
  const oneLine = message.replace(/[\r\n]+/g, ' ').slice(0, 1_000);
  return { ...kept, [eventHeader.dlqError]: oneLine || 'unknown error', [eventHeader.dlqConsumer]: consumer };
}
