import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { appUrl } from '@kinerja/platform/database';
import { DEFAULT_PG_URL, freePort } from '@kinerja/platform/dev-infra';

// Benchmark (issue: foundation): GET /api/v1/me through gateway → NATS → identity → PostgreSQL, against a single
// NestJS process doing the same token check and query. Prints requests/s, p50/p99, their ratio and idle RSS.

const root = path.resolve(import.meta.dirname, '../../../../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const adminUrl = process.env.DB_ADMIN_URL ?? DEFAULT_PG_URL;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

function waitForLine(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith(prefix));
      if (line) resolve(line.slice(prefix.length).trim());
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${prefix}"`)));
  });
}

async function load(url: string, token: string) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'kinerja-bench-'));
const suffix = `_bench_${Date.now()}`;
const runner = spawn(
  process.execPath,
  [
    '--import',
    path.join(root, 'tools/runtime/register.js'),
    path.join(root, 'dist/tools/dev-runner/src/main.js'),
    '--data-dir',
    dataDir,
    '--gateway-port',
    String(await freePort()),
    '--idp-port',
    String(await freePort()),
    '--database-suffix',
    suffix,
  ],
  {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
      RATE_LIMIT_PER_CLIENT: '100000000',
      RATE_LIMIT_PER_IP: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let reference: ChildProcess | undefined;
try {
  const ready = JSON.parse(await waitForLine(runner, 'KINERJA_READY ')) as {
    gatewayUrl: string;
    issuer: string;
    databases: string[];
    pids: Record<string, number>;
  };
  const credentials = JSON.parse(await readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as {
    employee: string;
  };
  const tokenResponse = await fetch(`${ready.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'kinerja-cli',
      username: 'siti.rahmawati',
      password: credentials.employee,
    }),
  });
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;

  await new Promise((r) => setTimeout(r, 3_000));
  const idle = Object.fromEntries(Object.entries(ready.pids).map(([name, pid]) => [name, rssMb(pid)]));

  // Warm up both paths before measuring.
  await autocannon({
    url: `${ready.gatewayUrl}/api/v1/me`,
    connections,
    duration: 3,
    headers: { authorization: `Bearer ${token}` },
  });
  const full = await load(`${ready.gatewayUrl}/api/v1/me`, token);

  const port = await freePort();
  reference = spawn(
    process.execPath,
    [
      '--import',
      path.join(root, 'tools/runtime/register.js'),
      path.join(root, 'dist/tools/bench/gateway-rpc/src/reference.js'),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        HTTP_PORT: String(port),
        DB_URL: appUrl(adminUrl, 'identity', ready.databases[0] ?? ''),
        OIDC_ISSUERS: ready.issuer,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await waitForLine(reference, 'REFERENCE_READY');
  await autocannon({
    url: `http://127.0.0.1:${port}/api/v1/me`,
    connections,
    duration: 3,
    headers: { authorization: `Bearer ${token}` },
  });
  const ref = await load(`http://127.0.0.1:${port}/api/v1/me`, token);

  const row = (name: string, r: typeof full) =>
    `${name.padEnd(36)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   (${r.total} requests)`;
  process.stdout.write(`\nGET /api/v1/me, ${connections} connections, ${seconds} s each\n`);
  process.stdout.write(
    `${row('gateway → NATS → identity → PostgreSQL', full)}\n${row('reference (one NestJS process)', ref)}\n`,
  );
  process.stdout.write(
    `ratio full/reference: ${(full.rps / ref.rps).toFixed(2)} (target ≥ 0.50); full-path p99 ${full.p99} ms (target < 25 ms)\n`,
  );
  process.stdout.write(
    `idle RSS: ${Object.entries(idle)
      .map(([n, mb]) => `${n} ${mb} MB`)
      .join(', ')} (target < 150 MB each)\n`,
  );
} finally {
  if (reference) reference.kill('SIGTERM');
  const exited = new Promise((resolve) => runner.once('exit', resolve));
  runner.kill('SIGINT');
  await exited;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "kinerja_identity${suffix}" WITH (FORCE)`);
  await client.end();
  await rm(dataDir, { recursive: true, force: true });
}
