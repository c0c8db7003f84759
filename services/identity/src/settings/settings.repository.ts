import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@bufbuild/protobuf';
import type { ModuleRollout } from '@kinerja/domain';
import type { TenantTx } from '@kinerja/platform/database';
import { sqlDate } from '../dates.js';

/** One stored settings version (R30): overrides of the RULES.md defaults and the module rollout. */
export type SettingsVersionRow = {
  effectiveFrom: string;
  overrides: JsonObject;
  rollout: ModuleRollout[];
  changedBy: string;
  changedAt: Date;
  reason: string;
};

type Row = {
  effective_from: string;
  overrides: JsonObject;
  rollout: ModuleRollout[];
  changed_by: string;
  changed_at: Date;
  reason: string;
};

const toVersion = (row: Row): SettingsVersionRow => ({
  effectiveFrom: row.effective_from,
  overrides: row.overrides,
  rollout: row.rollout,
  changedBy: row.changed_by,
  changedAt: row.changed_at,
  reason: row.reason,
});

/** The defaults hold from before any tenant existed until a tenant changes them. */
export const FIRST_SETTINGS_DATE = '1900-01-01';

@Injectable()
export class SettingsRepository {
  async list(tx: TenantTx): Promise<SettingsVersionRow[]> {
    const rows = (await tx.manager.query(
      `SELECT ${sqlDate('effective_from')} AS effective_from, overrides, rollout, changed_by, changed_at, reason
       FROM tenant_settings_version WHERE tenant_id = $1 ORDER BY effective_from`,
      [tx.tenantId],
    )) as Row[];
    return rows.map(toVersion);
  }

  /** Saves the version of its effective date, replacing one saved for the same date. */
  async save(
    tx: TenantTx,
    version: Omit<SettingsVersionRow, 'changedAt'>,
  ): Promise<{ saved: SettingsVersionRow; replaced: SettingsVersionRow | null }> {
    const [replaced] = (await tx.manager.query(
      `SELECT ${sqlDate('effective_from')} AS effective_from, overrides, rollout, changed_by, changed_at, reason
       FROM tenant_settings_version WHERE tenant_id = $1 AND effective_from = $2 FOR UPDATE`,
      [tx.tenantId, version.effectiveFrom],
    )) as Row[];
    const [saved] = (await tx.manager.query(
      `INSERT INTO tenant_settings_version (tenant_id, effective_from, overrides, rollout, changed_by, reason)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)
       ON CONFLICT (tenant_id, effective_from) DO UPDATE SET overrides = excluded.overrides,
         rollout = excluded.rollout, changed_by = excluded.changed_by, changed_at = clock_timestamp(),
         reason = excluded.reason
       RETURNING ${sqlDate('effective_from')} AS effective_from, overrides, rollout, changed_by, changed_at, reason`,
      [
        tx.tenantId,
        version.effectiveFrom,
        JSON.stringify(version.overrides),
        JSON.stringify(version.rollout),
        version.changedBy,
        version.reason,
      ],
    )) as Row[];
    return { saved: toVersion(saved as Row), replaced: replaced ? toVersion(replaced) : null };
  }
}
