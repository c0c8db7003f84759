import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityError, isUniqueViolation } from '../identity-error.js';
import { TenantEntity } from './tenant.entity.js';

@Injectable()
export class TenantRepository {
  async insert(manager: EntityManager, tenant: Omit<TenantEntity, 'createdAt'>): Promise<TenantEntity> {
    try {
      const rows = (await manager.query(
        `INSERT INTO tenant (id, code, name, level, parent_tenant_id, time_zone) VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
        [tenant.id, tenant.code, tenant.name, tenant.level, tenant.parentTenantId, tenant.timeZone],
      )) as { created_at: Date }[];
      return Object.assign(new TenantEntity(), tenant, { createdAt: rows[0]?.created_at ?? new Date() });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new IdentityError('TENANT_CODE_TAKEN', 'A tenant with this code exists.', [
          { field: 'code', code: 'TENANT_CODE_TAKEN', message: 'This code is taken.' },
        ]);
      }
      throw error;
    }
  }

  findById(manager: EntityManager, id: string): Promise<TenantEntity | null> {
    return manager.getRepository(TenantEntity).findOneBy({ id });
  }

  list(manager: EntityManager, code?: string): Promise<TenantEntity[]> {
    return manager.getRepository(TenantEntity).find({ where: code ? { code } : {}, order: { code: 'ASC' }, take: 500 });
  }
}
