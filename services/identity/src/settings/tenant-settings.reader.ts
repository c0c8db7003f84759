import { Injectable } from '@nestjs/common';
import { settingsInForce, type TenantSettings } from '@kinerja/domain';
import type { TenantTx } from '@kinerja/platform/database';
import { isTimeZone } from '../dates.js';
import { settingsOf } from './effective-settings.js';
import { SettingsRepository } from './settings.repository.js';

/** R30: the tenant settings in force on a date, for rules identity applies itself (R1 minimum appointment age). */
@Injectable()
export class TenantSettingsReader {
  constructor(private readonly settings: SettingsRepository) {}

  async inForce(tx: TenantTx, timeZone: string, date: string): Promise<TenantSettings> {
    const zone = isTimeZone(timeZone) ? timeZone : 'Asia/Jakarta';
    const versions = (await this.settings.list(tx)).flatMap((v) => {
      const effective = settingsOf(v.overrides, zone);
      return effective.ok ? [{ effectiveFrom: v.effectiveFrom, settings: effective.settings }] : [];
    });
    const found = settingsInForce(versions, date);
    if (!found.ok) throw new Error(`no tenant settings in force on ${date}: ${found.error.message}`);
    return found.value.settings;
  }
}
