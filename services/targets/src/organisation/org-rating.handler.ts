import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { ORG_RATINGS, SKP_LIMITS } from '@kinerja/domain';
import { OrgDirectory } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { TenantContext } from '../org/tenant-context.js';
import { PeriodRepository } from '../periods/period.repository.js';
import { queryRows } from '../sql.js';
import { forbidden, invalid, notFound, TargetsError } from '../targets-error.js';

type RatingRaw = {
  unit_id: string;
  period_id: string;
  code: string;
  rating: string;
  note: string;
  set_by: string;
  set_by_employee_id: string | null;
  set_as: string;
  set_at: Date;
  version: number;
};

const toMessage = (r: RatingRaw) =>
  create(targetsV1.OrgRatingSchema, {
    unitId: r.unit_id,
    periodId: r.period_id,
    periodCode: r.code,
    rating: r.rating,
    note: r.note,
    setBy: r.set_by,
    setByEmployeeId: r.set_by_employee_id ?? '',
    setAs: r.set_as,
    setAt: timestampFromDate(r.set_at),
    version: BigInt(r.version),
  });

// R26: the organisation rating of a unit for a period, set by the head of the parent unit on the day it is set
// (a PLT/PLH valid that day included) or by the regional head account for the top unit; each change is an
// append-only audit record (R42) and an org-rating.set event.
@Injectable()
export class OrgRatingHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly periods: PeriodRepository,
  ) {}

  set(principal: Principal, request: targetsV1.SetOrgRatingRequest): Promise<targetsV1.OrgRating> {
    const fields: FieldError[] = [];
    if (!(ORG_RATINGS as readonly string[]).includes(request.rating))
      fields.push({ field: 'rating', code: 'INVALID_VALUE', message: ORG_RATINGS.join(' | ') });
    if (request.note.trim() === '') fields.push({ field: 'note', code: 'REQUIRED', message: 'Catatan wajib diisi.' });
    if (request.note.length > SKP_LIMITS.orgRatingNote)
      fields.push({ field: 'note', code: 'TOO_LONG', message: `Paling banyak ${SKP_LIMITS.orgRatingNote} karakter.` });
    if (fields.length > 0) throw invalid(fields);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const parent = await this.directory.parentOn(tx, request.unitId, caller.today);
      if (parent === undefined) throw notFound('Unit');
      const period = await this.periods.byId(tx, request.periodId);
      if (!period) throw notFound('Periode');
      let setAs: 'HEAD' | 'ACTING_HEAD' | 'REGIONAL_HEAD';
      if (parent === null) {
        if (!caller.isRegionalHead)
          throw forbidden('Predikat kinerja unit teratas ditetapkan oleh kepala daerah (R26).');
        setAs = 'REGIONAL_HEAD';
      } else {
        const head = await this.directory.unitHeadOn(tx, parent, caller.today);
        if (!head || head.employeeId !== caller.employeeId)
          throw forbidden('Predikat kinerja unit ditetapkan oleh pimpinan unit induknya (R26).');
        setAs = head.acting ? 'ACTING_HEAD' : 'HEAD';
      }
      if (period.state === 'PLANNED') throw new TargetsError('INVALID_STATE', 'Periode belum dibuka.');
      const [previous] = await queryRows<{ rating: string }>(
        tx,
        `SELECT rating FROM org_rating WHERE tenant_id = $1 AND unit_id = $2 AND period_id = $3 FOR UPDATE`,
        [tx.tenantId, request.unitId, request.periodId],
      );
      const employeeId = setAs === 'REGIONAL_HEAD' ? null : caller.employeeId;
      const note = request.note.trim();
      const [row] = await queryRows<RatingRaw>(
        tx,
        `WITH r AS (
           INSERT INTO org_rating (tenant_id, id, unit_id, period_id, rating, note, set_by, set_by_employee_id, set_as)
           VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (tenant_id, unit_id, period_id) DO UPDATE SET rating = excluded.rating, note = excluded.note,
             set_by = excluded.set_by, set_by_employee_id = excluded.set_by_employee_id, set_as = excluded.set_as,
             set_at = now(), version = org_rating.version + 1
           RETURNING *
         ), audit AS (
           INSERT INTO org_rating_audit (tenant_id, id, unit_id, period_id, old_rating, new_rating, note, actor, actor_employee_id, set_as)
           VALUES ($1, gen_random_uuid(), $2, $3, $9, $4, $5, $6, $7, $8)
         )
         SELECT r.*, $10::text AS code FROM r`,
        [
          tx.tenantId,
          request.unitId,
          request.periodId,
          request.rating,
          note,
          principal.subject,
          employeeId,
          setAs,
          previous?.rating ?? null,
          period.code,
        ],
      );
      const rating = toMessage(row as RatingRaw);
      tx.outbox.publish(
        targetsV1.OrgRatingSetSchema,
        create(targetsV1.OrgRatingSetSchema, { rating, previousRating: previous?.rating ?? '' }),
        { aggregateType: 'org-rating', aggregateId: `${request.unitId}:${request.periodId}`, event: 'set' },
      );
      return rating;
    });
  }

  // Read by the tenant's monitors and regional head, the heads of the unit and of its parent, and its members.
  list(principal: Principal, request: targetsV1.ListOrgRatingsRequest): Promise<targetsV1.OrgRating[]> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const parent = await this.directory.parentOn(tx, request.unitId, caller.today);
      if (parent === undefined) throw notFound('Unit');
      const related = async () => {
        if (!caller.employeeId) return false;
        for (const unit of [request.unitId, parent]) {
          if (!unit) continue;
          const head = await this.directory.unitHeadOn(tx, unit, caller.today);
          if (head?.employeeId === caller.employeeId) return true;
        }
        return (await this.directory.placementOn(tx, caller.employeeId, caller.today))?.unitId === request.unitId;
      };
      if (!(caller.isPerformanceManager || caller.isTenantAdmin || caller.isRegionalHead || (await related())))
        throw forbidden('Anda tidak berwenang membaca predikat kinerja unit ini.');
      const rows = await queryRows<RatingRaw>(
        tx,
        `SELECT r.*, p.code FROM org_rating r JOIN period p ON p.tenant_id = r.tenant_id AND p.id = r.period_id
         WHERE r.tenant_id = $1 AND r.unit_id = $2 AND ($3::int = 0 OR p.year = $3) ORDER BY p.start_date, p.kind DESC`,
        [tx.tenantId, request.unitId, request.year],
      );
      return rows.map(toMessage);
    });
  }
}
