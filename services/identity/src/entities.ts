import { EmployeeEntity } from './employees/employee.entity.js';
import { TenantEntity } from './tenants/tenant.entity.js';
import { ActingAppointmentEntity, UnitEntity } from './units/unit.entity.js';

export const identityEntities = [TenantEntity, EmployeeEntity, UnitEntity, ActingAppointmentEntity];
