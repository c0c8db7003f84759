import {
  BaseRpcContext,
  EventPattern,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Registry } from 'prom-client';
import type { TenantDatabase } from '../database/index.js';
import { createLogger, type Logger } from '../logging/index.js';
import { EventConsumer, type ConsumedEvent } from './consumer.js';
import type { DeliveryPolicy } from './delivery-policy.js';
import { eventStreamName, serviceOfSubject } from './streams.js';

// JetStream consumers as a NestJS transport: a service declares
//   @ConsumeEvent('evt.identity.*.employee.created', { durable: 'targets-employee-created' })
//   async onEmployeeCreated(@Payload() event: ConsumedEvent) { … event.tx … }
// and gets one durable pull consumer per handler (see consumer.ts for inbox, retries and dead-lettering).

export const JETSTREAM_TRANSPORT = Symbol('kinerja-jetstream');

export type ConsumeEventOptions = {
  /** Durable consumer name, unique per consuming service and event (`<service>-<what it does>`). */
  durable: string;
  /** Overrides the publishing service's stream (tests). */
  stream?: string;
  policy?: Partial<DeliveryPolicy>;
};

/** Bound to this transport, so the core-NATS RPC server never subscribes to event subjects. */
export const ConsumeEvent = (subject: string, options: ConsumeEventOptions): MethodDecorator =>
  EventPattern<string>(subject, JETSTREAM_TRANSPORT, options);

/** The context of an event handler: `@Ctx() ctx: JetStreamContext`. */
export class JetStreamContext extends BaseRpcContext<[ConsumedEvent]> {
  getEvent(): ConsumedEvent {
    return this.getArgByIndex(0);
  }
}

export type JetStreamServerOptions = {
  tenants: TenantDatabase;
  /** A connection to share; otherwise one is opened to `url` and drained on close. */
  connection?: NatsConnection;
  url?: string;
  /** Defaults for every handler; a handler's own policy wins. */
  policy?: Partial<DeliveryPolicy>;
  dlqPrefix?: string;
  batchSize?: number;
  expiresMs?: number;
  logger?: Logger;
  registry?: Registry;
};

function consumeOptionsOf(pattern: string, extras: unknown): ConsumeEventOptions {
  const value = (typeof extras === 'object' && extras !== null ? extras : {}) as Record<string, unknown>;
  if (typeof value.durable !== 'string' || value.durable === '') {
    throw new Error(`Event handler for ${pattern} needs a durable name: @ConsumeEvent(subject, { durable })`);
  }
  return {
    durable: value.durable,
    stream: typeof value.stream === 'string' ? value.stream : undefined,
    policy:
      typeof value.policy === 'object' && value.policy !== null ? (value.policy as Partial<DeliveryPolicy>) : undefined,
  };
}

export class JetStreamServer extends Server implements CustomTransportStrategy {
  override transportId = JETSTREAM_TRANSPORT;
  private readonly consumers: EventConsumer[] = [];
  private readonly log: Logger;
  private connection: NatsConnection | undefined;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.log = options.logger ?? createLogger(options.tenants.service);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.connection =
        this.options.connection ??
        (await connect({
          servers: this.options.url,
          name: `kinerja-${this.options.tenants.service}-events`,
          maxReconnectAttempts: -1,
        }));
      for (const [pattern, handler] of this.getHandlers()) {
        // Request-reply patterns belong to the RPC server.
        if (!handler.isEventHandler) continue;
        if (handler.next) throw new Error(`Only one event handler per subject: ${pattern}`);
        const own = consumeOptionsOf(pattern, handler.extras);
        const consumer = new EventConsumer({
          connection: this.connection,
          tenants: this.options.tenants,
          stream: own.stream ?? eventStreamName(serviceOfSubject(pattern)),
          durable: own.durable,
          filterSubject: pattern,
          handle: (event) => this.invoke(handler, event),
          policy: { ...this.options.policy, ...own.policy },
          dlqPrefix: this.options.dlqPrefix,
          batchSize: this.options.batchSize,
          expiresMs: this.options.expiresMs,
          logger: this.log,
          registry: this.options.registry,
        });
        consumer.start();
        this.consumers.push(consumer);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Resolves when every consumer is pulling (the publishers' streams exist). */
  async ready(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.ready));
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.splice(0).map((c) => c.close()));
    if (this.connection && !this.options.connection) await this.connection.drain();
    this.connection = undefined;
  }

  on(): never {
    throw new Error('JetStreamServer has no status events');
  }

  unwrap<T>(): T {
    if (!this.connection) throw new Error('JetStreamServer is not listening');
    return this.connection as T;
  }

  private async invoke(handler: MessageHandler, event: ConsumedEvent): Promise<void> {
    // Guards, interceptors, pipes and filters run as for any Nest handler; errors come back out to be retried.
    const result: unknown = await handler(event, new JetStreamContext([event]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
