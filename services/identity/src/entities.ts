import { EmployeeEntity } from './employees/employee.entity.js';
import { TenantEntity } from './tenants/tenant.entity.js';

export const identityEntities = [TenantEntity, EmployeeEntity];
