import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { appUrl } from '@kinerja/platform/database';
import { freePort } from '@kinerja/platform/dev-infra';
import { passwordToken, startPlatformProcess, testPostgresUrl } from '@kinerja/testing';

// Benchmark (issue: foundation): GET /api/v1/me through gateway → NATS → identity → PostgreSQL, against a single
// NestJS process doing the same token check and query. Prints requests/s, p50/p99, their ratio and idle RSS.

const root = path.resolve(import.meta.dirname, '../../../../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${text}"`)));
  });
}

async function load(url: string, token: string, duration = seconds) {
  const result = await autocannon({ url, connections, duration, headers: { authorization: `Bearer ${token}` } });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

const platform = await startPlatformProcess({
  env: {
    LOG_LEVEL: 'warn',
    OTEL_SDK_DISABLED: 'true',
    RATE_LIMIT_PER_CLIENT: '100000000',
    RATE_LIMIT_PER_IP: '100000000',
  },
});
let reference: ChildProcess | undefined;
try {
  const token = await passwordToken(platform.issuer, 'siti.rahmawati', platform.credentials.employee);
  await new Promise((r) => setTimeout(r, 3_000));
  const idle = Object.entries(platform.pids).map(([name, pid]) => `${name} ${rssMb(pid)} MB`);

  await load(`${platform.gatewayUrl}/api/v1/me`, token, 3); // warm-up
  const full = await load(`${platform.gatewayUrl}/api/v1/me`, token);

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
        DB_URL: appUrl(await testPostgresUrl(), 'identity', platform.databases[0] ?? ''),
        OIDC_ISSUERS: platform.issuer,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await waitForLine(reference, 'REFERENCE_READY');
  await load(`http://127.0.0.1:${port}/api/v1/me`, token, 3); // warm-up
  const ref = await load(`http://127.0.0.1:${port}/api/v1/me`, token);

  const row = (name: string, r: typeof full) =>
    `${name.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   (${r.total} requests)`;
  process.stdout.write(`\nGET /api/v1/me, ${connections} connections, ${seconds} s each\n`);
  process.stdout.write(
    `${row('gateway → NATS → identity → PostgreSQL', full)}\n${row('reference (one NestJS process)', ref)}\n`,
  );
  process.stdout.write(
    `ratio full/reference: ${(full.rps / ref.rps).toFixed(2)} (target ≥ 0.50); full-path p99 ${full.p99} ms (target < 25 ms)\n`,
  );
  process.stdout.write(`idle RSS: ${idle.join(', ')} (target < 150 MB each)\n`);
} finally {
  reference?.kill('SIGTERM');
  await platform.stop();
}
