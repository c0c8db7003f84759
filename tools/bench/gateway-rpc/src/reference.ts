import 'reflect-metadata';
import { Controller, Get, Headers, Inject, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenVerifier } from '@kinerja/platform/auth';
import { createServiceDataSource, TenantDatabase } from '@kinerja/platform/database';

// The reference for the gateway-rpc benchmark: one NestJS process doing what the full path does for GET /me
// (verify the bearer token, read the employee in a tenant transaction), without the gateway and NATS hop. The
// database work is the identity service's: the same statement (EmployeeRepository.readById) through the same
// one-round-trip tenant read.

const employeeById = {
  name: 'identity_employee_by_id',
  text: `SELECT tenant_id, id, nip, name, employment_type, status, unit_id, position_name, jenis_jabatan, email,
  created_at, updated_at, version, golongan, jenjang, to_char(status_since, 'YYYY-MM-DD') AS status_since,
  to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender, account_subject, username, roles FROM employee WHERE tenant_id = $1 AND id = $2`,
};

const TENANT_DB = Symbol('TENANT_DB');
const VERIFIER = Symbol('VERIFIER');

@Controller()
class MeController {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantDatabase,
    @Inject(VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  @Get('api/v1/me')
  async me(@Headers('authorization') authorization: string | undefined): Promise<unknown> {
    const principal = await this.verifier.verify(TokenVerifier.bearer(authorization));
    const { tenantId, employeeId } = principal;
    const rows =
      tenantId && employeeId
        ? await this.db.readAsTenant<Record<string, unknown>>(tenantId, {
            ...employeeById,
            values: [tenantId, employeeId],
          })
        : [];
    return { subject: principal.subject, tenantId, roles: principal.roles, employee: rows[0] };
  }
}

@Module({})
class ReferenceModule {
  static forRoot(db: TenantDatabase, verifier: TokenVerifier): DynamicModule {
    return {
      module: ReferenceModule,
      controllers: [MeController],
      providers: [
        { provide: TENANT_DB, useValue: db },
        { provide: VERIFIER, useValue: verifier },
      ],
    };
  }
}

const dataSource = createServiceDataSource({ url: process.env.DB_URL ?? '', service: 'identity', poolMax: 10 });
await dataSource.initialize();
const verifier = new TokenVerifier({ issuers: (process.env.OIDC_ISSUERS ?? '').split(','), audience: 'kinerja-api' });
const app = await NestFactory.create<NestFastifyApplication>(
  ReferenceModule.forRoot(new TenantDatabase(dataSource, 'identity'), verifier),
  new FastifyAdapter(),
  { logger: false },
);
await app.listen(Number(process.env.HTTP_PORT ?? 3999), '127.0.0.1');
process.stdout.write('REFERENCE_READY\n');
process.once(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => dataSource.destroy())
      .then(() => process.exit(0)),
);
