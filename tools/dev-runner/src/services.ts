import type { MigrationInterface } from 'typeorm';

// The services the platform runs, in start order. Migrations are loaded from the compiled services.
export type ServiceSpec = {
  name: string;
  database: string;
  main: string;
  /** In single-process mode each service reads its variables with this prefix. */
  envPrefix: string;
  migrations(): Promise<(new () => MigrationInterface)[]>;
};

const migrationsOf = async (service: string) => {
  const url = new URL(`../../../services/${service}/src/migrations/index.js`, import.meta.url);
  const module = (await import(url.href)) as Record<string, (new () => MigrationInterface)[]>;
  const list = Object.values(module)[0];
  if (!list) throw new Error(`No migrations exported by ${service}`);
  return list;
};

export const services: ServiceSpec[] = [
  {
    name: 'identity',
    database: 'kinerja_identity',
    main: 'services/identity/src/main.js',
    envPrefix: 'IDENTITY_',
    migrations: () => migrationsOf('identity'),
  },
  {
    name: 'targets',
    database: 'kinerja_targets',
    main: 'services/targets/src/main.js',
    envPrefix: 'TARGETS_',
    migrations: () => migrationsOf('targets'),
  },
];
