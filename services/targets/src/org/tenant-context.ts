import { Injectable } from '@nestjs/common';
import type { LocalDate, TimeZone } from '@kinerja/domain';
import { OrgDirectory, type TenantProfile } from '@kinerja/org-projection';
import { hasRole, tenantOf, type Principal, type RealmRole } from '@kinerja/platform/auth';
import type { TenantTx } from '@kinerja/platform/database';
import { Clock } from '../clock.js';
import { TargetsError } from '../targets-error.js';

/** Who is calling, as the targets service sees them: roles from the token, the employee from token or projection. */
export type Caller = {
  subject: string;
  employeeId: string | null;
  roles: readonly RealmRole[];
  isPerformanceManager: boolean;
  isTenantAdmin: boolean;
  /** R5: the tenant's kepala daerah account (the role, and the account identity names when it names one). */
  isRegionalHead: boolean;
  profile: TenantProfile;
  timeZone: TimeZone;
  /** R7: today in the tenant's zone. */
  today: LocalDate;
};

@Injectable()
export class TenantContext {
  constructor(
    readonly directory: OrgDirectory,
    readonly clock: Clock,
  ) {}

  tenantIdOf(principal: Principal): string {
    return tenantOf(principal);
  }

  async profile(tx: TenantTx): Promise<TenantProfile> {
    const profile = await this.directory.tenant(tx);
    if (!profile)
      throw new TargetsError(
        'ORG_DATA_MISSING',
        'Data instansi belum diterima dari layanan identitas; coba lagi sebentar.',
      );
    return profile;
  }

  async callerOf(tx: TenantTx, principal: Principal): Promise<Caller> {
    const profile = await this.profile(tx);
    const employeeId = principal.employeeId ?? (await this.directory.employeeIdOfSubject(tx, principal.subject));
    return {
      subject: principal.subject,
      employeeId,
      roles: principal.roles,
      isPerformanceManager: hasRole(principal, 'performance-manager'),
      isTenantAdmin: hasRole(principal, 'tenant-admin'),
      isRegionalHead:
        hasRole(principal, 'regional-head') &&
        (profile.regionalHeadSubject === '' || profile.regionalHeadSubject === principal.subject),
      profile,
      timeZone: profile.timeZone,
      today: this.clock.today(profile.timeZone),
    };
  }
}
