import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { withDatabase } from '@kinerja/platform/database';
import {
  backendPids,
  cpuMs,
  findPid,
  openLoop,
  snapshot,
  spent,
  csvOf,
  EMPLOYEE_HEADER,
  employeeRows,
  loadSyntheticTenant,
  passwordToken,
  startPlatformProcess,
  syntheticTenant,
  testPostgresUrl,
  type RunningPlatform,
} from '@kinerja/testing';

// Benchmark (issue 4): the identity service on a 50,000-employee synthetic tenant, through the gateway as
// `npm start` runs the platform.
//   1. import of 50,000 employees through the API (units, employees, then heads; target: employees under 60 s)
//   2. a 50,000-row file with 3 % bad rows: rejected with every bad row reported, then VALID_ROWS_ONLY, then again
//      (nothing changes)
//   3. GET /employees/{id}/rater for random employees (target p99 under 10 ms at 50 connections)
//   4. GET /employees?q=<name prefix>: two letters, a first name, a first name and three letters (target p99 under
//      30 ms)
// Reads run with autocannon's 50 connections as fast as answered, then as an open-loop load at steady rates
// (`openLoop`: latency counted from when each request was due).
// Prints req/s, p50, p99, the load average and CPU per request of each process. BENCH_EMPLOYEES, BENCH_SECONDS,
// BENCH_CONNECTIONS change the size; BENCH_HOLD=1 keeps the platform up afterwards.

const employees = Number(process.env.BENCH_EMPLOYEES ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

type Job = { id: string; status: string; employees?: Record<string, number>; errorCount?: number };

async function upload(api: string, token: string, kind: string, csv: string, query = ''): Promise<Job> {
  const form = new FormData();
  form.append('file', new Blob([csv]), `${kind}.csv`);
  const response = await fetch(`${api}/imports/${kind}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as { job: Job };
  if (response.status !== 202) throw new Error(`upload refused: ${JSON.stringify(body)}`);
  for (;;) {
    const read = (await (
      await fetch(`${api}/imports/${body.job.id}?limit=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { job: Job };
    if (!['QUEUED', 'VALIDATING', 'WRITING'].includes(read.job.status)) return read.job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function reportRows(api: string, token: string, id: string): Promise<{ errors: number; rows: number }> {
  const rows = new Set<number>();
  let errors = 0;
  let cursor = '';
  do {
    const page = (await (
      await fetch(`${api}/imports/${id}?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { errors?: { row: number }[]; page?: { nextCursor?: string } };
    for (const e of page.errors ?? []) rows.add(e.row);
    errors += page.errors?.length ?? 0;
    cursor = page.page?.nextCursor ?? '';
  } while (cursor);
  return { errors, rows: rows.size };
}

/** Processes whose CPU a read phase is charged with: the gateway, identity, NATS and identity's PostgreSQL backends. */
async function cpuGroups(platform: RunningPlatform): Promise<Record<string, number[]>> {
  const nats = findPid('nats-server', String(new URL(platform.natsUrl).port));
  return {
    gateway: [platform.pids.gateway ?? 0],
    identity: [platform.pids.identity ?? 0],
    nats: nats ? [nats] : [],
    postgres: await backendPids(await testPostgresUrl(), platform.databases[0] ?? ''),
  };
}

/** One read phase: `connections` clients as fast as they are answered, or (with `rate`) an open-loop load of that
 * many requests per second; prints the figures and the CPU per request of each process. */
async function cannon(name: string, token: string, platform: RunningPlatform, paths: () => string, rate?: number) {
  const headers = { authorization: `Bearer ${token}` };
  const run = async (duration: number) => {
    if (rate) {
      const r = await openLoop({
        url: platform.gatewayUrl,
        rate,
        seconds: duration,
        paths: Array.from({ length: Math.ceil(rate * duration) }, paths),
        headers,
        connections,
      });
      return { rps: r.rps, p50: r.p50, p99: r.p99, total: r.requests, bad: r.failed };
    }
    const r = await autocannon({
      url: platform.gatewayUrl,
      connections,
      duration,
      headers,
      requests: [{ setupRequest: (request) => ({ ...request, path: paths() }) }],
    });
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      total: r.requests.total,
      bad: r.non2xx + r.errors,
    };
  };
  await run(3); // warm-up
  const before = snapshot(await cpuGroups(platform));
  const result = await run(seconds);
  const cpu = spent(before, snapshot(await cpuGroups(platform)));
  const perRequest = Object.entries(cpu).map(([k, ms]) => [k, ms / result.total] as const);
  say(
    `${name.padEnd(50)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${String(Math.round(result.p50)).padStart(3)} ms` +
      `   p99 ${String(Math.round(result.p99)).padStart(3)} ms   (${result.total} requests${result.bad ? `, ${result.bad} failed` : ''}; load ${load()})`,
  );
  say(
    `${''.padEnd(50)} CPU ms per request: ${perRequest.map(([k, ms]) => `${k} ${ms.toFixed(2)}`).join(', ')}; ` +
      `total ${perRequest.reduce((s, [, ms]) => s + ms, 0).toFixed(2)}`,
  );
}

async function badRows(platform: RunningPlatform): Promise<void> {
  const api = `${platform.gatewayUrl}/api/v1`;
  const other = syntheticTenant({ employees, seed: 8 });
  const second = await loadSyntheticTenant({
    gatewayUrl: platform.gatewayUrl,
    issuer: platform.issuer,
    platformAdminPassword: platform.credentials.platformAdmin,
    code: 'SYN-BAD',
    tenant: other,
    unitsOnly: true,
  });
  const otherToken = await passwordToken(platform.issuer, second.adminUsername, second.adminPassword);
  const rows = employeeRows(other);
  const broken = Math.round(rows.length * 0.03);
  for (let i = 0; i < broken; i += 1) {
    const row = rows[Math.floor((i * rows.length) / broken)] as string[];
    // A wrong NIP, status, unit code or formula, in turn.
    if (i % 4 === 0) row[0] = `${row[0]?.slice(0, 8)}0000000000`;
    if (i % 4 === 1) row[3] = 'CUTI';
    if (i % 4 === 2) row[8] = 'TIDAK-ADA';
    if (i % 4 === 3) row[1] = '=1+1';
  }
  const file = csvOf(EMPLOYEE_HEADER, rows);
  let started = Date.now();
  const rejected = await upload(api, otherToken, 'employees', file);
  const reported = await reportRows(api, otherToken, rejected.id);
  say(
    `3 % bad rows: ${rejected.status} in ${((Date.now() - started) / 1000).toFixed(1)} s; report: ${reported.errors} errors ` +
      `on ${reported.rows} rows for ${broken} bad rows`,
  );
  started = Date.now();
  const valid = await upload(api, otherToken, 'employees', file, '?mode=VALID_ROWS_ONLY');
  say(
    `valid rows only: ${valid.status} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${JSON.stringify(valid.employees)}`,
  );
  started = Date.now();
  const again = await upload(api, otherToken, 'employees', file, '?mode=VALID_ROWS_ONLY');
  say(
    `same file again: ${again.status} in ${((Date.now() - started) / 1000).toFixed(1)} s, ${JSON.stringify(again.employees)}`,
  );
}

/** Waits (at most 5 minutes) until the processes use under 5 % of a core over two seconds; returns the seconds. */
async function quiet(pids: number[]): Promise<number> {
  const started = Date.now();
  const used = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  for (let before = used(); Date.now() - started < 300_000;) {
    await new Promise((r) => setTimeout(r, 2_000));
    const now = used();
    if (now - before < 100) break; // 100 ms of CPU over 2 s is 5 % of one core
    before = now;
  }
  return (Date.now() - started) / 1000;
}

let platform: RunningPlatform | undefined;
// Ctrl-C stops the platform and drops its databases, as the end of a run does.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void (platform?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));
try {
  platform = await startPlatformProcess({
    env: {
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
      RATE_LIMIT_PER_CLIENT: '100000000',
      RATE_LIMIT_PER_IP: '100000000',
    },
  });
  say(`\nidentity benchmark: ${employees} employees, load average at start ${load()}`);

  // 1. The import through the API.
  const tenant = syntheticTenant({ employees, seed: 7 });
  say(`synthetic tenant: ${tenant.units.length} units, ${tenant.employees.length} employees`);
  const loaded = await loadSyntheticTenant({
    gatewayUrl: platform.gatewayUrl,
    issuer: platform.issuer,
    platformAdminPassword: platform.credentials.platformAdmin,
    code: 'SYN-BENCH',
    tenant,
  });
  say(
    `import: units ${(loaded.unitsMs / 1000).toFixed(1)} s, ${employees} employees ${(loaded.employeesMs / 1000).toFixed(1)} s ` +
      `(target < 60 s), heads ${(loaded.headsMs / 1000).toFixed(1)} s; load ${load()}`,
  );

  // 2. A file with 3 % bad rows in a second tenant (BENCH_SKIP_BAD_ROWS=1 leaves it out).
  if (process.env.BENCH_SKIP_BAD_ROWS !== '1') await badRows(platform);

  // 3 and 4. Reads under load, on random employees of the first tenant. The planner needs statistics of the loaded
  // tables and the trigram index its pending entries merged: autovacuum does both in production; test clusters
  // often run without it, so the benchmark does.
  // The targets service keeps its own projection of the 50,000 employees from identity's events; reads are measured
  // once it (and every other process) has caught up, not while it competes for the two cores.
  const waited = await quiet(Object.values(platform.pids));
  say(`platform quiet after ${waited.toFixed(0)} s (targets projected identity's events); load ${load()}`);
  // A fresh token: the wait may outlast the first one.
  const token = await passwordToken(platform.issuer, loaded.adminUsername, loaded.adminPassword);
  const client = new pg.Client({
    connectionString: withDatabase(await testPostgresUrl(), platform.databases[0] ?? ''),
  });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  const ids = (
    await client.query<{ id: string }>('SELECT id FROM employee WHERE tenant_id = $1', [loaded.tenantId])
  ).rows.map((r) => r.id);
  await client.end();
  const names = tenant.employees.map((e) => e.name.toLowerCase());
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)] as T;
  const today = new Date().toISOString().slice(0, 10);
  const rater = () => `/api/v1/employees/${pick(ids)}/rater?date=${today}`;
  const prefix = () => `/api/v1/employees?q=${pick(names).slice(0, 2)}`;
  const firstName = () => `/api/v1/employees?q=${encodeURIComponent(pick(names).split(' ')[0] ?? 'a')}`;
  // As a user types a full name: the first name and the start of the family name ("dewi pra").
  const twoWords = () => {
    const [first = 'a', family = 'a'] = pick(names).split(' ');
    return `/api/v1/employees?q=${encodeURIComponent(`${first} ${family.slice(0, 3)}`)}`;
  };
  say(
    `\nreads through the gateway, ${seconds} s each (after a 3 s warm-up); ${connections} connections, as fast as answered`,
  );
  await cannon('GET /employees/{id}/rater (random employee)', token, platform, rater);
  await cannon('GET /employees?q=<2-letter prefix>', token, platform, prefix);
  await cannon('GET /employees?q=<first name>', token, platform, firstName);
  await cannon('GET /employees?q=<first name> <3 letters>', token, platform, twoWords);
  say(`open loop: requests due at a steady rate, latency counted from when each was due`);
  for (const rate of [200, 400, 800])
    await cannon(`GET /employees/{id}/rater at ${rate} req/s`, token, platform, rater, rate);
  for (const rate of [50, 100, 200])
    await cannon(`GET /employees?q=<first name> at ${rate} req/s`, token, platform, firstName, rate);
  await cannon(`GET /employees?q=<2-letter prefix> at 200 req/s`, token, platform, prefix, 200);
  // BENCH_HOLD=1 keeps the loaded platform up for a closer look (psql, curl, profiles) until Ctrl-C.
  if (process.env.BENCH_HOLD === '1') {
    say(
      `\nholding: gateway ${platform.gatewayUrl}, databases ${platform.databases.join(', ')}, tenant ${loaded.tenantId}`,
    );
    say(`admin ${loaded.adminUsername} / ${loaded.adminPassword}; Ctrl-C stops`);
    await new Promise(() => undefined);
  }
} finally {
  await platform?.stop();
}
