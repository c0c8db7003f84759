import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@kinerja/platform/dev-infra';
import { startPrivateNats } from './nats.js';
import { testPostgresUrl } from './postgres.js';

// The platform started as a user starts it (`npm start`, i.e. the compiled dev runner), on free ports, with its own
// databases and data directory, for end-to-end tests and benchmarks. Requires `npm run build` first.

// The repository root, from the sources (tests) or from the compiled tree under dist/ (benchmarks).
const root = path.resolve(import.meta.dirname, '../../..').replace(/\/dist$/, '');

export type RunningPlatform = {
  gatewayUrl: string;
  issuer: string;
  natsUrl: string;
  databases: string[];
  pids: Record<string, number>;
  credentials: { platformAdmin: string; tenantAdmin: string; employee: string };
  /** Every line the platform's processes printed so far, as `[name] line`. */
  lines: string[];
  runner: ChildProcess;
  stop(): Promise<number | null>;
};

export async function startPlatformProcess(
  options: { extraIssuers?: string[]; env?: Record<string, string> } = {},
): Promise<RunningPlatform> {
  // Its own nats-server: streams and durable consumers are per server, so two platforms (parallel test runs, a
  // benchmark beside a test) never consume each other's events.
  const nats = await startPrivateNats();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kinerja-e2e-'));
  const suffix = `_e2e_${randomBytes(4).toString('hex')}`;
  const adminUrl = await testPostgresUrl();
  const args = [
    path.join(root, 'dist/tools/dev-runner/src/main.js'),
    '--data-dir',
    dataDir,
    '--gateway-port',
    String(await freePort()),
    '--idp-port',
    String(await freePort()),
    '--database-suffix',
    suffix,
    ...(options.extraIssuers ?? []).flatMap((issuer) => ['--extra-issuer', issuer]),
  ];
  const runner = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, DB_ADMIN_URL: adminUrl, NATS_URL: nats.url, LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // However the runner ends (stop(), a crash, a test that signals it), its NATS server goes with it.
  runner.once('exit', () => void nats.dispose());
  const lines: string[] = [];
  const ready = new Promise<Omit<RunningPlatform, 'credentials' | 'lines' | 'runner' | 'stop'>>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('KINERJA_READY ')) resolve(JSON.parse(line.slice('KINERJA_READY '.length)));
      }
    };
    runner.stdout?.on('data', onData);
    runner.stderr?.on('data', onData);
    runner.once('exit', (code) =>
      reject(new Error(`the dev runner exited with ${code}:\n${lines.slice(-40).join('\n')}`)),
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const started = await Promise.race([
    ready,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`platform not ready in 90 s:\n${lines.slice(-40).join('\n')}`)),
        90_000,
      );
    }),
  ]).catch(async (error: unknown) => {
    runner.kill('SIGINT');
    await nats.dispose();
    throw error;
  });
  clearTimeout(timer);
  const credentials = JSON.parse(
    await readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8'),
  ) as RunningPlatform['credentials'];
  const stop = async (): Promise<number | null> => {
    const exited = new Promise<number | null>((resolve) =>
      runner.exitCode !== null ? resolve(runner.exitCode) : runner.once('exit', (code) => resolve(code)),
    );
    runner.kill('SIGINT');
    const code = await exited;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    for (const database of started.databases) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
    await rm(dataDir, { recursive: true, force: true });
    await nats.dispose();
    return code;
  };
  return { ...started, credentials, lines, runner, stop };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function passwordToken(issuer: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'kinerja-cli', username, password }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${response.status}`);
  return body.access_token;
}
