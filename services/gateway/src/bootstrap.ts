import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { TokenVerifier } from '@kinerja/platform/auth';
import { createLogger, nestLogger, type Logger } from '@kinerja/platform/logging';
import { coalesceWrites, createRpcClient, openUploads } from '@kinerja/platform/rpc';
import type { GatewayConfig } from './config.js';
import { GatewayModule } from './gateway.module.js';
import { mapError, ProblemFilter, sendProblem } from './http/problem.filter.js';
import { ProblemException } from './http/problem.js';
import { RateLimiter } from './http/rate-limiter.js';

export type Gateway = { app: NestFastifyApplication; url: string; logger: Logger; close(): Promise<void> };

export type GatewayOptions = {
  /** Serve the OpenAPI document and its UI (off only in API tests run under Jest, which cannot load @fastify/static). */
  docs?: boolean;
};

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = createLogger('gateway');
  // One write per event-loop turn and no stack trace taken per request: the RPC hot path (tools/bench/gateway-rpc).
  const nats = coalesceWrites(
    await connect({ servers: config.NATS_URL, name: 'kinerja-gateway', maxReconnectAttempts: -1, noAsyncTraces: true }),
  );
  const idempotency = await new Kvm(nats).create(config.IDEMPOTENCY_BUCKET, {
    ttl: config.IDEMPOTENCY_TTL_SECONDS * 1000,
  });
  const verifier = new TokenVerifier({
    issuers: config.OIDC_ISSUERS,
    audience: config.OIDC_AUDIENCE,
    jwksUrl: config.OIDC_JWKS_URL,
  });
  const rpc = createRpcClient({ connection: nats, timeoutMs: config.NATS_RPC_TIMEOUT_MS });

  const adapter = new FastifyAdapter({
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    trustProxy: config.HTTP_TRUST_PROXY,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forRoot({ config, nats, idempotency, uploads: openUploads(nats), rpc, verifier }),
    adapter,
    { logger: nestLogger(logger), abortOnError: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // multipart/form-data for uploads (bulk import); the size and part limits are set per route.
  await app.register(fastifyMultipart as never, { limits: { fileSize: config.IMPORT_MAX_BYTES, files: 1 } });

  // Errors raised before Nest's pipeline (body parsing, size limits) get the same problem+json as the rest.
  fastify.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.code === 'INTERNAL') logger.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, mapped);
  });
  const perIp = new RateLimiter(config.RATE_LIMIT_PER_IP);
  fastify.addHook('onRequest', async (request, reply) => {
    (request as { traceId?: string }).traceId = trace.getActiveSpan()?.spanContext().traceId;
    const wait = perIp.hit(request.ip);
    if (wait > 0) {
      return sendProblem(
        reply,
        request,
        mapError(new ProblemException('RATE_LIMITED', 'Too many requests.', [], { 'retry-after': String(wait) })),
      );
    }
  });

  // One access line per request, carrying the trace id of the request's span.
  fastify.addHook('onResponse', async (request, reply) => {
    logger.info(
      {
        trace_id: (request as { traceId?: string }).traceId,
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalFilters(new ProblemFilter(logger));
  app.enableCors({
    origin: config.HTTP_CORS_ORIGINS.length > 0 ? config.HTTP_CORS_ORIGINS : false,
    exposedHeaders: ['location', 'etag', 'retry-after'],
  });
  app.enableShutdownHooks();

  if (options.docs !== false) serveDocs(app);

  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.HTTP_PORT;
  const url = `http://${config.HTTP_HOST === '0.0.0.0' ? '127.0.0.1' : config.HTTP_HOST}:${port}`;
  logger.info({ url }, 'gateway listening');
  return {
    app,
    url,
    logger,
    close: async () => {
      await app.close();
      await nats.drain().catch(() => undefined);
    },
  };
}

function serveDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kinerja API')
      .setDescription(
        'Performance management of Indonesian civil servants (ASN). Errors are RFC 9457 problem+json with a stable `code`.',
      )
      .setVersion('1')
      .setOpenAPIVersion('3.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
}
