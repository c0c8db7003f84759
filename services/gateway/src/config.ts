import { z } from 'zod';
import { envPort, httpEnv, loadConfig, logEnv, natsEnv, oidcEnv, type Env } from '@kinerja/platform/config';

const schema = z.object({
  ...httpEnv.shape,
  ...natsEnv.shape,
  ...oidcEnv.shape,
  ...logEnv.shape,
  HTTP_PORT: envPort.default(3000),
  HTTP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  // Comma-separated origins allowed by CORS; empty means no cross-origin access.
  HTTP_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  HTTP_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Requests per minute; per client (token subject) and per source address.
  RATE_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).default(1_200),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(3_000),
  // Bulk import uploads (multipart): the largest file accepted, and how long the service may take to read and check
  // its columns before the job starts.
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(512 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  IMPORT_START_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(60_000),
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  IDEMPOTENCY_BUCKET: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('gateway_idempotency'),
});

export type GatewayConfig = z.output<typeof schema>;

export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return loadConfig(schema, env);
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
