import { create, type JsonObject } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { settingsInForce } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { isTimeZone, todayIn } from '../dates.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { settingsOf } from './effective-settings.js';
import { toSettingsVersionView } from './settings.mapper.js';
import { SettingsRepository } from './settings.repository.js';

@Injectable()
export class GetSettingsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async execute(principal: Principal, request: identityV1.GetSettingsRequest): Promise<identityV1.GetSettingsResponse> {
    requireRole(principal, 'tenant-admin', 'performance-manager');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.optionalDate('date', request.date);
    fields.check();
    return this.db.withTenant(tenantId, async (tx) => {
      const tenant = await this.tenants.findById(tx.manager, tenantId);
      if (!tenant || !isTimeZone(tenant.timeZone)) throw notFound('Instansi');
      const timeZone = tenant.timeZone;
      const date = request.date || todayIn(timeZone);
      const versions = await this.settings.list(tx);
      const typed = versions.map((version) => {
        const effective = settingsOf(version.overrides, timeZone);
        if (!effective.ok) throw new Error(`stored settings of ${version.effectiveFrom} no longer validate`);
        return { effectiveFrom: version.effectiveFrom, settings: effective.settings };
      });
      const inForce = settingsInForce(typed, date);
      if (!inForce.ok)
        throw new IdentityError('VALIDATION_FAILED', inForce.error.text.id, [
          { field: 'date', code: inForce.error.code, message: inForce.error.text.id },
        ]);
      const version = versions.find((v) => v.effectiveFrom === inForce.value.effectiveFrom);
      return create(identityV1.GetSettingsResponseSchema, {
        date,
        inForce: version ? toSettingsVersionView(version) : undefined,
        settings: JSON.parse(JSON.stringify(inForce.value.settings)) as JsonObject,
        versions: versions.map(toSettingsVersionView),
      });
    });
  }
}
