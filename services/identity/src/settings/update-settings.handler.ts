import { create, type JsonObject } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { validateRollout, type ModuleRollout } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { isTimeZone, todayIn } from '../dates.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import { settingsOf } from './effective-settings.js';
import { toSettingsVersionMessage, toSettingsVersionView } from './settings.mapper.js';
import { SettingsRepository } from './settings.repository.js';

@Injectable()
export class UpdateSettingsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
    private readonly settings: SettingsRepository,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
  ) {}

  // R30: a version takes effect today or later, so results already computed on a past date keep the settings they
  // were computed with. Saving a version for a date that has one replaces it; both are audited (R42).
  async execute(
    principal: Principal,
    request: identityV1.UpdateSettingsRequest,
  ): Promise<identityV1.UpdateSettingsResponse> {
    requireRole(principal, 'tenant-admin', 'performance-manager');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    const effectiveFrom = fields.date('effectiveFrom', request.effectiveFrom);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    const rollout = request.rollout.map((r) => ({ module: r.module, scope: r.scope, unitIds: [...r.unitIds] }));
    const checkedRollout = validateRollout(rollout);
    if (!checkedRollout.ok) fields.take(checkedRollout.error.issues);
    fields.check();
    const overrides: JsonObject = request.overrides ?? {};

    return this.db.withTenant(tenantId, async (tx) => {
      const tenant = await this.tenants.findById(tx.manager, tenantId);
      if (!tenant || !isTimeZone(tenant.timeZone)) throw notFound('Instansi');
      const today = todayIn(tenant.timeZone);
      if (effectiveFrom < today)
        fields.add('effectiveFrom', 'EFFECTIVE_DATE_IN_PAST', `Pengaturan berlaku paling cepat hari ini (${today}).`);
      const effective = settingsOf(overrides, tenant.timeZone);
      if (!effective.ok) fields.take(effective.fields);
      fields.check('Pengaturan instansi tidak sah.');

      const wanted = [...new Set(rollout.flatMap((r) => r.unitIds))];
      const known = new Set(await this.units.existingIds(tx, wanted));
      const unknown = rollout.flatMap((r, index) =>
        r.unitIds.some((id) => !known.has(id))
          ? [{ field: `rollout.${index}.unitIds`, code: 'NOT_FOUND', message: 'Unit tidak ditemukan.' }]
          : [],
      );
      if (unknown.length > 0) throw new IdentityError('NOT_FOUND', 'Unit tidak ditemukan.', unknown);

      const { saved, replaced } = await this.settings.save(tx, {
        effectiveFrom,
        overrides,
        rollout: rollout as ModuleRollout[],
        changedBy: principal.subject,
        reason,
      });
      const versions = await this.settings.list(tx);
      const plain = (v: typeof saved | null) =>
        v && { effectiveFrom: v.effectiveFrom, overrides: v.overrides, rollout: v.rollout };
      await this.audit.record(tx, principal, {
        action: 'settings.changed',
        entityType: 'settings',
        entityId: effectiveFrom,
        old: plain(replaced),
        new: plain(saved),
        reason,
      });
      tx.outbox.publish(
        identityV1.TenantSettingsChangedSchema,
        create(identityV1.TenantSettingsChangedSchema, {
          tenantId,
          settings: versions.map(toSettingsVersionMessage),
        }),
        { aggregateType: 'tenant', aggregateId: tenantId, event: 'settings-changed' },
      );
      return create(identityV1.UpdateSettingsResponseSchema, {
        version: toSettingsVersionView(saved),
        versions: versions.map(toSettingsVersionView),
      });
    });
  }
}
