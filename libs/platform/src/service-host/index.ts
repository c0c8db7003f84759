import 'reflect-metadata';
import http from 'node:http';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { TokenVerifier } from '../auth/index.js';
import { createServiceDataSource, TenantDatabase, type ServiceDataSourceOptions } from '../database/index.js';
import { createLogger, nestLogger, type Logger } from '../logging/index.js';
import {
  ensureEventStreams,
  OutboxRelay,
  RpcErrorFilter,
  rpcServerOptions,
  RpcTracingInterceptor,
} from '../messaging/index.js';

// Boots one service the same way for all: database, NATS request-reply handlers (queue group = service), the
// outbox relay, event streams, probes and metrics over HTTP, and a clean stop on SIGTERM.

export type ServiceHostConfig = {
  DB_URL: string;
  DB_POOL_MAX: number;
  NATS_URL: string;
  OIDC_ISSUERS: string[];
  OIDC_AUDIENCE: string;
  OIDC_JWKS_URL?: string;
  HTTP_HOST: string;
  HTTP_PORT: number;
  OUTBOX_RETENTION_DAYS: number;
};

export type ServiceContext = {
  db: TenantDatabase;
  dataSource: DataSource;
  nats: NatsConnection;
  verifier: TokenVerifier;
  logger: Logger;
};

export type ServiceHostOptions = {
  service: string;
  config: ServiceHostConfig;
  entities: NonNullable<ServiceDataSourceOptions['entities']>;
  module(context: ServiceContext): DynamicModule | Promise<DynamicModule>;
};

export type RunningService = ServiceContext & { app: INestMicroservice; healthUrl: string; close(): Promise<void> };

export async function startService(options: ServiceHostOptions): Promise<RunningService> {
  const { config, service } = options;
  const logger = createLogger(service);
  const dataSource = createServiceDataSource({
    url: config.DB_URL,
    service,
    entities: options.entities,
    poolMax: config.DB_POOL_MAX,
  });
  await dataSource.initialize();
  const nats = await connect({
    servers: config.NATS_URL,
    name: `kinerja-${service}`,
    maxReconnectAttempts: -1,
    noAsyncTraces: true,
  });
  await ensureEventStreams(await jetstreamManager(nats), service);
  const verifier = new TokenVerifier({
    issuers: config.OIDC_ISSUERS,
    audience: config.OIDC_AUDIENCE,
    jwksUrl: config.OIDC_JWKS_URL,
  });
  const context: ServiceContext = { db: new TenantDatabase(dataSource, service), dataSource, nats, verifier, logger };

  const app = await NestFactory.createMicroservice(await options.module(context), {
    ...rpcServerOptions({ url: config.NATS_URL, service }),
    logger: nestLogger(logger),
  });
  app.useGlobalFilters(new RpcErrorFilter(logger));
  app.useGlobalInterceptors(new RpcTracingInterceptor());
  await app.listen();

  const relay = new OutboxRelay({
    url: config.DB_URL,
    service,
    connection: nats,
    retentionDays: config.OUTBOX_RETENTION_DAYS,
    logger,
  });
  await relay.start();

  const probes = http.createServer((req, res) => {
    void (async () => {
      if (req.url === '/health/live')
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      if (req.url === '/health/ready') {
        const natsOk = !nats.isClosed();
        const dbOk = await dataSource.query('SELECT 1').then(
          () => true,
          () => false,
        );
        const ok = natsOk && dbOk;
        return res
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', nats: natsOk, database: dbOk }));
      }
      if (req.url === '/metrics')
        return res.writeHead(200, { 'content-type': register.contentType }).end(await register.metrics());
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => probes.listen(config.HTTP_PORT, config.HTTP_HOST, resolve));
  const address = probes.address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  logger.info({ port }, `${service} ready`);

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    probes.close();
    await app.close();
    await relay.stop();
    await nats.drain().catch(() => undefined);
    await dataSource.destroy();
  };
  return { ...context, app, healthUrl: `http://127.0.0.1:${port}/health/ready`, close };
}

/** Stops the service on SIGINT/SIGTERM and exits. */
export function stopOnSignals(running: { close(): Promise<void> }, logger: Logger): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      void running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
}
