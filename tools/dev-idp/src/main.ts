import { envPort, envUrl, loadConfig, logEnv } from '@kinerja/platform/config';
import { createLogger } from '@kinerja/platform/logging';
import { z } from 'zod';

import { startDevIdp } from './dev-idp.js';

const configSchema = z.object({
  ...logEnv.shape,
  DEV_IDP_PORT: envPort.default(8081),
  DEV_IDP_HOST: z.string().min(1).default('127.0.0.1'),
  DEV_IDP_DATA_DIR: z.string().min(1).default('.dev/idp'),
  DEV_IDP_PUBLIC_URL: envUrl(['http:', 'https:']).optional(),
  DEV_IDP_SEED_FILE: z.string().min(1).optional(),
  DEV_IDP_ACCESS_TOKEN_TTL: z.coerce.number().int().min(10).max(86_400).optional(),
  // Password of the seeded platform operator `admin`; generated and printed once when absent.
  DEV_IDP_ADMIN_PASSWORD: z.string().min(8).optional(),
});

const config = loadConfig(configSchema);
const logger = createLogger('dev-idp', { level: config.LOG_LEVEL });

const idp = await startDevIdp({
  port: config.DEV_IDP_PORT,
  host: config.DEV_IDP_HOST,
  publicUrl: config.DEV_IDP_PUBLIC_URL,
  dataDir: config.DEV_IDP_DATA_DIR,
  seedFile: config.DEV_IDP_SEED_FILE,
  accessTokenTtlSeconds: config.DEV_IDP_ACCESS_TOKEN_TTL,
  adminPassword: config.DEV_IDP_ADMIN_PASSWORD,
  logger,
});

if (idp.generatedAdminPassword) {
  // Shown once on the terminal, never logged: it is kept only as a hash in the data dir.
  process.stdout.write(
    `\nDev identity provider: user "admin" (platform-admin), password: ${idp.generatedAdminPassword}\n` +
      'Set DEV_IDP_ADMIN_PASSWORD to choose it.\n\n',
  );
}

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping dev identity provider');
  idp.close().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err: { message: (err as Error).message } }, 'failed to stop cleanly');
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
