import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { OrgDirectory } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import { TenantContext, type Caller } from '../org/tenant-context.js';
import { forbidden, notFound } from '../targets-error.js';
import { isRole, SkpAccess } from './skp-access.js';
import { diffSkpContent } from './skp-diff.js';
import { toSkpMessage, toVersionMessage } from './skp.mapper.js';
import { SkpRepository } from './skp.repository.js';

// Reading SKPs: one (with the caller's allowed actions and its ETag), an employee's list, and the history of
// versions with readable diffs and the audit trail (R11, R42).
@Injectable()
export class ReadSkpHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
  ) {}

  get(principal: Principal, id: string): Promise<targetsV1.Skp> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      // One statement: the SKP, its versions, the employee and the rater's context on the rights date.
      const read = await this.skps.loadForRead(tx, id, caller.today);
      if (!read) throw notFound('SKP');
      const relation = this.access.relationFromContext(caller, read.skp, read.raterContext);
      this.access.assertReadable(relation);
      return toSkpMessage(tx.tenantId, read, this.access.viewWith(read, relation, read.employee));
    });
  }

  list(principal: Principal, request: targetsV1.ListSkpsRequest): Promise<targetsV1.Skp[]> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const employeeId = request.employeeId || caller.employeeId;
      if (!employeeId) throw forbidden('Akun Anda tidak terhubung dengan data pegawai.');
      if (!(await this.mayList(tx, caller, employeeId)))
        throw forbidden('Anda tidak berwenang membaca SKP pegawai ini.');
      const result: targetsV1.Skp[] = [];
      for (const row of await this.skps.ofEmployee(tx, employeeId, request.year || undefined)) {
        const agg = await this.skps.load(tx, row.id);
        if (!agg) continue;
        const relation = await this.access.relationOf(tx, caller, agg.skp);
        result.push(toSkpMessage(tx.tenantId, agg, await this.access.view(tx, agg, relation)));
      }
      return result;
    });
  }

  history(principal: Principal, id: string): Promise<targetsV1.GetSkpHistoryResponse> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const agg = await this.skps.load(tx, id);
      if (!agg) throw notFound('SKP');
      this.access.assertReadable(await this.access.relationOf(tx, caller, agg.skp));
      const versions = await this.skps.versions(tx, id);
      const audit = await this.skps.audit(tx, id);
      return create(targetsV1.GetSkpHistoryResponseSchema, {
        versions: versions.map(toVersionMessage),
        audit: audit.map((a) => ({
          at: timestampFromDate(a.at),
          actor: a.actor,
          actorRole: a.actorRole,
          action: a.action,
          fromStatus: a.fromStatus,
          toStatus: a.toStatus,
          versionNumber: a.versionNumber,
          reason: a.reason ?? '',
        })),
        diffs: versions.slice(1).map((v, i) => ({
          fromVersion: (versions[i] as (typeof versions)[number]).number,
          toVersion: v.number,
          changes: diffSkpContent((versions[i] as (typeof versions)[number]).content, v.content),
        })),
      });
    });
  }

  // The employee, the tenant's managers and admins, and the employee's rater or rater's superior today.
  private async mayList(tx: TenantTx, caller: Caller, employeeId: string): Promise<boolean> {
    if (employeeId === caller.employeeId || caller.isPerformanceManager || caller.isTenantAdmin) return true;
    const { resolution } = await this.directory.raterOn(tx, employeeId, caller.today);
    return resolution.ok && (isRole(resolution.value.rater, caller) || isRole(resolution.value.raterSuperior, caller));
  }
}
