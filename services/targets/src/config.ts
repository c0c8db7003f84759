import { z } from 'zod';
import { databaseEnv, envPort, loadConfig, logEnv, natsEnv, oidcEnv, type Env } from '@kinerja/platform/config';

const schema = z.object({
  ...databaseEnv.shape,
  ...natsEnv.shape,
  ...oidcEnv.shape,
  ...logEnv.shape,
  // Probes and metrics (Kubernetes); the API itself is reached over NATS only.
  HTTP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: envPort.default(9102),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // How often the period scheduler looks for periods to open, close or flag (R7), and SKPs to close at year end.
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

export type TargetsConfig = z.output<typeof schema>;

export function loadTargetsConfig(env: Env = process.env): TargetsConfig {
  return loadConfig(schema, env);
}
