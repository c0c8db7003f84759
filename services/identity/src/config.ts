import { z } from 'zod';
import { databaseEnv, envPort, loadConfig, logEnv, natsEnv, oidcEnv, type Env } from '@kinerja/platform/config';

const schema = z.object({
  ...databaseEnv.shape,
  ...natsEnv.shape,
  ...oidcEnv.shape,
  ...logEnv.shape,
  // Probes and metrics (Kubernetes); the API itself is reached over NATS only.
  HTTP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: envPort.default(9101),
  // The identity provider's admin client (Keycloak Admin REST API), used to create logins.
  IDP_ADMIN_CLIENT_ID: z.string().min(1).default('kinerja-admin'),
  IDP_ADMIN_CLIENT_SECRET: z.string().min(1),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Bulk import: rows per file (both sheets together) and rows written per transaction.
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  IMPORT_CHUNK_ROWS: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

export type IdentityConfig = z.output<typeof schema>;

export function loadIdentityConfig(env: Env = process.env): IdentityConfig {
  return loadConfig(schema, env);
}
