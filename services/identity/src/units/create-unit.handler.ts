import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { UNIT_KINDS } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { todayIn } from '../dates.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { publishUnit } from './unit-events.js';
import { UnitRepository } from './unit.repository.js';

/** SIASN unor codes and local codes: letters, digits, dot, dash, underscore, slash. */
export const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

@Injectable()
export class CreateUnitHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly units: UnitRepository,
    private readonly tenants: TenantRepository,
    private readonly audit: AuditRepository,
  ) {}

  async execute(principal: Principal, request: identityV1.CreateUnitRequest): Promise<identityV1.Unit> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    const code = fields.text('code', request.code, 64);
    if (code && !UNIT_CODE.test(code)) fields.add('code', 'INVALID_VALUE', 'Huruf, angka, titik, garis, garis bawah.');
    const name = fields.text('name', request.name, 200);
    const kind = fields.oneOf('kind', request.kind, UNIT_KINDS);
    const parentId = fields.uuid('parentId', request.parentId, false);
    const headPositionName = fields.text('headPositionName', request.headPositionName, 200, false);
    if (request.effectiveFrom) fields.date('effectiveFrom', request.effectiveFrom);
    fields.check('Data unit tidak sah.');
    if (!code || !name || !kind) throw new Error('unreachable: checked above');

    return this.db.withTenant(tenantId, async (tx) => {
      const tenant = await this.tenants.findById(tx.manager, tenantId);
      if (!tenant) throw notFound('Instansi');
      const from = request.effectiveFrom || todayIn(tenant.timeZone);
      if (parentId) await checkParent(tx, this.units, parentId, from);
      const id = randomUUID();
      const aggregate = await this.units.insert(tx, { id, code, name, kind, parentId, headPositionName }, from);
      await this.audit.record(tx, principal, {
        action: 'unit.created',
        entityType: 'unit',
        entityId: id,
        new: { code, name, kind, parentId, from },
      });
      return publishUnit(tx, aggregate, identityV1.UnitCreatedSchema, 'created');
    });
  }
}

/** A parent in this tenant (another tenant's id is not found), active, and existing on the date. */
export async function checkParent(
  tx: Parameters<UnitRepository['findById']>[0],
  units: UnitRepository,
  parentId: string,
  date: string,
): Promise<void> {
  const parent = await units.findById(tx, parentId);
  if (!parent)
    throw new IdentityError('NOT_FOUND', 'Unit induk tidak ditemukan.', [
      { field: 'parentId', code: 'NOT_FOUND', message: 'Unit induk tidak ditemukan.' },
    ]);
  if (!parent.active)
    throw new IdentityError('VALIDATION_FAILED', 'Unit induk sudah tidak aktif.', [
      { field: 'parentId', code: 'UNIT_INACTIVE', message: 'Unit induk sudah tidak aktif.' },
    ]);
  if (!(await units.existsOn(tx, parentId, date)))
    throw new IdentityError('VALIDATION_FAILED', `Unit induk belum ada pada ${date}.`, [
      { field: 'parentId', code: 'UNIT_NOT_IN_FORCE', message: `Unit induk belum ada pada ${date}.` },
    ]);
}
