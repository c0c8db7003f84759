import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { testNatsUrl, uniqueName } from '@kinerja/testing';
import { ensureConsumer, ensureEventStreams } from './streams.js';

describe(ensureEventStreams.name, () => {
  const service = uniqueName('msgtest');
  const options = { dlqStream: `DLQ_${service}`, dlqPrefix: `dlq_${service}` };
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connect({ servers: await testNatsUrl() });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await jsm.streams.delete(`EVT_${service.toUpperCase()}`).catch(() => undefined);
    await jsm.streams.delete(options.dlqStream).catch(() => undefined);
    await nc.close();
  });

  it('creates the event and dead-letter streams once and leaves them as they are on every later boot', async () => {
    const first = await ensureEventStreams(jsm, service, options);
    const again = await ensureEventStreams(jsm, service, options);
    expect(again).toEqual(first);
    expect(first).toEqual({ stream: `EVT_${service.toUpperCase()}`, ...options });
    const events = await jsm.streams.info(first.stream);
    expect(events.config).toMatchObject({
      subjects: [`evt.${service}.>`],
      storage: 'file',
      duplicate_window: nanos(120_000),
      max_age: nanos(30 * 24 * 3_600_000),
    });
    expect((await jsm.streams.info(first.dlqStream)).config.subjects).toEqual([`${options.dlqPrefix}.>`]);
  });

  it('creates a durable consumer and updates its limits in place', async () => {
    const { stream } = await ensureEventStreams(jsm, service, options);
    const spec = {
      stream,
      durable: uniqueName('durable'),
      filterSubject: `evt.${service}.*.widget.>`,
      maxDeliver: 8,
      ackWaitMs: 30_000,
    };
    const created = await ensureConsumer(jsm, spec);
    expect(created.config).toMatchObject({
      durable_name: spec.durable,
      ack_policy: 'explicit',
      max_deliver: 8,
      filter_subject: spec.filterSubject,
    });
    const updated = await ensureConsumer(jsm, { ...spec, maxDeliver: 4, ackWaitMs: 10_000 });
    expect(updated.config).toMatchObject({ max_deliver: 4, ack_wait: nanos(10_000) });
    expect(updated.created).toEqual(created.created);
  });
});
