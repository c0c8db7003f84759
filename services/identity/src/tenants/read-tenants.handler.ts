import { Injectable } from '@nestjs/common';
import type { identityV1 } from '@kinerja/contracts';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { IdentityError, requireRole } from '../identity-error.js';
import { toTenantMessage } from './tenant.mapper.js';
import { TenantRepository } from './tenant.repository.js';

@Injectable()
export class ReadTenantsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
  ) {}

  async get(principal: Principal, id: string): Promise<identityV1.Tenant> {
    requireRole(principal, 'platform-admin');
    const row = await this.tenants.findById(this.db.dataSource.manager, id);
    if (!row) throw new IdentityError('NOT_FOUND', 'No such tenant.');
    return toTenantMessage(row);
  }

  async list(principal: Principal, code: string): Promise<identityV1.Tenant[]> {
    requireRole(principal, 'platform-admin');
    return (await this.tenants.list(this.db.dataSource.manager, code || undefined)).map(toTenantMessage);
  }
}
