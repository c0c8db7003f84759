import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { OrgDirectory } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { TenantContext } from '../org/tenant-context.js';
import { notFound } from '../targets-error.js';
import { SkpAccess } from './skp-access.js';
import { SkpRepository } from './skp.repository.js';

const SYSTEM = 'system';

// R11, R42: the SKP's append-only audit trail (who, when, what, from and to status, version, reason), with each
// actor named as the org projection knows the login. Readable by whoever may read the SKP: the employee, the rater,
// the rater's superior, the tenant's performance managers and admins.
@Injectable()
export class SkpAuditHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
  ) {}

  trail(principal: Principal, id: string): Promise<targetsV1.GetSkpAuditResponse> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const agg = await this.skps.load(tx, id);
      if (!agg) throw notFound('SKP');
      this.access.assertReadable(await this.access.relationOf(tx, caller, agg.skp));
      const records = await this.skps.audit(tx, id);
      const subjects = [...new Set(records.map((r) => r.actor).filter((s) => s !== SYSTEM))];
      const people = new Map(
        (await this.directory.employeesOfSubjects(tx, subjects)).map((e) => [e.accountSubject, e] as const),
      );
      const owner = await this.directory.employee(tx, agg.skp.employeeId);
      return create(targetsV1.GetSkpAuditResponseSchema, {
        employeeNip: owner?.nip ?? '',
        year: agg.skp.year,
        records: records.map((a) => {
          const person = people.get(a.actor);
          const regionalHead = a.actor !== '' && a.actor === caller.profile.regionalHeadSubject;
          return {
            at: timestampFromDate(a.at),
            actor: a.actor,
            actorRole: a.actorRole,
            action: a.action,
            fromStatus: a.fromStatus,
            toStatus: a.toStatus,
            versionNumber: a.versionNumber,
            reason: a.reason ?? '',
            actorEmployeeId: person?.id ?? '',
            actorName: person?.name ?? (regionalHead ? 'Kepala Daerah' : a.actor === SYSTEM ? 'Sistem' : ''),
            actorNip: person?.nip ?? '',
          };
        }),
      });
    });
  }
}
