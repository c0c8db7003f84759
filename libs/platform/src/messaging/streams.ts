import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerInfo,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

// JetStream provisioning, run at every boot; creating or updating is idempotent.
//
// Events are kept 30 days: long enough for a consumer that was down over a long weekend plus the time to
// notice, repair and catch up, short of what the disk must hold. JetStream is not the durable record
// (ARCHITECTURE.md "Reliability of messaging"): the outbox keeps published rows for OUTBOX_RETENTION_DAYS
// and the operator's replay re-publishes a time range when the stream lost data.

export const EVENT_MAX_AGE_DAYS = 30;
export const DUPLICATE_WINDOW_MS = 2 * 60_000;
export const DEFAULT_DLQ_STREAM = 'DLQ';
export const DEFAULT_DLQ_PREFIX = 'dlq';

const dayMs = 24 * 60 * 60_000;

export function eventStreamName(service: string): string {
  return `EVT_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function eventSubjects(service: string): string[] {
  return [`evt.${service}.>`];
}

/** The publishing service of an event subject `evt.<service>.<tenant>.<aggregate>.<event>` (or a filter on it). */
export function serviceOfSubject(subject: string): string {
  const [kind, service] = subject.split('.');
  if (kind !== 'evt' || !service || service === '*' || service === '>') {
    throw new Error(`Not an event subject of one service: ${subject}`);
  }
  return service;
}

export function deadLetterSubject(subject: string, prefix = DEFAULT_DLQ_PREFIX): string {
  return `${prefix}.${subject}`;
}

export type EventStreamOptions = {
  /** Overrides EVT_<SERVICE> (tests use their own names so they never touch a real stream). */
  stream?: string;
  dlqStream?: string;
  dlqPrefix?: string;
  /** 3 on a production cluster; 1 on a single dev server. */
  replicas?: number;
  maxAgeDays?: number;
};

export type EventStreams = { stream: string; dlqStream: string; dlqPrefix: string };

export async function ensureEventStreams(
  jsm: JetStreamManager,
  service: string,
  options: EventStreamOptions = {},
): Promise<EventStreams> {
  const stream = options.stream ?? eventStreamName(service);
  const dlqStream = options.dlqStream ?? DEFAULT_DLQ_STREAM;
  const dlqPrefix = options.dlqPrefix ?? DEFAULT_DLQ_PREFIX;
  const common = {
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas ?? 1,
    max_age: nanos((options.maxAgeDays ?? EVENT_MAX_AGE_DAYS) * dayMs),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
  await ensureStream(jsm, {
    ...common,
    name: stream,
    subjects: eventSubjects(service),
    description: `Events of ${service}`,
  });
  await ensureStream(jsm, {
    ...common,
    name: dlqStream,
    subjects: [`${dlqPrefix}.>`],
    description: 'Dead-lettered events',
  });
  return { stream, dlqStream, dlqPrefix };
}

// JetStream API error code of "stream name already in use" (not among the client's named codes).
const STREAM_NAME_IN_USE = 10058;

const isApiError = (error: unknown, code: number) => error instanceof JetStreamApiError && error.code === code;

export async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string; subjects: string[] },
): Promise<StreamInfo> {
  const { name, storage: _storage, ...mutable } = config;
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    try {
      return await jsm.streams.add(config);
    } catch (addError) {
      // Another process created it in between: fall through to the update.
      if (!isApiError(addError, STREAM_NAME_IN_USE)) throw addError;
    }
  }
  return jsm.streams.update(name, mutable);
}

export type DurableConsumerSpec = {
  stream: string;
  durable: string;
  filterSubject: string;
  /** Deliveries the server allows in all. */
  maxDeliver: number;
  ackWaitMs: number;
};

// The retry delays are applied with nak(delay), not the consumer's `backoff`: a server-side backoff replaces
// the ack wait with its first step, which would redeliver a slow but healthy handler after one second.
export async function ensureConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<ConsumerInfo> {
  const mutable = {
    description: `Durable consumer ${spec.durable} of ${spec.filterSubject}`,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    max_ack_pending: 1_000,
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    return jsm.consumers.add(spec.stream, {
      ...mutable,
      durable_name: spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: spec.filterSubject,
    });
  }
  return jsm.consumers.update(spec.stream, spec.durable, mutable);
}
