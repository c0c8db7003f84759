import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { MigrationInterface } from 'typeorm';
import {
  appUrl,
  migrate,
  PlatformMessagingTables1763800000000,
  provisionDatabase,
  rolesOf,
  withDatabase,
} from '@kinerja/platform/database';
import { ensurePostgres } from '@kinerja/platform/dev-infra';

// Real PostgreSQL for tests (STYLE.md "Tests"): migrate one template database per service and migration set,
// then give each test file its own copy (CREATE DATABASE … TEMPLATE takes milliseconds).

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let adminUrlPromise: Promise<string> | undefined;

/** The cluster admin URL: DB_ADMIN_URL, else loopback, else an embedded server started for this run. */
export function testPostgresUrl(): Promise<string> {
  adminUrlPromise ??= ensurePostgres({
    url: process.env.DB_ADMIN_URL,
    dataDir: path.join(repoRoot, '.dev', 'test-postgres'),
  }).then((started) => started.url);
  return adminUrlPromise;
}

export type TestDatabase = {
  service: string;
  database: string;
  /** Connects as the cluster admin (superuser): for assertions that must see every tenant. */
  adminUrl: string;
  /** Connects as the service's app login: what the service uses, RLS enforced. */
  appUrl: string;
  drop(): Promise<void>;
};

type MigrationClass = new () => MigrationInterface;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function fingerprint(migrations: MigrationClass[]): string {
  const hash = createHash('sha256');
  for (const m of [PlatformMessagingTables1763800000000, ...migrations]) hash.update(m.name).update(m.toString());
  return hash.digest('hex').slice(0, 12);
}

export async function createTestDatabase(service: string, migrations: MigrationClass[]): Promise<TestDatabase> {
  const adminUrl = await testPostgresUrl();
  const base = rolesOf(service).owner.replace(/_owner$/, '');
  const template = `${base}_tpl_${fingerprint(migrations)}`;
  await withClient(adminUrl, async (client) => {
    // One template per migration set; parallel test files wait for the first to build it.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (found.rowCount === 0) {
        const building = `${template}_build`;
        await client.query(`DROP DATABASE IF EXISTS "${building}"`);
        await provisionDatabase({ adminUrl, service, database: building });
        await migrate({ adminUrl: withDatabase(adminUrl, building), service, migrations });
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  const database = `${base}_t_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${database}" TEMPLATE "${template}" OWNER "${rolesOf(service).owner}"`),
  );
  return {
    service,
    database,
    adminUrl: withDatabase(adminUrl, database),
    appUrl: appUrl(adminUrl, service, database),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** Runs a query as the cluster admin on a test database (bypasses RLS; for assertions only). */
export function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  db: TestDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return withClient(db.adminUrl, async (client) => (await client.query<R>(sql, params)).rows);
}
