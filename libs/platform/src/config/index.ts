import { z } from 'zod';

// One validated config object per process, read once at boot (ARCHITECTURE.md "Cross-cutting").
// A missing or bad variable stops boot with its name; values are never echoed (they may be secrets).

export type ConfigIssue = { variable: string; problem: string };

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable} (${i.problem})`).join(', ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(root)',
      problem: issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : issue.message,
    })),
  );
}

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}`,
  );

const port = z.coerce.number().int().min(0).max(65_535);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

// Env groups, combined per process with z.object({...a.shape, ...b.shape}).
export const databaseEnv = z.object({
  DB_URL: url(['postgres:', 'postgresql:']),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
});
export const natsEnv = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  NATS_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
});
export const oidcEnv = z.object({
  // Comma-separated allowlist; the first is the one tokens are normally issued by.
  OIDC_ISSUERS: z
    .string()
    .min(1)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  OIDC_AUDIENCE: z.string().min(1).default('kinerja-api'),
  // Optional override of the JWKS location (default: <issuer>/protocol/openid-connect/certs, Keycloak's path).
  OIDC_JWKS_URL: url(['http:', 'https:']).optional(),
});
export const otelEnv = z.object({
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']).optional(),
  OTEL_SDK_DISABLED: flag.default(false),
});
export const httpEnv = z.object({
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: port.default(3000),
});
export const logEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export { flag as envFlag, port as envPort, url as envUrl };
