import pg from 'pg';
import { rolesOf } from './roles.js';

export type ProvisionOptions = {
  /** A superuser (or CREATEROLE + CREATEDB) connection string to the cluster's maintenance database. */
  adminUrl: string;
  service: string;
  database: string;
  /** Password of the app login; omit for trust/peer auth in development. */
  appPassword?: string;
};

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the service's roles and database when missing; idempotent, safe to run at every start. */
export async function provisionDatabase(options: ProvisionOptions): Promise<void> {
  const roles = rolesOf(options.service);
  await withClient(options.adminUrl, async (client) => {
    // Roles are cluster-wide; a concurrent provisioner may win the race, which is fine.
    await ensureRole(client, roles.owner, 'NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS');
    await ensureRole(client, roles.relay, 'NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS');
    await ensureRole(
      client,
      roles.app,
      `LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS${options.appPassword ? ` PASSWORD ${literal(options.appPassword)}` : ''}`,
    );
    await client.query(`GRANT ${ident(roles.relay)} TO ${ident(roles.app)}`);
    // The admin needs membership of the owner to create the database for it and run migrations as it.
    await client.query(`GRANT ${ident(roles.owner)} TO CURRENT_USER`).catch(() => undefined);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${ident(options.database)} OWNER ${ident(roles.owner)}`)
        .catch((error: unknown) => {
          if (!(error instanceof Error && /already exists/.test(error.message))) throw error;
        });
    }
  });
  const dbUrl = withDatabase(options.adminUrl, options.database);
  await withClient(dbUrl, async (client) => {
    await client.query(`REVOKE ALL ON DATABASE ${ident(options.database)} FROM PUBLIC`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(options.database)} TO ${ident(roles.app)}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`ALTER SCHEMA public OWNER TO ${ident(roles.owner)}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${ident(roles.app)}, ${ident(roles.relay)}`);
    // Every table the owner creates later is usable (not owned) by the app.
    await client.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(roles.owner)} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ident(roles.app)}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(roles.owner)} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${ident(roles.app)}`,
    );
  });
}

async function ensureRole(client: pg.Client, role: string, attributes: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
  await client.query(`${verb} ROLE ${ident(role)} WITH ${attributes}`).catch((error: unknown) => {
    if (!(verb === 'CREATE' && error instanceof Error && /already exists/.test(error.message))) throw error;
  });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The app login's URL for a database, from an admin URL (same host and port). */
export function appUrl(adminUrl: string, service: string, database: string, password?: string): string {
  const parsed = new URL(withDatabase(adminUrl, database));
  parsed.username = rolesOf(service).app;
  parsed.password = password ?? '';
  return parsed.toString();
}
