import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { RpcCallError, createRpcClient, type RpcClient } from '@kinerja/platform/messaging';
import type { RunningService } from '@kinerja/platform/service-host';
import {
  adminQuery,
  createTestDatabase,
  startPrivateNats,
  startTestIssuer,
  type PrivateNats,
  type TestDatabase,
  type TestIssuer,
} from '@kinerja/testing';
import { startIdentity } from '../src/bootstrap.js';
import { loadIdentityConfig } from '../src/config.js';
import { identityMigrations } from '../src/migrations/index.js';

// The identity service as it runs, for integration tests: its own copy of the migrated database (RLS forced, the
// service connects as its app login), its own nats-server (the service's queue group and event stream are its
// alone), real RS256 tokens from a local issuer, and requests through NATS request-reply as the gateway sends them.

export type TenantFixture = {
  id: string;
  code: string;
  /** Tokens of the tenant's roles, for a login without an employee record. */
  admin: string;
  manager: string;
  /** A token of an employee's own login. */
  tokenOf(employeeId: string, roles?: string[]): Promise<string>;
  regionalHeadSubject: string;
};

export class IdentityHarness {
  private constructor(
    readonly db: TestDatabase,
    readonly nats: PrivateNats,
    readonly issuer: TestIssuer,
    readonly service: RunningService,
    readonly nc: NatsConnection,
    readonly rpc: RpcClient,
  ) {}

  static async start(): Promise<IdentityHarness> {
    process.env.LOG_LEVEL ??= 'warn';
    const db = await createTestDatabase('identity', identityMigrations);
    const nats = await startPrivateNats();
    const issuer = await startTestIssuer();
    const service = await startIdentity(
      loadIdentityConfig({
        DB_URL: db.appUrl,
        DB_POOL_MAX: '4',
        NATS_URL: nats.url,
        OIDC_ISSUERS: issuer.issuer,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        IDP_ADMIN_CLIENT_SECRET: 'not-used-by-these-tests',
        LOG_LEVEL: 'warn',
      }),
    );
    const nc = await connect({ servers: nats.url });
    return new IdentityHarness(db, nats, issuer, service, nc, createRpcClient({ connection: nc, timeoutMs: 10_000 }));
  }

  async close(): Promise<void> {
    await this.nc.close();
    await this.service.close();
    await this.issuer.close();
    await this.nats.dispose();
    await this.db.drop();
  }

  call<T = Record<string, unknown>>(subject: string, payload: unknown, token: string): Promise<T> {
    return this.rpc.send<T>(subject, payload, { headers: { authorization: `Bearer ${token}` } });
  }

  /** The error a call fails with; fails the test when the call succeeds. */
  async failure(subject: string, payload: unknown, token: string): Promise<RpcCallError> {
    try {
      await this.call(subject, payload, token);
    } catch (error) {
      if (error instanceof RpcCallError) return error;
      throw error;
    }
    throw new Error(`${subject} succeeded where a failure was expected`);
  }

  /** A tenant as the platform admin's create leaves it (registry row, default settings), without the IdP login. */
  async aTenant(options: { timeZone?: string; regionalHead?: boolean } = {}): Promise<TenantFixture> {
    const id = randomUUID();
    const code = `T-${id.slice(0, 8).toUpperCase()}`;
    const regionalHeadSubject = options.regionalHead === false ? '' : randomUUID();
    await adminQuery(
      this.db,
      `INSERT INTO tenant (id, code, name, level, time_zone, regional_head_subject)
       VALUES ($1, $2, $3, 'PROVINSI', $4, nullif($5, ''))`,
      [id, code, `BKD ${code}`, options.timeZone ?? 'Asia/Jakarta', regionalHeadSubject],
    );
    await adminQuery(
      this.db,
      `INSERT INTO tenant_settings_version (tenant_id, effective_from, changed_by) VALUES ($1, '1900-01-01', 'test')`,
      [id],
    );
    const token = (roles: string[], employeeId?: string) =>
      this.issuer.token({ tenant_id: id, roles, ...(employeeId ? { employee_id: employeeId } : {}) });
    return {
      id,
      code,
      admin: await token(['employee', 'tenant-admin']),
      manager: await token(['employee', 'performance-manager']),
      tokenOf: (employeeId, roles = ['employee']) => token(roles, employeeId),
      regionalHeadSubject,
    };
  }
}

// Valid identifiers (R1, R2) for factories: NIPs with distinct sequence numbers.
let sequence = 0;
export function aNip(gender: 1 | 2 = 1): string {
  sequence += 1;
  return `19850101201001${gender}${String(sequence % 1000 || 1).padStart(3, '0')}`;
}

export type EmployeeFields = {
  name?: string;
  unitId?: string;
  effectiveFrom?: string;
  positionName?: string;
  jenisJabatan?: string;
  jenjang?: string;
  employmentType?: 'PNS' | 'PPPK';
  status?: string;
  golongan?: string;
};

/** Identity's API as the gateway calls it, for one tenant. */
export class TenantApi {
  constructor(
    readonly harness: IdentityHarness,
    readonly tenant: TenantFixture,
  ) {}

  /** A request as the tenant's admin. */
  call<T = Record<string, unknown>>(subject: string, payload: unknown): Promise<T> {
    return this.harness.call<T>(subject, payload, this.tenant.admin);
  }

  /** The error a request of the tenant's admin fails with. */
  fail(subject: string, payload: unknown): Promise<RpcCallError> {
    return this.harness.failure(subject, payload, this.tenant.admin);
  }

  async unit(code: string, parentId: string | null, effectiveFrom = '2024-01-01', kind = 'BIDANG'): Promise<string> {
    const { unit } = await this.harness.call<{ unit: { id: string } }>(
      'rpc.identity.unit.create',
      { code, name: `Unit ${code}`, kind, parentId: parentId ?? '', effectiveFrom },
      this.tenant.admin,
    );
    return unit.id;
  }

  async employee(fields: EmployeeFields = {}): Promise<string> {
    const { employee } = await this.harness.call<{ employee: { id: string } }>(
      'rpc.identity.employee.create',
      {
        nip: aNip(),
        name: fields.name ?? `Pegawai ${sequence}`,
        employmentType: fields.employmentType ?? 'PNS',
        effectiveFrom: fields.effectiveFrom ?? '2024-01-01',
        ...Object.fromEntries(Object.entries(fields).filter(([k]) => !['name', 'effectiveFrom'].includes(k))),
      },
      this.tenant.admin,
    );
    return employee.id;
  }

  head(unitId: string, employeeId: string | null, effectiveFrom = '2024-01-01'): Promise<unknown> {
    return this.harness.call(
      'rpc.identity.unit-head.set',
      { unitId, employeeId: employeeId ?? '', effectiveFrom },
      this.tenant.admin,
    );
  }

  async acting(unitId: string, employeeId: string, kind: 'PLT' | 'PLH', from: string, to = ''): Promise<string> {
    const { appointment } = await this.harness.call<{ appointment: { id: string } }>(
      'rpc.identity.acting.create',
      { unitId, employeeId, kind, from, to },
      this.tenant.admin,
    );
    return appointment.id;
  }

  move(id: string, unitId: string, effectiveFrom: string, extra: Record<string, unknown> = {}): Promise<unknown> {
    return this.harness.call('rpc.identity.employee.move', { id, unitId, effectiveFrom, ...extra }, this.tenant.admin);
  }

  rater(employeeId: string, date: string, token = this.tenant.admin): Promise<RaterAnswer> {
    return this.harness.call<RaterAnswer>('rpc.identity.rater.get', { employeeId, date }, token);
  }
}

export type RaterSide = {
  kind: string;
  employeeId?: string;
  accountSubject?: string;
  basis: string;
  unitId?: string;
  name?: string;
  path: { step: string; unitId?: string; employeeId?: string; actingKind?: string; from?: string; to?: string }[];
};
export type RaterAnswer = {
  employeeId: string;
  date: string;
  unitId: string;
  rater: RaterSide;
  raterSuperior: RaterSide;
  explanation: string;
};
