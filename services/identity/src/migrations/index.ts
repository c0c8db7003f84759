import { TenantsAndEmployees1763800001000 } from './1763800001000-tenants-and-employees.js';

export const identityMigrations = [TenantsAndEmployees1763800001000];
