import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { pino } from 'pino';
import { testNatsUrl, uniqueName } from '@kinerja/testing';
import { ServiceError } from '../errors/index.js';
import { createRpcClient, RpcCallError, type RpcClient } from './rpc-client.js';
import { RpcErrorFilter } from './rpc-error.filter.js';
import { RpcHeaders, rpcServerOptions, RpcTracingInterceptor } from './rpc-server.js';

const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

const service = uniqueName('msgtest');
const subject = (name: string) => `rpc.${service}.widget.${name}`;

@Controller()
class WidgetRpcController {
  @MessagePattern(subject('get'))
  get(@Payload() data: { id: string }) {
    return { id: data.id, name: 'Widget' };
  }

  @MessagePattern(subject('validate'))
  validate(): never {
    throw new ServiceError('VALIDATION_FAILED', 'Data tidak valid', [
      { field: 'name', code: 'REQUIRED', message: 'Nama wajib diisi' },
    ]);
  }

  @MessagePattern(subject('crash'))
  crash(): never {
    throw new Error('cannot reach postgres://app:hunter2@db');
  }

  @MessagePattern(subject('slow'))
  async slow() {
    await new Promise((r) => setTimeout(r, 800));
    return 'late';
  }

  @MessagePattern(subject('headers'))
  headers(@RpcHeaders() all: Record<string, string>, @RpcHeaders('Authorization') authorization: string | undefined) {
    return { all, authorization };
  }
}

@Module({ controllers: [WidgetRpcController] })
class WidgetRpcModule {}

describe('RPC over NATS', () => {
  const logLines: string[] = [];
  let app: INestMicroservice;
  let nc: NatsConnection;
  let client: RpcClient;

  beforeAll(async () => {
    const url = await testNatsUrl();
    app = await NestFactory.createMicroservice<MicroserviceOptions>(WidgetRpcModule, {
      ...rpcServerOptions({ url, service, gracePeriodMs: 100 }),
      logger: false,
    });
    app.useGlobalFilters(
      new RpcErrorFilter(pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) })),
    );
    app.useGlobalInterceptors(new RpcTracingInterceptor());
    await app.listen();
    nc = await connect({ servers: url });
    client = createRpcClient({ connection: nc, timeoutMs: 2_000 });
  });

  afterAll(async () => {
    await nc.close();
    await app.close();
  });

  it('round-trips a request through the Nest microservice', async () => {
    await expect(client.send(subject('get'), { id: 'w1' })).resolves.toEqual({ id: 'w1', name: 'Widget' });
  });

  it('turns a ServiceError into an RpcCallError with the same code, message and fields', async () => {
    const error = await client.send(subject('validate'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcCallError);
    expect((error as RpcCallError).toBody()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Data tidak valid',
      fields: [{ field: 'name', code: 'REQUIRED', message: 'Nama wajib diisi' }],
    });
  });

  it('answers an unexpected error with INTERNAL and logs its stack on the server only', async () => {
    const error = await client.send(subject('crash'), {}).catch((e: unknown) => e);
    expect((error as RpcCallError).toBody()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    const logged = logLines.map((l) => JSON.parse(l) as { msg: string; subject?: string; err?: { stack?: string } });
    const line = logged.find((l) => l.msg === 'rpc handler failed' && l.subject === subject('crash'));
    expect(line?.err?.stack).toContain('cannot reach postgres');
  });

  it('gives up after the timeout with UNAVAILABLE', async () => {
    const started = Date.now();
    const error = await client.send(subject('slow'), {}, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcCallError);
    expect((error as RpcCallError).code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(700);
    // The late reply finds no one waiting and is dropped.
    await new Promise((r) => setTimeout(r, 700));
  });

  it('answers UNAVAILABLE at once when no service listens', async () => {
    const started = Date.now();
    const error = await client.send(`rpc.${service}.nobody.listens`, {}).catch((e: unknown) => e);
    expect((error as RpcCallError).code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('carries the caller headers and the trace context to the handler, which continues the trace', async () => {
    spans.reset();
    const reply = await client.send<{ all: Record<string, string>; authorization?: string }>(
      subject('headers'),
      {},
      { headers: { authorization: 'Bearer abc.def.ghi', 'kinerja-request-id': 'req-42' } },
    );
    expect(reply.authorization).toBe('Bearer abc.def.ghi');
    expect(reply.all['kinerja-request-id']).toBe('req-42');
    const clientSpan = spans
      .getFinishedSpans()
      .find((s) => s.kind === SpanKind.CLIENT && s.name === `rpc ${subject('headers')}`);
    const serverSpan = spans
      .getFinishedSpans()
      .find((s) => s.kind === SpanKind.SERVER && s.name === `rpc ${subject('headers')}`);
    const { traceId, spanId } = clientSpan?.spanContext() ?? { traceId: 'none', spanId: 'none' };
    expect(reply.all.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(serverSpan?.spanContext().traceId).toBe(traceId);
    expect(serverSpan?.parentSpanContext?.spanId).toBe(spanId);
  });

  it("replies in Nest's envelope: the request id, the response and isDisposed", async () => {
    const msg = await nc.request(
      subject('get'),
      JSON.stringify({ pattern: subject('get'), data: { id: 'w9' }, id: 'r-1' }),
    );
    expect(JSON.parse(msg.string())).toEqual({ response: { id: 'w9', name: 'Widget' }, id: 'r-1', isDisposed: true });
    const failed = await nc.request(
      subject('validate'),
      JSON.stringify({ pattern: subject('validate'), data: {}, id: 'r-2' }),
    );
    expect(JSON.parse(failed.string())).toMatchObject({
      id: 'r-2',
      isDisposed: true,
      err: { code: 'VALIDATION_FAILED' },
    });
  });

  it('answers every one of many concurrent calls with its own reply (writes of one turn are sent together)', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const replies = await Promise.all(ids.map((id) => client.send<{ id: string }>(subject('get'), { id })));
    expect(replies.map((r) => r.id)).toEqual(ids);
  });

  it('fails the calls in flight with UNAVAILABLE when the connection closes, without waiting for the timeout', async () => {
    const own = await connect({ servers: await testNatsUrl() });
    const ownClient = createRpcClient({ connection: own, timeoutMs: 5_000 });
    const started = Date.now();
    const call = ownClient.send(subject('slow'), {}).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    const error = await call;
    expect((error as RpcCallError).code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_000);
    const after = await ownClient.send(subject('get'), { id: 'x' }).catch((e: unknown) => e);
    expect((after as RpcCallError).code).toBe('UNAVAILABLE');
    // Let the late reply of the slow handler go before the server stops.
    await new Promise((r) => setTimeout(r, 800));
  });
});
