import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { PlatformMessagingTables1763800000000 } from './platform-migrations.js';
import { rolesOf } from './roles.js';

// TypeORM 1.x DataSource per service. Schema changes come only from committed migrations (never synchronize).

type EntityList = MixedList<string | (new (...args: never[]) => unknown) | EntitySchema>;
type MigrationList = (new () => import('typeorm').MigrationInterface)[];

export type ServiceDataSourceOptions = {
  url: string;
  service: string;
  entities?: EntityList;
  poolMax?: number;
};

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: `kinerja-${options.service}`,
    extra: { max: options.poolMax ?? 10, idleTimeoutMillis: 30_000 },
  });
}

export type MigrateOptions = {
  /** A connection to the service's database as a user that is a member of the service's owner role. */
  adminUrl: string;
  service: string;
  migrations: MigrationList;
};

/** Applies the platform tables and the service's migrations, as the owner role, each in its own transaction. */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  const { owner } = rolesOf(options.service);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.adminUrl,
    migrations: [PlatformMessagingTables1763800000000, ...options.migrations],
    migrationsTransactionMode: 'each',
    logging: false,
    applicationName: `kinerja-${options.service}-migrate`,
    // Objects created by migrations belong to the owner role, never to the app login.
    extra: { max: 1, options: `-c role=${owner}` },
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
