import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { TIME_ZONES } from '@kinerja/domain';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { AccountProvisioner, type ProvisionedAccount } from '../accounts/account-provisioner.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { FIRST_SETTINGS_DATE, SettingsRepository } from '../settings/settings.repository.js';
import { toSettingsVersionMessage } from '../settings/settings.mapper.js';
import { Fields } from '../fields.js';
import { toTenantMessage } from './tenant.mapper.js';
import { TenantRepository } from './tenant.repository.js';
import { holidaysOf } from './update-tenant.handler.js';

const levels = ['PROVINSI', 'KABUPATEN', 'KOTA'] as const;
const zones = TIME_ZONES;
const isOneOf = <T extends string>(values: readonly T[], v: string): v is T =>
  (values as readonly string[]).includes(v);

export type CreatedTenant = { tenant: identityV1.Tenant; admin: ProvisionedAccount & { username: string } };

@Injectable()
export class CreateTenantHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
    private readonly settings: SettingsRepository,
    private readonly accounts: AccountProvisioner,
  ) {}

  // The platform admin creates an instansi together with its first tenant admin. The login is created in the
  // identity provider while the tenant row is still uncommitted: if the provider fails nothing is written, and a
  // retry finds the login again by username.
  async execute(principal: Principal, request: identityV1.CreateTenantRequest): Promise<CreatedTenant> {
    requireRole(principal, 'platform-admin');
    const fields: FieldError[] = [];
    if (!/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(request.code))
      fields.push({ field: 'code', code: 'INVALID_VALUE', message: 'Upper-case code.' });
    if (!request.name.trim()) fields.push({ field: 'name', code: 'REQUIRED', message: 'Required.' });
    if (!isOneOf(levels, request.level))
      fields.push({ field: 'level', code: 'INVALID_VALUE', message: levels.join(', ') });
    if (!isOneOf(zones, request.timeZone))
      fields.push({ field: 'timeZone', code: 'INVALID_VALUE', message: zones.join(', ') });
    if (!request.adminUsername) fields.push({ field: 'admin.username', code: 'REQUIRED', message: 'Required.' });
    const checked = new Fields();
    const holidays = holidaysOf(checked, 'holidays', request.holidays);
    fields.push(...checked.errors);
    if (fields.length > 0 || !isOneOf(levels, request.level))
      throw new IdentityError('VALIDATION_FAILED', 'The tenant has invalid fields.', fields);

    const id = randomUUID();
    return this.db.withTenant(id, async (tx) => {
      if (request.parentTenantId && !(await this.tenants.findById(tx.manager, request.parentTenantId))) {
        throw new IdentityError('VALIDATION_FAILED', 'The parent tenant does not exist.', [
          { field: 'parentTenantId', code: 'NOT_FOUND', message: 'No such tenant.' },
        ]);
      }
      const row = await this.tenants.insert(tx.manager, {
        id,
        code: request.code,
        name: request.name.trim(),
        level: request.level as (typeof levels)[number],
        parentTenantId: request.parentTenantId || null,
        timeZone: request.timeZone,
        holidays,
      });
      const tenant = toTenantMessage(row);
      // R30: the RULES.md defaults hold until the tenant changes them.
      const { saved } = await this.settings.save(tx, {
        effectiveFrom: FIRST_SETTINGS_DATE,
        overrides: {},
        rollout: [],
        changedBy: principal.subject,
        reason: 'Pengaturan bawaan',
      });
      const created = create(identityV1.TenantCreatedSchema, { tenant, settings: [toSettingsVersionMessage(saved)] });
      tx.outbox.publish(identityV1.TenantCreatedSchema, created, {
        aggregateType: 'tenant',
        aggregateId: id,
        event: 'created',
      });
      const admin = await this.accounts.ensureAccount({
        username: request.adminUsername,
        email: request.adminEmail,
        name: request.adminName || request.adminUsername,
        tenantId: id,
        roles: ['employee', 'tenant-admin'],
        field: 'admin.username',
      });
      return { tenant, admin: { ...admin, username: request.adminUsername } };
    });
  }
}
