import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  hs256Token,
  isAlive,
  passwordToken,
  startPlatformProcess,
  startTestIssuer,
  unsignedToken,
  type RunningPlatform,
  type TestIssuer,
} from '@kinerja/testing';
import { startCollector, type CollectedSpan } from './support/otlp-collector.js';

// The whole platform as `npm start` runs it, driven over HTTP with real tokens (issue: foundation acceptance).

type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  errors?: { field: string; code: string }[];
  traceId?: string;
};

describe('platform end to end', () => {
  let platform: RunningPlatform;
  let trusted: TestIssuer;
  let untrusted: TestIssuer;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let nats: NatsConnection;
  const rpcSeen: string[] = [];
  let adminToken: string;
  let tenantAdminToken: string;

  beforeAll(async () => {
    trusted = await startTestIssuer();
    untrusted = await startTestIssuer();
    collector = await startCollector();
    platform = await startPlatformProcess({
      extraIssuers: [trusted.issuer],
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    nats = await connect({ servers: platform.natsUrl });
    // Watches what reaches the services: a refused request must not produce an RPC.
    const sub = nats.subscribe('rpc.identity.>');
    // The subscription ends with an error when the platform (and its NATS server) stops at the end.
    void (async () => {
      for await (const m of sub) rpcSeen.push(m.subject);
    })().catch(() => undefined);
    adminToken = await passwordToken(platform.issuer, 'admin', platform.credentials.platformAdmin);
    tenantAdminToken = await passwordToken(platform.issuer, 'admin.demo', platform.credentials.tenantAdmin);
  });

  afterAll(async () => {
    // The last test stopped the platform with its NATS server: the connection may be gone already.
    await nats?.drain().catch(() => undefined);
    await trusted?.close();
    await untrusted?.close();
    await collector?.close();
  });

  const api = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${platform.gatewayUrl}/api/v1${path}`, {
      ...init,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  const anEmployee = (nip: string) => ({
    nip,
    name: 'Rina Marlina',
    employmentType: 'PNS',
    positionName: 'Analis Kinerja',
  });

  describe('the demo', () => {
    it('lets the seeded tenant admin create an employee and read /me with a password-grant token', async () => {
      const created = await api('/employees', {
        method: 'POST',
        token: tenantAdminToken,
        body: JSON.stringify(anEmployee('1985 0101 2010 01 1 005')),
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as { employee: { id: string; nip: string; status: string } };
      expect(body.employee.nip).toBe('198501012010011005');
      expect(body.employee.status).toBe('AKTIF');
      expect(created.headers.get('location')).toBe(`/api/v1/employees/${body.employee.id}`);

      const read = await api(`/employees/${body.employee.id}`, { token: tenantAdminToken });
      expect(((await read.json()) as { employee: { id: string } }).employee.id).toBe(body.employee.id);

      const me = await api('/me', { token: tenantAdminToken });
      expect(me.status).toBe(200);
      const meBody = (await me.json()) as { username: string; roles: string[]; tenantId: string };
      expect(meBody.username).toBe('admin.demo');
      expect(meBody.roles).toEqual(expect.arrayContaining(['tenant-admin', 'employee']));
    });

    it('lets the platform admin find the demo tenant, and only the platform admin', async () => {
      const list = (await (await api('/tenants?code=DEMO-PROV', { token: adminToken })).json()) as {
        tenants: { code: string; id: string }[];
      };
      expect(list.tenants.map((t) => t.code)).toEqual(['DEMO-PROV']);
      const one = await api(`/tenants/${list.tenants[0]?.id}`, { token: adminToken });
      expect(((await one.json()) as { tenant: { timeZone: string } }).tenant.timeZone).toBe('Asia/Jakarta');
      expect((await api(`/tenants/${list.tenants[0]?.id}`, { token: tenantAdminToken })).status).toBe(403);
    });

    it('shows a seeded employee their own record on /me', async () => {
      const token = await passwordToken(platform.issuer, 'siti.rahmawati', platform.credentials.employee);
      const me = (await (await api('/me', { token })).json()) as { employee?: { name: string; nip: string } };
      expect(me.employee).toMatchObject({ name: 'Siti Rahmawati', nip: '199001152015032002' });
    });

    it('publishes employee.created through the outbox to a durable JetStream consumer in another process', async () => {
      const { jetstream, jetstreamManager, AckPolicy } = await import('@nats-io/jetstream');
      const jsm = await jetstreamManager(nats);
      const durable = `e2e-${Date.now()}`;
      await jsm.consumers.add('EVT_IDENTITY', {
        durable_name: durable,
        filter_subject: 'evt.identity.*.employee.created',
        ack_policy: AckPolicy.Explicit,
        deliver_policy: 'new' as never,
      });
      const created = await api('/employees', {
        method: 'POST',
        token: tenantAdminToken,
        body: JSON.stringify(anEmployee('198702022012021006')),
      });
      expect(created.status).toBe(201);
      const consumer = await jetstream(nats).consumers.get('EVT_IDENTITY', durable);
      const message = await consumer.next({ expires: 10_000 });
      expect(message).not.toBeNull();
      const { identityV1, decodeEvent } = await import('@kinerja/contracts');
      const event = decodeEvent(identityV1.EmployeeCreatedSchema, message?.data ?? new Uint8Array());
      expect(event.employee?.nip).toBe('198702022012021006');
      expect(message?.headers?.get('ce-type')).toBe('kinerja.identity.v1.EmployeeCreated');
      message?.ack();
      await jsm.consumers.delete('EVT_IDENTITY', durable);
    });
  });

  describe('targets', () => {
    it("serves the demo tenant's performance periods from the targets service, fed by identity's events (R7)", async () => {
      const year = new Date().getUTCFullYear();
      let periods: { code: string; state: string }[] = [];
      for (let i = 0; i < 100 && periods.length === 0; i++) {
        const response = await api(`/years/${year}/periods`, { token: tenantAdminToken });
        if (response.status === 200) periods = ((await response.json()) as { periods: typeof periods }).periods;
        else await new Promise((r) => setTimeout(r, 200));
      }
      expect(periods.map((p) => p.code)).toEqual([
        `${year}-Q1`,
        `${year}-Q2`,
        `${year}-Q3`,
        `${year}-Q4`,
        `${year}-FINAL`,
      ]);
      expect(periods.find((p) => p.code === `${year}-FINAL`)?.state).toBe('OPEN');
    });

    it('answers an unknown SKP with a problem, not a 500', async () => {
      const missing = await api('/skps/00000000-0000-4000-8000-000000000000', { token: tenantAdminToken });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Problem).code).toBe('NOT_FOUND');
    });
  });

  describe('authentication (the service receives nothing when refused)', () => {
    const cases: [string, () => Promise<string | undefined>][] = [
      ['no token', async () => undefined],
      ['an expired token', () => trusted.token({ roles: ['platform-admin'] }, { expiresInSeconds: -30 })],
      [
        'a token not yet valid',
        () => trusted.token({ roles: ['platform-admin'] }, { notBeforeSeconds: 300, expiresInSeconds: 900 }),
      ],
      ['a token of an issuer not on the allowlist', () => untrusted.token({ roles: ['platform-admin'] })],
      ['a token for another audience', () => trusted.token({ roles: ['platform-admin'] }, { audience: 'account' })],
      ['an alg:none token', async () => unsignedToken(trusted.issuer)],
      ['an HS256 token', () => hs256Token(trusted.issuer)],
      ['a token signed with a foreign key', () => trusted.foreignToken({ roles: ['platform-admin'] })],
    ];

    it.each(cases)('answers 401 problem+json to %s', async (_label, make) => {
      const before = rpcSeen.length;
      const token = await make();
      const response = await api('/tenants', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as Problem).code).toBe('UNAUTHENTICATED');
      await new Promise((r) => setTimeout(r, 50));
      expect(rpcSeen.length).toBe(before);
    });

    it('answers 403 to a valid token without the role, and the service receives nothing', async () => {
      const before = rpcSeen.length;
      const response = await api('/tenants', { token: tenantAdminToken });
      expect(response.status).toBe(403);
      expect(((await response.json()) as Problem).code).toBe('FORBIDDEN');
      await new Promise((r) => setTimeout(r, 50));
      expect(rpcSeen.length).toBe(before);
    });
  });

  describe('bad input', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      api('/employees', { method: 'POST', token: tenantAdminToken, body, headers });

    it('refuses malformed JSON', async () => {
      const response = await post('{"nip": ');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as Problem).code).toBe('MALFORMED_JSON');
    });

    it('refuses wrong types and unknown fields with every field error', async () => {
      const response = await post(JSON.stringify({ nip: 19860926, name: 'X', employmentType: 'ASN', salary: 1 }));
      expect(response.status).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.field).sort()).toEqual(['employmentType', 'nip', 'salary']);
      expect(problem.errors?.find((e) => e.field === 'salary')?.code).toBe('UNKNOWN_FIELD');
    });

    it('refuses a body over the limit', async () => {
      const response = await post(JSON.stringify({ ...anEmployee('198609262015051001'), name: 'x'.repeat(1_100_000) }));
      expect(response.status).toBe(413);
      expect(((await response.json()) as Problem).code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses an invalid NIP with the code of each failure (R1)', async () => {
      const response = await post(JSON.stringify(anEmployee('198613402015131000')));
      expect(response.status).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.code).sort()).toEqual([
        'NIP_APPOINTMENT_DATE',
        'NIP_BIRTH_DATE',
        'NIP_SEQUENCE',
      ]);
    });

    it('refuses a NIP registered twice with 409', async () => {
      const response = await post(JSON.stringify(anEmployee('198609262015051001')));
      expect(response.status).toBe(409);
      expect(((await response.json()) as Problem).code).toBe('NIP_TAKEN');
    });

    it('answers an unknown route with a problem, not a 500', async () => {
      const response = await api('/nowhere', { token: tenantAdminToken });
      expect(response.status).toBe(404);
      expect(((await response.json()) as Problem).code).toBe('ROUTE_NOT_FOUND');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the same response for the same key and body, and refuses the key with another body', async () => {
      const key = `k-${Date.now()}`;
      const body = JSON.stringify(anEmployee('198803032013032007'));
      const first = await api('/employees', {
        method: 'POST',
        token: tenantAdminToken,
        body,
        headers: { 'idempotency-key': key },
      });
      const second = await api('/employees', {
        method: 'POST',
        token: tenantAdminToken,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await second.json()).toEqual(await first.json());
      const other = await api('/employees', {
        method: 'POST',
        token: tenantAdminToken,
        body: JSON.stringify(anEmployee('198904042014041008')),
        headers: { 'idempotency-key': key },
      });
      expect(other.status).toBe(409);
      expect(((await other.json()) as Problem).code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('API description and probes', () => {
    it('serves OpenAPI 3.1 generated from the code, and the docs UI', async () => {
      const doc = (await (await fetch(`${platform.gatewayUrl}/api/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/employees', '/api/v1/me', '/api/v1/tenants/{id}']),
      );
      const ui = await fetch(`${platform.gatewayUrl}/api/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
    });

    it('answers liveness and readiness', async () => {
      expect((await fetch(`${platform.gatewayUrl}/health/live`)).status).toBe(200);
      expect(await (await fetch(`${platform.gatewayUrl}/health/ready`)).json()).toEqual({
        status: 'ok',
        nats: 'connected',
      });
    });
  });

  describe('observability', () => {
    it('makes one trace of one request across gateway and identity, and the logs carry its id', async () => {
      const response = await api('/me', {
        token: tenantAdminToken,
        headers: { 'x-request-id': `trace-${Date.now()}` },
      });
      expect(response.status).toBe(200);
      let trace: CollectedSpan[] = [];
      for (let i = 0; i < 50 && trace.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const identitySpans = collector.spans.filter(
          (s) => s.service === 'kinerja-identity' && s.name.includes('rpc.identity.me.get'),
        );
        const traceIds = new Set(identitySpans.map((s) => s.traceId));
        trace = collector.spans.filter((s) => traceIds.has(s.traceId) && s.service === 'kinerja-gateway');
        if (trace.length > 0) trace = collector.spans.filter((s) => s.traceId === trace[0]?.traceId);
      }
      const services = new Set(trace.map((s) => s.service));
      expect(services).toEqual(new Set(['kinerja-gateway', 'kinerja-identity']));
      const traceId = trace[0]?.traceId ?? 'none';
      expect(
        platform.lines.some(
          (line) => (line.startsWith('[identity]') || line.startsWith('[gateway]')) && line.includes(traceId),
        ),
      ).toBe(true);
    });
  });

  describe('stopping', () => {
    it('stops every process on Ctrl-C (SIGINT) and leaves none behind', async () => {
      const pids = Object.values(platform.pids);
      expect(pids.length).toBeGreaterThanOrEqual(3);
      expect(pids.every(isAlive)).toBe(true);
      const code = await platform.stop();
      expect(code).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
    });
  });
});
