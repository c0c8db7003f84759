import { Injectable } from '@nestjs/common';
import { resolveRater, type Result, type RaterResolution } from '@kinerja/domain';
import type { TenantDatabase, TenantTx } from '@kinerja/platform/database';
import { OrgSnapshotRepository, type AncestorSnapshot, type UnitOnDate } from './org-snapshot.repository.js';
import { orgSnapshotOf, type Placement } from './rater-view.js';

export type Resolution = {
  snapshot: AncestorSnapshot;
  result: Result<RaterResolution>;
  lookup: { units: ReadonlyMap<string, UnitOnDate>; placements: readonly Placement[] };
};

/** R5 for one employee on one date, from the chain of units above the employee only (never the whole tenant). */
@Injectable()
export class RaterResolver {
  constructor(private readonly org: OrgSnapshotRepository) {}

  /** Null when the employee does not exist (in this tenant). `date` null is today in the tenant's zone. */
  async resolve(tx: TenantTx, employeeId: string, date: string | null): Promise<Resolution | null> {
    return this.decide(employeeId, await this.org.ancestors(tx, employeeId, date));
  }

  /** The same, read as the tenant in one round trip outside any transaction (GET /employees/{id}/rater). */
  async resolveAsTenant(
    db: TenantDatabase,
    tenantId: string,
    employeeId: string,
    date: string | null,
  ): Promise<Resolution | null> {
    return this.decide(employeeId, await this.org.ancestorsAsTenant(db, tenantId, employeeId, date));
  }

  private decide(employeeId: string, snapshot: AncestorSnapshot | null): Resolution | null {
    if (!snapshot?.employee) return null;
    const placements = snapshot.placements.map((p) => ({ ...p, employeeId }));
    const result = resolveRater(
      orgSnapshotOf(snapshot.units, placements, snapshot.regionalHeadSubject),
      employeeId,
      snapshot.date,
    );
    return { snapshot, result, lookup: { units: new Map(snapshot.units.map((u) => [u.id, u])), placements } };
  }
}
