import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { testNatsUrl, uniqueName } from '@kinerja/testing';
import { coalesceWrites } from './nats-writes.js';

describe('coalesceWrites', () => {
  let writer: NatsConnection;
  let reader: NatsConnection;

  beforeAll(async () => {
    const url = await testNatsUrl();
    writer = coalesceWrites(await connect({ servers: url }));
    reader = await connect({ servers: url });
  });

  afterAll(async () => {
    await writer.close();
    await reader.close();
  });

  it('delivers what one turn published, in order, and flush() still waits for the server', async () => {
    const subject = uniqueName('coalesce');
    const received: string[] = [];
    const sub = reader.subscribe(subject, { callback: (_err, msg) => void received.push(msg.string()) });
    await reader.flush();
    for (let i = 0; i < 500; i++) writer.publish(subject, String(i));
    await writer.flush();
    await reader.flush();
    const deadline = Date.now() + 2_000;
    while (received.length < 500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    sub.unsubscribe();
    expect(received).toEqual(Array.from({ length: 500 }, (_, i) => String(i)));
  });

  it('writes a buffer past the pending limit at once, without waiting for the turn to end', async () => {
    const subject = uniqueName('coalesce_big');
    const received: number[] = [];
    const sub = reader.subscribe(subject, { callback: (_err, msg) => void received.push(msg.data.length) });
    await reader.flush();
    const big = new Uint8Array(200 * 1024);
    for (let i = 0; i < 20; i++) writer.publish(subject, big);
    await writer.flush();
    const deadline = Date.now() + 2_000;
    while (received.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    sub.unsubscribe();
    expect(received).toEqual(Array.from({ length: 20 }, () => big.length));
  });

  it('leaves a connection it cannot recognise as it is', () => {
    const stranger = { close: () => Promise.resolve() } as unknown as NatsConnection;
    expect(coalesceWrites(stranger)).toBe(stranger);
  });
});
