import { randomUUID } from 'node:crypto';
import { toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { context, propagation } from '@opentelemetry/api';
import type { QueryRunner } from 'typeorm';

// The transactional outbox (ARCHITECTURE.md "Reliability of messaging"): a handler records events while it
// works; they are inserted in the same transaction as the change, numbered per aggregate, and a NOTIFY wakes
// the relay at commit.

export const OUTBOX_CHANNEL = 'kinerja_outbox';

export type OutboxEvent = {
  /** Aggregate kind, a subject token (`employee`). */
  aggregateType: string;
  aggregateId: string;
  /** Past-tense event name, a subject token (`created`, `status-changed`). */
  event: string;
  /** Full protobuf message name, the `ce-type` header. */
  type: string;
  payload: Uint8Array;
};

export type RecordedEvent = OutboxEvent & { id: string; subject: string; headers: Record<string, string> };

const token = /^[a-z][a-z0-9-]*$/;

export class OutboxWriter {
  private readonly events: RecordedEvent[] = [];

  constructor(
    private readonly service: string,
    private readonly tenantId: string,
  ) {}

  record(event: OutboxEvent): RecordedEvent {
    if (!token.test(event.aggregateType) || !token.test(event.event)) {
      throw new Error(`Outbox event names must be subject tokens: ${event.aggregateType}.${event.event}`);
    }
    const headers: Record<string, string> = {};
    // The trace that caused the change continues in every consumer.
    propagation.inject(context.active(), headers);
    const recorded: RecordedEvent = {
      ...event,
      id: randomUUID(),
      subject: `evt.${this.service}.${this.tenantId}.${event.aggregateType}.${event.event}`,
      headers,
    };
    this.events.push(recorded);
    return recorded;
  }

  /** Records a protobuf event message; its full name becomes the event type. */
  publish<Desc extends DescMessage>(
    schema: Desc,
    message: MessageShape<Desc>,
    meta: { aggregateType: string; aggregateId: string; event: string },
  ): RecordedEvent {
    return this.record({ ...meta, type: schema.typeName, payload: toBinary(schema, message) });
  }

  drain(): RecordedEvent[] {
    return this.events.splice(0, this.events.length);
  }
}

// One round trip: number the events per aggregate, insert them, notify the relay.
const insertSql = `
WITH ev AS (
  SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[], $8::text[])
    WITH ORDINALITY AS e(id, aggregate_type, aggregate_id, event_type, subject, payload, headers, ord)
), counts AS (
  SELECT aggregate_type, aggregate_id, count(*) AS n FROM ev GROUP BY aggregate_type, aggregate_id
), seq AS (
  INSERT INTO aggregate_sequence AS s (tenant_id, aggregate_type, aggregate_id, last_seq)
  SELECT $1, aggregate_type, aggregate_id, n FROM counts
  ON CONFLICT (tenant_id, aggregate_type, aggregate_id) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
  RETURNING aggregate_type, aggregate_id, last_seq
), numbered AS (
  SELECT ev.*, seq.last_seq
           - count(*) OVER (PARTITION BY ev.aggregate_type, ev.aggregate_id)
           + row_number() OVER (PARTITION BY ev.aggregate_type, ev.aggregate_id ORDER BY ev.ord) AS aggregate_seq
  FROM ev JOIN seq USING (aggregate_type, aggregate_id)
), ins AS (
  INSERT INTO outbox (tenant_id, id, aggregate_type, aggregate_id, aggregate_seq, event_type, subject, payload, headers)
  SELECT $1, id, aggregate_type, aggregate_id, aggregate_seq, event_type, subject, payload, headers::jsonb
  FROM numbered ORDER BY ord
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins) AS inserted, pg_notify('${OUTBOX_CHANNEL}', '')`;

export async function insertOutboxEvents(
  runner: QueryRunner,
  tenantId: string,
  events: RecordedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await runner.query(insertSql, [
    tenantId,
    events.map((e) => e.id),
    events.map((e) => e.aggregateType),
    events.map((e) => e.aggregateId),
    events.map((e) => e.type),
    events.map((e) => e.subject),
    events.map((e) => Buffer.from(e.payload)),
    events.map((e) => JSON.stringify(e.headers)),
  ]);
}
