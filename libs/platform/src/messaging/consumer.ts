import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Counter, register, type Registry } from 'prom-client';
import type { TenantDatabase, TenantTx } from '../database/index.js';
import { createLogger, type Logger } from '../logging/index.js';
import { defaultDeliveryPolicy, onFailure, validatePolicy, type DeliveryPolicy } from './delivery-policy.js';
import { deadLetterHeaders, decodeEventMeta, fromNatsHeaders, toNatsHeaders } from './event-headers.js';
import { DEFAULT_DLQ_PREFIX, deadLetterSubject, ensureConsumer } from './streams.js';

// A durable event consumer (ARCHITECTURE.md "Reliability of messaging"): pull, handle each message in ONE
// tenant transaction that first records it in the inbox (a duplicate is acknowledged without effect), ack
// after commit, nak with backoff on failure, and dead-letter after the last delivery.

export type ConsumedEvent = {
  /** The outbox id of the publisher (ce-id), also the inbox key. */
  id: string;
  type: string;
  subject: string;
  tenantId: string;
  aggregateSeq: number;
  headers: Record<string, string>;
  payload: Uint8Array;
  deliveryCount: number;
  /** The tenant transaction the inbox row was written in; the handler's writes commit with it. */
  tx: TenantTx;
};

export type EventHandler = (event: ConsumedEvent) => Promise<void>;

export type EventConsumerOptions = {
  connection: NatsConnection;
  tenants: TenantDatabase;
  stream: string;
  /** Durable consumer name, also the inbox's `consumer` column. */
  durable: string;
  filterSubject: string;
  handle: EventHandler;
  policy?: Partial<DeliveryPolicy>;
  dlqPrefix?: string;
  /** Messages per pull request. */
  batchSize?: number;
  /** Pull request expiry; a lost server is noticed after about half of it (missed heartbeats). */
  expiresMs?: number;
  logger?: Logger;
  registry?: Registry;
};

// The server allows this many deliveries beyond the policy's, so that a failed dead-letter publish (or a
// worker that died on the last delivery) is retried instead of leaving the message stuck.
export const DEAD_LETTER_ATTEMPTS = 3;

const tracer = trace.getTracer('kinerja-messaging');

export function deadLetteredCounter(registry: Registry = register): Counter<'consumer'> {
  const name = 'kinerja_events_dead_lettered_total';
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<'consumer'>;
  return new Counter({
    name,
    help: 'Events a consumer gave up on and sent to the dead-letter stream',
    labelNames: ['consumer'],
    registers: [registry],
  });
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class EventConsumer {
  private readonly policy: DeliveryPolicy;
  private readonly log: Logger;
  private readonly deadLettered: Counter<'consumer'>;
  private readonly js: JetStreamClient;
  private jsm: JetStreamManager | undefined;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private closing = false;
  private interruptSleep: (() => void) | undefined;
  private markReady!: () => void;
  /** Resolves once the durable consumer exists and pulling has started. */
  readonly ready: Promise<void>;

  constructor(private readonly options: EventConsumerOptions) {
    this.policy = validatePolicy({ ...defaultDeliveryPolicy, ...options.policy });
    this.log = options.logger ?? createLogger(options.tenants.service);
    this.deadLettered = deadLetteredCounter(options.registry);
    this.js = jetstream(options.connection);
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
  }

  get durable(): string {
    return this.options.durable;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops pulling, finishes the message in hand, and returns; unacked buffered messages are redelivered later. */
  async close(): Promise<void> {
    this.closing = true;
    this.interruptSleep?.();
    await this.messages?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.closing) {
      try {
        this.jsm ??= await jetstreamManager(this.options.connection, { checkAPI: false });
        await ensureConsumer(this.jsm, {
          stream: this.options.stream,
          durable: this.options.durable,
          filterSubject: this.options.filterSubject,
          maxDeliver: this.policy.maxDeliver + DEAD_LETTER_ATTEMPTS,
          ackWaitMs: this.policy.ackWaitMs,
        });
        const consumer = await this.js.consumers.get(this.options.stream, this.options.durable);
        const messages = await consumer.consume({
          max_messages: this.options.batchSize ?? 32,
          expires: this.options.expiresMs ?? 30_000,
          // A deleted stream or consumer ends this pull loop; the outer loop creates the consumer again.
          abort_on_missing_resource: true,
        });
        this.messages = messages;
        if (this.closing) await messages.close();
        if (attempt > 0) this.log.info({ consumer: this.options.durable }, 'event consumer: pulling again');
        attempt = 0;
        this.markReady();
        for await (const msg of messages) {
          await this.process(msg);
          if (this.closing) break;
        }
        const ended = await messages.closed();
        if (ended instanceof Error) throw ended;
        if (!this.closing) throw new Error('the pull loop ended');
      } catch (error) {
        if (this.closing) break;
        if (this.options.connection.isClosed()) {
          this.log.error({ consumer: this.options.durable }, 'event consumer: NATS connection closed, stopping');
          break;
        }
        attempt += 1;
        this.log.warn(
          { consumer: this.options.durable, err: messageOf(error), attempt },
          'event consumer: cannot pull, retrying',
        );
        await this.sleep(Math.min(30_000, 250 * 2 ** Math.min(attempt - 1, 10)));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.interruptSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  // Never throws: every outcome ends in ack, nak or term.
  private async process(msg: JsMsg): Promise<void> {
    const headers = fromNatsHeaders(msg.headers);
    const deliveryCount = msg.info.deliveryCount;
    const meta = decodeEventMeta(headers);
    if (!meta.ok) return this.deadLetter(msg, headers, new Error(meta.problem));
    if (deliveryCount > this.policy.maxDeliver) {
      return this.deadLetter(msg, headers, new Error(`no outcome after ${this.policy.maxDeliver} deliveries`));
    }
    const parent = propagation.extract(ROOT_CONTEXT, headers);
    const span = tracer.startSpan(
      `process ${this.options.filterSubject}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': this.options.durable,
          'messaging.message.id': meta.value.id,
        },
      },
      parent,
    );
    try {
      const applied = await context.with(trace.setSpan(parent, span), () =>
        this.options.tenants.withTenant(meta.value.tenantId, async (tx) => {
          // A copy redelivered while a slow first attempt still runs waits on this row's lock, then skips.
          const [first] = (await tx.manager.query(
            `WITH ins AS (
               INSERT INTO inbox (tenant_id, consumer, message_id, subject) VALUES ($1, $2, $3, $4)
               ON CONFLICT DO NOTHING RETURNING 1
             ) SELECT count(*)::int AS inserted FROM ins`,
            [meta.value.tenantId, this.options.durable, meta.value.id, msg.subject],
          )) as { inserted: number }[];
          if (first?.inserted !== 1) return false;
          await this.options.handle({
            ...meta.value,
            subject: msg.subject,
            headers,
            payload: msg.data,
            deliveryCount,
            tx,
          });
          return true;
        }),
      );
      msg.ack();
      if (!applied)
        this.log.debug({ consumer: this.options.durable, id: meta.value.id }, 'event consumer: duplicate acknowledged');
    } catch (error) {
      span.recordException(error instanceof Error ? error : new Error(messageOf(error)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
      const action = onFailure(deliveryCount, this.policy);
      if (action.kind === 'retry') {
        this.log.warn(
          {
            consumer: this.options.durable,
            id: meta.value.id,
            deliveryCount,
            err: messageOf(error),
            retryInMs: action.delayMs,
          },
          'event consumer: handler failed',
        );
        msg.nak(action.delayMs);
      } else {
        await this.deadLetter(msg, headers, error);
      }
    } finally {
      span.end();
    }
  }

  private async deadLetter(msg: JsMsg, headers: Record<string, string>, error: unknown): Promise<void> {
    const id = headers['ce-id'] ?? `seq-${msg.seq}`;
    try {
      await this.js.publish(deadLetterSubject(msg.subject, this.options.dlqPrefix ?? DEFAULT_DLQ_PREFIX), msg.data, {
        headers: toNatsHeaders(deadLetterHeaders(headers, this.options.durable, error)),
        // One dead-letter copy per consumer and message, even if this publish is retried.
        msgID: `${this.options.durable}:${id}`,
      });
    } catch (publishError) {
      this.log.error(
        { consumer: this.options.durable, id, err: messageOf(publishError) },
        'event consumer: dead-letter publish failed, will retry',
      );
      msg.nak(this.policy.backoffMs[0] ?? 1_000);
      return;
    }
    msg.term();
    this.deadLettered.inc({ consumer: this.options.durable });
    this.log.error(
      {
        consumer: this.options.durable,
        id,
        subject: msg.subject,
        deliveries: msg.info.deliveryCount,
        err: messageOf(error),
      },
      'event dead-lettered',
    );
  }
}

/** Creates the durable consumer and starts pulling; close() stops it. */
export function startEventConsumer(options: EventConsumerOptions): EventConsumer {
  const consumer = new EventConsumer(options);
  consumer.start();
  return consumer;
}
