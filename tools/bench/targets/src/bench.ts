import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { connect } from '@nats-io/transport-node';
import {
  IdentityEvents,
  startPlatformProcess,
  startTestIssuer,
  testPostgresUrl,
  backendPids,
  findPid,
  loadAverage,
  snapshot,
  spent,
} from '@kinerja/testing';

// Benchmark (issue 5): through gateway → NATS → targets → PostgreSQL on the platform as `npm start` runs it,
//   GET /api/v1/skps/{id} of an SKP with 15 RHK and 40 IKI, and
//   GET /api/v1/skps/approvals of a rater with 200 subordinates whose SKPs wait for approval, and
//   POST /api/v1/skp-templates/{id}/apply to a unit of 5,000 employees (seconds until the job's report is DONE).
// The organisation is published as identity's events on the platform's own NATS; tokens come from a local issuer
// the gateway trusts. Prints requests/s and latency percentiles, and the CPU milliseconds per request of the
// targets service, the gateway, NATS and the targets database's backends with the load average, so that runs on a
// loaded machine stay comparable. `npx nx bench bench-targets`; BENCH_SECONDS, BENCH_CONNECTIONS,
// BENCH_SUBORDINATES, BENCH_APPLY_EMPLOYEES (0 leaves the template application out).

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const staffCount = Number(process.env.BENCH_SUBORDINATES ?? 200);
const applyCount = Number(process.env.BENCH_APPLY_EMPLOYEES ?? 5_000);
const year = new Date().getUTCFullYear();

type Json = Record<string, unknown>;

const adminUrl = await testPostgresUrl();
const issuer = await startTestIssuer();
const platform = await startPlatformProcess({
  extraIssuers: [issuer.issuer],
  env: {
    LOG_LEVEL: 'warn',
    OTEL_SDK_DISABLED: 'true',
    RATE_LIMIT_PER_CLIENT: '100000000',
    RATE_LIMIT_PER_IP: '100000000',
  },
});
const nc = await connect({ servers: platform.natsUrl });
try {
  const tenantId = randomUUID();
  const account = (employeeId: string | undefined, roles: string[]) =>
    issuer.token(
      {
        sub: `sub-${employeeId ?? randomUUID()}`,
        tenant_id: tenantId,
        roles,
        ...(employeeId ? { employee_id: employeeId } : {}),
      },
      { expiresInSeconds: 3_600 },
    );
  const api = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${platform.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json().catch(() => ({}))) as Json;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return { json, etag: response.headers.get('etag') ?? '' };
  };
  const skpOf = (reply: { json: Json }) =>
    reply.json.skp as { id: string; working: { content: { rhk: { id: string }[] } } };

  // The organisation: a dinas with its head, a bidang whose head rates `staffCount` employees.
  const events = new IdentityEvents(nc, tenantId);
  const headId = randomUUID();
  const raterId = randomUUID();
  await events.tenant({ regionalHeadSubject: 'sub-bupati' });
  const dinas = await events.unit({ headEmployeeId: headId });
  const bidang = await events.unit({ parentId: dinas.id, headEmployeeId: raterId });
  await events.employee({ id: headId, unitId: dinas.id, jenisJabatan: 'JPT_PRATAMA' });
  await events.employee({ id: raterId, unitId: bidang.id, jenisJabatan: 'ADMINISTRATOR' });
  const staff: string[] = [];
  for (let i = 0; i < staffCount; i++) staff.push((await events.employee({ unitId: bidang.id })).id);

  const pm = await account(undefined, ['employee', 'performance-manager']);
  for (let i = 0; ; i++) {
    const ready = await fetch(`${platform.gatewayUrl}/api/v1/years/${year}/periods`, {
      headers: { authorization: `Bearer ${pm}` },
    });
    if (ready.ok) break;
    if (i > 300) throw new Error('the targets service did not receive the organisation');
    await new Promise((r) => setTimeout(r, 200));
  }
  const rhk = (n: number, ikiPerRhk: (i: number) => number, cite: Record<string, string>) =>
    Array.from({ length: n }, (_, i) => ({
      jenis: i === 0 ? 'UTAMA' : i % 3 === 0 ? 'TAMBAHAN' : 'UTAMA',
      text: `Rencana hasil kerja ${i + 1} dengan uraian yang cukup panjang untuk dokumen SKP`,
      ...cite,
      iki: Array.from({ length: ikiPerRhk(i) }, (_, j) => ({
        indikator: `Indikator ${i + 1}.${j + 1}: persentase dokumen yang diselesaikan tepat waktu`,
        aspek: 'KUANTITAS',
        target: { kind: 'NUMERIC', value: 10 + j, unit: 'dokumen' },
      })),
    }));
  const lampiran = { dukunganSumberDaya: ['Anggaran'], skemaPertanggungjawaban: ['Laporan'], konsekuensi: ['Teguran'] };
  const draft = async (token: string, content: Json) => {
    const created = await api('POST', '/skps', token, { year });
    return api('PUT', `/skps/${skpOf(created).id}`, token, content, { 'if-match': created.etag });
  };

  const agreement = await api('PUT', `/years/${year}/performance-agreement`, pm, {
    results: [{ text: 'Mutu', indicators: [] }],
  });
  const resultId = (agreement.json.agreement as { results: { id: string }[] }).results[0]?.id ?? '';
  const headToken = await account(headId, ['employee']);
  const regional = await issuer.token(
    { sub: 'sub-bupati', tenant_id: tenantId, roles: ['regional-head'] },
    { expiresInSeconds: 3_600 },
  );
  const headSkp = skpOf(
    await draft(headToken, {
      approach: 'KUANTITATIF',
      rhk: rhk(1, () => 1, { perjanjianKinerjaRef: resultId, perspektif: 'PROSES_BISNIS' }),
      lampiran,
    }),
  );
  await api('POST', `/skps/${headSkp.id}/submit`, headToken);
  await api('POST', `/skps/${headSkp.id}/approve`, regional);
  const raterToken = await account(raterId, ['employee']);
  const raterSkp = skpOf(
    await draft(raterToken, {
      approach: 'KUANTITATIF',
      rhk: rhk(1, () => 1, { rhkAtasanId: headSkp.working.content.rhk[0]?.id ?? '' }),
      lampiran,
    }),
  );
  await api('POST', `/skps/${raterSkp.id}/submit`, raterToken);
  await api('POST', `/skps/${raterSkp.id}/approve`, headToken);
  const cite = { rhkAtasanId: raterSkp.working.content.rhk[0]?.id ?? '' };

  // 15 RHK, 40 IKI: ten with 3, five with 2.
  const bigToken = await account(staff[0], ['employee']);
  const big = skpOf(
    await draft(bigToken, { approach: 'KUANTITATIF', rhk: rhk(15, (i) => (i < 10 ? 3 : 2), cite), lampiran }),
  );
  const started = Date.now();
  for (const id of staff) {
    const token = await account(id, ['employee']);
    const skp =
      id === staff[0]
        ? big
        : skpOf(await draft(token, { approach: 'KUANTITATIF', rhk: rhk(2, () => 2, cite), lampiran }));
    await api('POST', `/skps/${skp.id}/submit`, token);
  }
  const setupSeconds = (Date.now() - started) / 1000;
  const queue = (await api('GET', '/skps/approvals', raterToken)).json.items as unknown[];
  if (queue.length !== staffCount) throw new Error(`the queue holds ${queue.length}, expected ${staffCount}`);

  // Template application: a unit of `applyCount` employees, none with an SKP yet; then again (nothing to add).
  const applyTemplate = async () => {
    const bulk = await events.unit({ parentId: dinas.id });
    for (let i = 0; i < applyCount; i++) await events.employee({ unitId: bulk.id });
    for (let i = 0; ; i++) {
      const status = await api('GET', `/units/${bulk.id}/skp-status?year=${year}`, pm);
      if ((status.json.entries as unknown[]).length === applyCount) break;
      if (i > 600) throw new Error('the targets service did not receive the bulk unit');
      await new Promise((r) => setTimeout(r, 500));
    }
    const template = await api('POST', '/skp-templates', pm, {
      name: 'Templat pelaksana',
      approach: 'KUANTITATIF',
      rhk: rhk(3, () => 2, {}),
      ekspektasi: { AKUNTABEL: 'Laporan tepat waktu' },
    });
    const templateId = (template.json.template as { id: string }).id;
    const applyOnce = async (label: string) => {
      const t0 = Date.now();
      const started = await api('POST', `/skp-templates/${templateId}/apply`, pm, {
        year,
        target: { unitId: bulk.id },
      });
      let job = started.json.job as { id: string; state: string; report: Record<string, unknown[] | undefined> };
      const answeredMs = Date.now() - t0;
      while (job.state === 'RUNNING') {
        await new Promise((r) => setTimeout(r, 100));
        job = (await api('GET', `/skp-templates/jobs/${job.id}`, pm)).json.job as typeof job;
      }
      const seconds = (Date.now() - t0) / 1000;
      const n = (k: string) => job.report[k]?.length ?? 0;
      console.log(
        `${label.padEnd(44)} ${seconds.toFixed(1)} s   (${job.state}: ${n('created')} created, ${n('extended')} extended, ${n('skipped')} skipped; answered in ${answeredMs} ms)`,
      );
    };
    await applyOnce(`apply template to ${applyCount} employees`);
    await applyOnce(`apply again (idempotent, nothing to add)`);
  };
  if (applyCount > 0) await applyTemplate();

  const targetsDb = platform.databases.find((d) => d.startsWith('kinerja_targets')) ?? '';
  const natsPid = findPid('nats-server', String(new URL(platform.natsUrl).port));
  const groups = async () => ({
    targets: [platform.pids.targets ?? 0],
    gateway: [platform.pids.gateway ?? 0],
    'nats-server': natsPid ? [natsPid] : [],
    'pg backends': await backendPids(adminUrl, targetsDb),
  });
  const load = async (label: string, url: string, token: string) => {
    await autocannon({ url, connections, duration: 2, headers: { authorization: `Bearer ${token}` } });
    const before = snapshot(await groups());
    const ownBefore = process.cpuUsage();
    const r = await autocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${token}` } });
    const own = process.cpuUsage(ownBefore);
    const cpu = spent(before, snapshot(await groups()));
    cpu['autocannon'] = (own.user + own.system) / 1000;
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    const perRequest = Object.entries(cpu)
      .map(([name, ms]) => `${name} ${(ms / r.requests.total).toFixed(2)}`)
      .join(', ');
    console.log(
      `${label.padEnd(44)} ${Math.round(r.requests.average).toString().padStart(6)} req/s   p50 ${r.latency.p50} ms   p90 ${r.latency.p90} ms   p99 ${r.latency.p99} ms   (${connections} connections, ${seconds} s, ${r.requests.total} requests)`,
    );
    console.log(`${''.padEnd(44)} CPU ms/request: ${perRequest}; load average ${loadAverage()}`);
  };
  console.log(
    `setup: ${staffCount} SKPs drafted and submitted in ${setupSeconds.toFixed(1)} s (${(staffCount / setupSeconds).toFixed(0)}/s)`,
  );
  await load(`GET /years/${year}/periods (reference)`, `${platform.gatewayUrl}/api/v1/years/${year}/periods`, bigToken);
  await load('GET /skps/{id} (15 RHK, 40 IKI)', `${platform.gatewayUrl}/api/v1/skps/${big.id}`, bigToken);
  await load(
    `GET /skps/approvals (${staffCount} subordinates)`,
    `${platform.gatewayUrl}/api/v1/skps/approvals`,
    raterToken,
  );
} finally {
  await nc.close();
  await platform.stop();
  await issuer.close();
}
