import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { KV } from '@nats-io/kv';
import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { TokenVerifier } from '@kinerja/platform/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from './config.js';
import { HealthHttpController, NATS_CONNECTION } from './health/health.http.controller.js';
import { AuthGuard, TOKEN_VERIFIER } from './http/auth.js';
import { IDEMPOTENCY_KV, IdempotencyInterceptor } from './http/idempotency.js';
import { EmployeesHttpController } from './identity/employees.http.controller.js';
import { IMPORT_LIMITS, ImportsHttpController, UPLOADS } from './identity/imports.http.controller.js';
import { ReportsHttpController } from './identity/reports.http.controller.js';
import { SettingsHttpController } from './identity/settings.http.controller.js';
import { OwnTenantHttpController, TenantsHttpController } from './identity/tenants.http.controller.js';
import { UnitsHttpController } from './identity/units.http.controller.js';
import { RPC_CLIENT, type RpcPort } from './rpc.js';
import { PlanningHttpController } from './targets/planning.http.controller.js';
import { SkpHttpController } from './targets/skp.http.controller.js';
import { SkpTemplatesHttpController } from './targets/skp-templates.http.controller.js';

export type GatewayDeps = {
  config: GatewayConfig;
  nats: NatsConnection;
  idempotency: KV;
  uploads: Promise<ObjectStore>;
  rpc: RpcPort;
  verifier: TokenVerifier;
};

@Module({})
export class GatewayModule {
  static forRoot(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        HealthHttpController,
        TenantsHttpController,
        OwnTenantHttpController,
        SettingsHttpController,
        UnitsHttpController,
        EmployeesHttpController,
        ReportsHttpController,
        PlanningHttpController,
        SkpHttpController,
        SkpTemplatesHttpController,
        ImportsHttpController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: deps.config },
        { provide: NATS_CONNECTION, useValue: deps.nats },
        { provide: IDEMPOTENCY_KV, useValue: deps.idempotency },
        { provide: UPLOADS, useValue: deps.uploads },
        {
          provide: IMPORT_LIMITS,
          useValue: { maxBytes: deps.config.IMPORT_MAX_BYTES, startTimeoutMs: deps.config.IMPORT_START_TIMEOUT_MS },
        },
        { provide: RPC_CLIENT, useValue: deps.rpc },
        { provide: TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: APP_GUARD, useClass: AuthGuard },
        // Used by the POST routes (@IdempotentPost).
        IdempotencyInterceptor,
      ],
    };
  }
}
