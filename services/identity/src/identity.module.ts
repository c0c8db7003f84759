import { Module, type DynamicModule } from '@nestjs/common';
import { RPC_TOKEN_VERIFIER, type TokenVerifier } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AccountProvisioner } from './accounts/account-provisioner.js';
import { CreateEmployeeHandler } from './employees/create-employee.handler.js';
import { EmployeeRepository } from './employees/employee.repository.js';
import { EmployeesRpcController } from './employees/employees.rpc.controller.js';
import { GetEmployeeHandler } from './employees/get-employee.handler.js';
import { GetMeHandler } from './employees/get-me.handler.js';
import { CreateTenantHandler } from './tenants/create-tenant.handler.js';
import { ReadTenantsHandler } from './tenants/read-tenants.handler.js';
import { TenantRepository } from './tenants/tenant.repository.js';
import { TenantsRpcController } from './tenants/tenants.rpc.controller.js';

export type IdentityDeps = { db: TenantDatabase; verifier: TokenVerifier; accounts: AccountProvisioner };

@Module({})
export class IdentityModule {
  static forRoot(deps: IdentityDeps): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [TenantsRpcController, EmployeesRpcController],
      providers: [
        { provide: TenantDatabase, useValue: deps.db },
        { provide: RPC_TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: AccountProvisioner, useValue: deps.accounts },
        TenantRepository,
        EmployeeRepository,
        CreateTenantHandler,
        ReadTenantsHandler,
        CreateEmployeeHandler,
        GetEmployeeHandler,
        GetMeHandler,
      ],
    };
  }
}
