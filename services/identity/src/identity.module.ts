import { Module, type DynamicModule } from '@nestjs/common';
import { RPC_TOKEN_VERIFIER, type TokenVerifier } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AccountProvisioner } from './accounts/account-provisioner.js';
import { AccountsRpcController } from './accounts/accounts.rpc.controller.js';
import { CreateAccountHandler } from './accounts/create-account.handler.js';
import { SetEmployeeRolesHandler } from './accounts/set-employee-roles.handler.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditRpcController } from './audit/audit.rpc.controller.js';
import { ListAuditHandler } from './audit/list-audit.handler.js';
import { ChangeEmployeeStatusHandler } from './employees/change-employee-status.handler.js';
import { CreateEmployeeHandler } from './employees/create-employee.handler.js';
import { EmployeeAccess } from './employees/employee-access.js';
import { EmployeeRepository } from './employees/employee.repository.js';
import { EmployeesRpcController } from './employees/employees.rpc.controller.js';
import { GetEmployeeHandler } from './employees/get-employee.handler.js';
import { GetMeHandler } from './employees/get-me.handler.js';
import { ListEmployeesHandler } from './employees/list-employees.handler.js';
import { MoveEmployeeHandler } from './employees/move-employee.handler.js';
import { UpdateEmployeeHandler } from './employees/update-employee.handler.js';
import { ImportRunner, IMPORT_SETTINGS, type ImportSettings } from './imports/import-runner.js';
import { ImportWriter } from './imports/import-writer.js';
import { ImportRepository } from './imports/import.repository.js';
import { ImportsRpcController } from './imports/imports.rpc.controller.js';
import { ReadImportsHandler } from './imports/read-imports.handler.js';
import { StartImportHandler } from './imports/start-import.handler.js';
import { UPLOAD_STORE, type UploadStore } from './imports/upload-store.js';
import { GetRaterHandler } from './raters/get-rater.handler.js';
import { ListSubordinatesHandler } from './raters/list-subordinates.handler.js';
import { OrgSnapshotRepository } from './raters/org-snapshot.repository.js';
import { RaterReportsHandler } from './raters/rater-reports.handler.js';
import { RaterResolver } from './raters/rater-resolver.js';
import { RatersRpcController } from './raters/raters.rpc.controller.js';
import { GetSettingsHandler } from './settings/get-settings.handler.js';
import { SettingsRepository } from './settings/settings.repository.js';
import { SettingsRpcController } from './settings/settings.rpc.controller.js';
import { TenantSettingsReader } from './settings/tenant-settings.reader.js';
import { UpdateSettingsHandler } from './settings/update-settings.handler.js';
import { CreateTenantHandler } from './tenants/create-tenant.handler.js';
import { ReadTenantsHandler } from './tenants/read-tenants.handler.js';
import { TenantRepository } from './tenants/tenant.repository.js';
import { TenantsRpcController } from './tenants/tenants.rpc.controller.js';
import { UpdateTenantHandler } from './tenants/update-tenant.handler.js';
import { ActingRepository } from './units/acting.repository.js';
import { ChangeActingHandler } from './units/change-acting.handler.js';
import { CreateActingHandler } from './units/create-acting.handler.js';
import { CreateUnitHandler } from './units/create-unit.handler.js';
import { ReadUnitsHandler } from './units/read-units.handler.js';
import { SetUnitHeadHandler } from './units/set-unit-head.handler.js';
import { UnitHeads } from './units/unit-heads.js';
import { UnitRepository } from './units/unit.repository.js';
import { UnitsRpcController } from './units/units.rpc.controller.js';
import { UpdateUnitHandler } from './units/update-unit.handler.js';

export type IdentityDeps = {
  db: TenantDatabase;
  verifier: TokenVerifier;
  accounts: AccountProvisioner;
  uploads: UploadStore;
  imports: ImportSettings;
};

// Repositories are the only places with SQL; handlers are one use case each (STYLE.md "Layout").
const repositories = [
  TenantRepository,
  SettingsRepository,
  UnitRepository,
  ActingRepository,
  EmployeeRepository,
  OrgSnapshotRepository,
  AuditRepository,
  ImportRepository,
];
const shared = [TenantSettingsReader, UnitHeads, RaterResolver, EmployeeAccess, ImportWriter, ImportRunner];
const handlers = [
  CreateTenantHandler,
  ReadTenantsHandler,
  UpdateTenantHandler,
  GetSettingsHandler,
  UpdateSettingsHandler,
  CreateUnitHandler,
  UpdateUnitHandler,
  ReadUnitsHandler,
  SetUnitHeadHandler,
  CreateActingHandler,
  ChangeActingHandler,
  CreateEmployeeHandler,
  GetEmployeeHandler,
  GetMeHandler,
  ListEmployeesHandler,
  UpdateEmployeeHandler,
  MoveEmployeeHandler,
  ChangeEmployeeStatusHandler,
  GetRaterHandler,
  ListSubordinatesHandler,
  RaterReportsHandler,
  CreateAccountHandler,
  SetEmployeeRolesHandler,
  ListAuditHandler,
  StartImportHandler,
  ReadImportsHandler,
];

@Module({})
export class IdentityModule {
  static forRoot(deps: IdentityDeps): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [
        TenantsRpcController,
        SettingsRpcController,
        UnitsRpcController,
        EmployeesRpcController,
        RatersRpcController,
        AccountsRpcController,
        AuditRpcController,
        ImportsRpcController,
      ],
      providers: [
        { provide: TenantDatabase, useValue: deps.db },
        { provide: RPC_TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: AccountProvisioner, useValue: deps.accounts },
        { provide: UPLOAD_STORE, useValue: deps.uploads },
        { provide: IMPORT_SETTINGS, useValue: deps.imports },
        ...repositories,
        ...shared,
        ...handlers,
      ],
    };
  }
}
