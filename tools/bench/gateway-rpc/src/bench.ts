import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { appUrl } from '@kinerja/platform/database';
import { freePort } from '@kinerja/platform/dev-infra';
import {
  passwordToken,
  startPlatformProcess,
  testPostgresUrl,
  backendPids,
  findPid,
  loadAverage,
  rssMb,
  snapshot,
  spent,
  type CpuSnapshot,
} from '@kinerja/testing';

// Benchmark (issue: foundation): GET /api/v1/me through gateway → NATS → identity → PostgreSQL, against a single
// NestJS process doing the same token check and query. Prints requests/s, p50/p99, their ratio, idle RSS, and the
// CPU milliseconds per request of every process on the path with the load average, so that runs on a loaded
// machine stay comparable.

const root = path.resolve(import.meta.dirname, '../../../../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// A fixed offered load (requests/s over all connections) instead of as fast as possible: CPU per request is then
// compared at the same batching, e.g. between two settings of the same code.
const rate = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;

function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${text}"`)));
  });
}

type Run = { rps: number; p50: number; p99: number; total: number; cpu: Record<string, number>; load: string };

/** Loads `url`; `groups` names the processes whose CPU is measured (read again at the end: backends come and go). */
async function load(
  url: string,
  token: string,
  groups: () => Promise<Record<string, number[]>>,
  duration = seconds,
): Promise<Run> {
  const before: CpuSnapshot = snapshot(await groups());
  const ownBefore = process.cpuUsage();
  const result = await autocannon({
    url,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}` },
    ...(rate ? { overallRate: rate } : {}),
  });
  const own = process.cpuUsage(ownBefore);
  const after = snapshot(await groups());
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpu = spent(before, after);
  cpu['load generator'] = (own.user + own.system) / 1000;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    cpu,
    load: loadAverage(),
  };
}

const adminUrl = await testPostgresUrl();
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
  const identityDb = platform.databases[0] ?? '';
  const token = await passwordToken(platform.issuer, 'siti.rahmawati', platform.credentials.employee);
  await new Promise((r) => setTimeout(r, 3_000));
  const idle = Object.entries(platform.pids).map(([name, pid]) => `${name} ${rssMb(pid)} MB`);
  // Right after start the services still hold the heap of the demo seed; V8 gives it back after some idle time.
  const settleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
  await new Promise((r) => setTimeout(r, settleSeconds * 1000));
  const settled = Object.entries(platform.pids).map(([name, pid]) => `${name} ${rssMb(pid)} MB`);
  const natsPid = findPid('nats-server', String(new URL(platform.natsUrl).port));

  const fullGroups = async () => ({
    gateway: [platform.pids.gateway ?? 0],
    identity: [platform.pids.identity ?? 0],
    'nats-server': natsPid ? [natsPid] : [],
    'postgres backends': await backendPids(adminUrl, identityDb),
  });
  await load(`${platform.gatewayUrl}/api/v1/me`, token, fullGroups, 3); // warm-up
  const full = await load(`${platform.gatewayUrl}/api/v1/me`, token, fullGroups);

  const port = await freePort();
  reference = spawn(process.execPath, [path.join(root, 'dist/tools/bench/gateway-rpc/src/reference.js')], {
    cwd: root,
    env: {
      ...process.env,
      HTTP_PORT: String(port),
      DB_URL: appUrl(adminUrl, 'identity', identityDb),
      OIDC_ISSUERS: platform.issuer,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForLine(reference, 'REFERENCE_READY');
  const referencePid = reference.pid ?? 0;
  const referenceGroups = async () => ({
    reference: [referencePid],
    // The identity service's backends are idle meanwhile and add nothing.
    'postgres backends': await backendPids(adminUrl, identityDb),
  });
  await load(`http://127.0.0.1:${port}/api/v1/me`, token, referenceGroups, 3); // warm-up
  const ref = await load(`http://127.0.0.1:${port}/api/v1/me`, token, referenceGroups);

  const row = (name: string, r: Run) =>
    `${name.padEnd(40)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   (${r.total} requests, load avg ${r.load})`;
  const cpuRow = (r: Run) =>
    Object.entries(r.cpu)
      .map(([name, ms]) => `${name} ${(ms / r.total).toFixed(3)}`)
      .join(', ');
  const sum = (r: Run, without: string[] = []) =>
    Object.entries(r.cpu)
      .filter(([name]) => !without.includes(name))
      .reduce((total, [, ms]) => total + ms / r.total, 0)
      .toFixed(3);
  process.stdout.write(
    `\nGET /api/v1/me, ${connections} connections, ${seconds} s each${rate ? `, offered ${rate} req/s` : ''}\n`,
  );
  process.stdout.write(
    `${row('gateway → NATS → identity → PostgreSQL', full)}\n${row('reference (one NestJS process)', ref)}\n`,
  );
  process.stdout.write(
    `ratio full/reference: ${(full.rps / ref.rps).toFixed(2)} (target ≥ 0.50); full-path p99 ${full.p99} ms (target < 25 ms)\n`,
  );
  process.stdout.write(
    `CPU ms per request, full path:  ${cpuRow(full)}; total without load generator ${sum(full, ['load generator'])}\n`,
  );
  process.stdout.write(
    `CPU ms per request, reference:  ${cpuRow(ref)}; total without load generator ${sum(ref, ['load generator'])}\n`,
  );
  process.stdout.write(`RSS 3 s after start (demo seed just loaded): ${idle.join(', ')}\n`);
  process.stdout.write(`idle RSS after ${settleSeconds} s more: ${settled.join(', ')} (target < 150 MB each)\n`);
} finally {
  reference?.kill('SIGTERM');
  await platform.stop();
}
