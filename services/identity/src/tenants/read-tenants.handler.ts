import { Injectable } from '@nestjs/common';
import type { identityV1 } from '@kinerja/contracts';
import { hasRole, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { Fields } from '../fields.js';
import { notFound, requireRole } from '../identity-error.js';
import { toTenantMessage } from './tenant.mapper.js';
import { TenantRepository } from './tenant.repository.js';

@Injectable()
export class ReadTenantsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
  ) {}

  // The platform admin reads every tenant; a tenant's accounts read their own (time zone, holidays), and another
  // tenant reads as not found (R41).
  async get(principal: Principal, id: string): Promise<identityV1.Tenant> {
    const fields = new Fields();
    fields.uuid('id', id);
    fields.check();
    if (!hasRole(principal, 'platform-admin')) {
      requireRole(principal, 'employee', 'tenant-admin', 'performance-manager', 'regional-head');
      if (principal.tenantId !== id) throw notFound('Instansi');
    }
    const row = await this.tenants.findById(this.db.dataSource.manager, id);
    if (!row) throw notFound('Instansi');
    return toTenantMessage(row);
  }

  async list(principal: Principal, code: string): Promise<identityV1.Tenant[]> {
    requireRole(principal, 'platform-admin');
    return (await this.tenants.list(this.db.dataSource.manager, code || undefined)).map(toTenantMessage);
  }
}
