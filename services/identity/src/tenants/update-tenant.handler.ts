import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { TIME_ZONES } from '@kinerja/domain';
import { hasRole, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { checkVersion, Fields } from '../fields.js';
import { IdentityError, notFound } from '../identity-error.js';
import { toTenantMessage } from './tenant.mapper.js';
import { TenantRepository, type TenantChanges } from './tenant.repository.js';

/** A holiday calendar: valid dates, each once, sorted. */
export function holidaysOf(fields: Fields, field: string, dates: readonly string[]): string[] {
  dates.forEach((date, index) => fields.date(`${field}.${index}`, date));
  if (dates.length > 1000) fields.add(field, 'TOO_MANY', 'Paling banyak 1000 tanggal.');
  return [...new Set(dates)].sort();
}

@Injectable()
export class UpdateTenantHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
    private readonly audit: AuditRepository,
  ) {}

  // The platform admin changes any tenant; a tenant admin changes their own tenant's name, holiday calendar
  // (R14, R15, R36 working days) and regional head account (R5), not its time zone. Another tenant is not found.
  async execute(principal: Principal, request: identityV1.UpdateTenantRequest): Promise<identityV1.Tenant> {
    const platform = hasRole(principal, 'platform-admin');
    if (!platform && !hasRole(principal, 'tenant-admin'))
      throw new IdentityError('FORBIDDEN', 'Your roles do not allow this action.');
    if (!platform && principal.tenantId !== request.id) throw notFound('Instansi');
    const fields = new Fields();
    fields.uuid('id', request.id);
    const changes: TenantChanges = {};
    if (request.name !== undefined) changes.name = fields.text('name', request.name, 200) ?? undefined;
    if (request.timeZone !== undefined) {
      if (!platform)
        throw new IdentityError('FORBIDDEN', 'Zona waktu instansi diubah oleh operator platform.', [
          { field: 'timeZone', code: 'NOT_ALLOWED', message: 'Hanya operator platform.' },
        ]);
      changes.timeZone = fields.oneOf('timeZone', request.timeZone, TIME_ZONES) ?? undefined;
    }
    if (request.holidays) changes.holidays = holidaysOf(fields, 'holidays', request.holidays.dates);
    if (request.regionalHeadSubject !== undefined)
      changes.regionalHeadSubject = fields.text('regionalHeadSubject', request.regionalHeadSubject, 255, false);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check('Data instansi tidak sah.');

    return this.db.withTenant(request.id, async (tx) => {
      const current = await this.tenants.findById(tx.manager, request.id, true);
      if (!current) throw notFound('Instansi');
      checkVersion(request.expectedVersion, current.version);
      const changed = Object.fromEntries(
        Object.entries(changes).filter(
          ([key, value]) => JSON.stringify(current[key as keyof TenantChanges]) !== JSON.stringify(value),
        ),
      ) as TenantChanges;
      if (Object.keys(changed).length === 0) return toTenantMessage(current);
      const updated = await this.tenants.update(tx.manager, request.id, changed);
      await this.audit.record(tx, principal, {
        action: 'tenant.updated',
        entityType: 'tenant',
        entityId: request.id,
        old: Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof TenantChanges]])),
        new: changed,
        reason,
      });
      const tenant = toTenantMessage(updated);
      tx.outbox.publish(identityV1.TenantUpdatedSchema, create(identityV1.TenantUpdatedSchema, { tenant }), {
        aggregateType: 'tenant',
        aggregateId: request.id,
        event: 'updated',
      });
      return tenant;
    });
  }
}
