export { createServiceDataSource, migrate, type MigrateOptions, type ServiceDataSourceOptions } from './data-source.js';
export {
  createTenantTable,
  rlsSql,
  runSql,
  tenantPredicate,
  tenantTableSql,
  type TenantForeignKey,
  type TenantTableSpec,
} from './migration-helpers.js';
export { insertOutboxEvents, OUTBOX_CHANNEL, OutboxWriter, type OutboxEvent, type RecordedEvent } from './outbox.js';
export { PlatformMessagingTables1763800000000 } from './platform-migrations.js';
export { appUrl, provisionDatabase, withDatabase, type ProvisionOptions } from './provision.js';
export { databaseOf, rolesOf, type ServiceRoles } from './roles.js';
export { preparedQuery, rowsOf } from './queries.js';
export { isUuid, TenantDatabase, type TenantRead, type TenantTx } from './tenant-database.js';
