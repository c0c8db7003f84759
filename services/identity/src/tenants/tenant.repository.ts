import { rowsOf } from '@kinerja/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlDate } from '../dates.js';
import { IdentityError, isUniqueViolation } from '../identity-error.js';
import { TenantEntity } from './tenant.entity.js';

type TenantRow = {
  id: string;
  code: string;
  name: string;
  level: TenantEntity['level'];
  parent_tenant_id: string | null;
  time_zone: string;
  created_at: Date;
  holidays: string[];
  regional_head_subject: string | null;
  updated_at: Date;
  version: number;
};

const columns = `id, code, name, level, parent_tenant_id, time_zone, created_at, regional_head_subject, updated_at,
  version, ARRAY(SELECT ${sqlDate('d')} FROM unnest(holidays) AS d ORDER BY d) AS holidays`;

function toEntity(row: TenantRow): TenantEntity {
  return Object.assign(new TenantEntity(), {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    parentTenantId: row.parent_tenant_id,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    holidays: row.holidays,
    regionalHeadSubject: row.regional_head_subject,
    updatedAt: row.updated_at,
    version: row.version,
  });
}

export type NewTenant = Pick<
  TenantEntity,
  'id' | 'code' | 'name' | 'level' | 'parentTenantId' | 'timeZone' | 'holidays'
>;
export type TenantChanges = Partial<Pick<TenantEntity, 'name' | 'timeZone' | 'holidays' | 'regionalHeadSubject'>>;

// The tenant registry has no RLS (docs/decisions/0004): callers decide who may read which row.
@Injectable()
export class TenantRepository {
  async insert(manager: EntityManager, tenant: NewTenant): Promise<TenantEntity> {
    try {
      const rows = (await manager.query(
        `INSERT INTO tenant (id, code, name, level, parent_tenant_id, time_zone, holidays)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date[]) RETURNING ${columns}`,
        [tenant.id, tenant.code, tenant.name, tenant.level, tenant.parentTenantId, tenant.timeZone, tenant.holidays],
      )) as TenantRow[];
      return toEntity(rows[0] as TenantRow);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new IdentityError('TENANT_CODE_TAKEN', 'A tenant with this code exists.', [
          { field: 'code', code: 'TENANT_CODE_TAKEN', message: 'This code is taken.' },
        ]);
      }
      throw error;
    }
  }

  async findById(manager: EntityManager, id: string, lock = false): Promise<TenantEntity | null> {
    const rows = (await manager.query(`SELECT ${columns} FROM tenant WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
      id,
    ])) as TenantRow[];
    return rows[0] ? toEntity(rows[0]) : null;
  }

  /** Today in the tenant's time zone (R7). */
  async today(manager: EntityManager, id: string): Promise<string> {
    const rows = (await manager.query(
      `SELECT ${sqlDate('(now() AT TIME ZONE time_zone)::date')} AS today FROM tenant WHERE id = $1`,
      [id],
    )) as { today: string }[];
    if (!rows[0]) throw new IdentityError('NOT_FOUND', 'Instansi tidak ditemukan.');
    return rows[0].today;
  }

  /** The date asked about, or today in the tenant's time zone. */
  async dateOr(manager: EntityManager, id: string, date: string): Promise<string> {
    return date || this.today(manager, id);
  }

  async list(manager: EntityManager, code?: string): Promise<TenantEntity[]> {
    const rows = (await manager.query(
      `SELECT ${columns} FROM tenant ${code ? 'WHERE code = $1' : ''} ORDER BY code LIMIT 500`,
      code ? [code] : [],
    )) as TenantRow[];
    return rows.map(toEntity);
  }

  async update(manager: EntityManager, id: string, changes: TenantChanges): Promise<TenantEntity> {
    const result = (await manager.query(
      `UPDATE tenant SET
         name = CASE WHEN $2 THEN $3 ELSE name END,
         time_zone = CASE WHEN $4 THEN $5 ELSE time_zone END,
         holidays = CASE WHEN $6 THEN $7::date[] ELSE holidays END,
         regional_head_subject = CASE WHEN $8 THEN $9 ELSE regional_head_subject END,
         updated_at = now(), version = version + 1
       WHERE id = $1 RETURNING ${columns}`,
      [
        id,
        changes.name !== undefined,
        changes.name ?? null,
        changes.timeZone !== undefined,
        changes.timeZone ?? null,
        changes.holidays !== undefined,
        changes.holidays ?? null,
        changes.regionalHeadSubject !== undefined,
        changes.regionalHeadSubject ?? null,
      ],
    )) as unknown;
    return toEntity(rowsOf<TenantRow>(result)[0] as TenantRow);
  }
}
