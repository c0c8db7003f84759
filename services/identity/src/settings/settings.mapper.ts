import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { identityV1 } from '@kinerja/contracts';
import type { SettingsVersionRow } from './settings.repository.js';

const rolloutMessages = (version: SettingsVersionRow) =>
  version.rollout.map((r) =>
    create(identityV1.ModuleRolloutSchema, { module: r.module, scope: r.scope, unitIds: [...r.unitIds] }),
  );

/** The version as events carry it (overrides as a JSON string). */
export function toSettingsVersionMessage(version: SettingsVersionRow): identityV1.TenantSettingsVersion {
  return create(identityV1.TenantSettingsVersionSchema, {
    effectiveFrom: version.effectiveFrom,
    overridesJson: JSON.stringify(version.overrides),
    rollout: rolloutMessages(version),
    changedBy: version.changedBy,
    changedAt: timestampFromDate(version.changedAt),
    reason: version.reason,
  });
}

/** The version as the API shows it (overrides as an object). */
export function toSettingsVersionView(version: SettingsVersionRow): identityV1.SettingsVersionView {
  return create(identityV1.SettingsVersionViewSchema, {
    effectiveFrom: version.effectiveFrom,
    overrides: version.overrides,
    rollout: rolloutMessages(version),
    changedBy: version.changedBy,
    changedAt: timestampFromDate(version.changedAt),
    reason: version.reason,
  });
}
