import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureEventStreams } from '@kinerja/platform/messaging';
import type { RunningService } from '@kinerja/platform/service-host';
import {
  createTestDatabase,
  eventually,
  IdentityEvents,
  startPrivateNats,
  startTestIssuer,
  uniqueName,
  type PrivateNats,
  type TestDatabase,
  type TestIssuer,
} from '@kinerja/testing';
import { startGateway, type Gateway } from '@kinerja/service-gateway/bootstrap.js';
import { loadGatewayConfig } from '@kinerja/service-gateway/config.js';
import { startTargets } from '@kinerja/service-targets/bootstrap.js';
import { Clock } from '@kinerja/service-targets/clock.js';
import { loadTargetsConfig } from '@kinerja/service-targets/config.js';
import { targetsMigrations } from '@kinerja/service-targets/migrations/index.js';
import { PeriodScheduler } from '@kinerja/service-targets/periods/period-scheduler.js';

// The gateway and the targets service in this process, on a private NATS server and a copy of the migrated targets
// database, with a token issuer of real RS256 keys and a clock the test moves. Identity's side is played by
// publishing its events (libs/testing IdentityEvents), as identity's outbox relay would.

export class TestClock extends Clock {
  constructor(private at: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

export type Reply<T = Record<string, unknown>> = { status: number; body: T; etag: string | null; headers: Headers };

export type Person = { subject: string; employeeId?: string; roles: string[]; tenantId?: string };

export type Harness = {
  tenantId: string;
  clock: TestClock;
  events: IdentityEvents;
  db: TestDatabase;
  scheduler: PeriodScheduler;
  nats: NatsConnection;
  token(person: Person): Promise<string>;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { as?: Person; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  /** A call whose reply is not JSON (a PDF, a CSV): the bytes as they came. */
  raw(
    method: string,
    path: string,
    options?: { as?: Person; headers?: Record<string, string> },
  ): Promise<{ status: number; bytes: Buffer; headers: Headers }>;
  /** Waits until the org projection consumer has applied every identity event published so far. */
  settle(): Promise<void>;
  close(): Promise<void>;
};

export async function startHarness(now = '2026-01-10T03:00:00Z'): Promise<Harness> {
  process.env.LOG_LEVEL ??= 'warn';
  const nats: PrivateNats = await startPrivateNats();
  const issuer: TestIssuer = await startTestIssuer();
  const db = await createTestDatabase('targets', targetsMigrations);
  const nc = await connect({ servers: nats.url });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  await ensureEventStreams(jsm, 'identity');
  const clock = new TestClock(new Date(now));
  const env = { NATS_URL: nats.url, OIDC_ISSUERS: issuer.issuer, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0' };
  const targets: RunningService = await startTargets(
    loadTargetsConfig({ ...env, DB_URL: db.appUrl, SCHEDULER_INTERVAL_MS: '3600000' }),
    { clock },
  );
  const gateway: Gateway = await startGateway(
    loadGatewayConfig({
      ...env,
      IDEMPOTENCY_BUCKET: uniqueName('idem'),
      RATE_LIMIT_PER_CLIENT: '1000000',
      RATE_LIMIT_PER_IP: '1000000',
    }),
    { docs: false },
  );
  const tenantId = randomUUID();
  const events = new IdentityEvents(nc, tenantId);
  const tokens = new Map<string, string>();

  const token = async (person: Person) => {
    const key = JSON.stringify(person);
    let minted = tokens.get(key);
    if (!minted) {
      minted = await issuer.token(
        {
          sub: person.subject,
          roles: person.roles,
          ...(person.tenantId !== '' ? { tenant_id: person.tenantId ?? tenantId } : {}),
          ...(person.employeeId ? { employee_id: person.employeeId } : {}),
        },
        { expiresInSeconds: 3_600 },
      );
      tokens.set(key, minted);
    }
    return minted;
  };

  return {
    tenantId,
    clock,
    events,
    db,
    nats: nc,
    scheduler: targets.app.get(PeriodScheduler),
    token,
    async api(method, path, options = {}) {
      const response = await fetch(`${gateway.url}/api/v1${path}`, {
        method,
        headers: {
          ...(options.as ? { authorization: `Bearer ${await token(options.as)}` } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : {}) as never,
        etag: response.headers.get('etag'),
        headers: response.headers,
      };
    },
    async raw(method, path, options = {}) {
      const response = await fetch(`${gateway.url}/api/v1${path}`, {
        method,
        headers: {
          ...(options.as ? { authorization: `Bearer ${await token(options.as)}` } : {}),
          ...options.headers,
        },
      });
      return {
        status: response.status,
        bytes: Buffer.from(await response.arrayBuffer()),
        headers: response.headers,
      };
    },
    async settle() {
      await eventually(async () => {
        const info = await jsm.consumers.info('EVT_IDENTITY', 'targets-org-projection');
        if (info.num_pending + info.num_ack_pending > 0) throw new Error('identity events still pending');
      }, 30_000);
    },
    async close() {
      await gateway.close();
      await targets.close();
      await nc.close();
      await issuer.close();
      await nats.dispose();
      await db.drop();
    },
  };
}
