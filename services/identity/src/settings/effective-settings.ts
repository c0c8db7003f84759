import type { JsonObject } from '@bufbuild/protobuf';
import {
  DEFAULT_TENANT_SETTINGS,
  tenantSettings,
  type SettingsOverrides,
  type TenantSettings,
  type TimeZone,
} from '@kinerja/domain';
import type { FieldError } from '@kinerja/platform/errors';

// R30: a version's settings are the RULES.md defaults, in the tenant's time zone (kept on the tenant, not in the
// settings), with the version's overrides applied group by group.

export function settingsOf(
  overrides: JsonObject,
  timeZone: TimeZone,
): { ok: true; settings: TenantSettings } | { ok: false; fields: FieldError[] } {
  if ('timeZone' in overrides)
    return {
      ok: false,
      fields: [{ field: 'overrides.timeZone', code: 'NOT_ALLOWED', message: 'Zona waktu diatur pada data instansi.' }],
    };
  const result = tenantSettings(overrides as SettingsOverrides, { ...DEFAULT_TENANT_SETTINGS, timeZone });
  if (result.ok) return { ok: true, settings: result.value };
  return {
    ok: false,
    fields: result.error.issues.map((issue) => ({ ...issue, field: `overrides.${issue.field}` })),
  };
}
