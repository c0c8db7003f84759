import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { resolveRater } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { toEmployeeMessage } from '../employees/employee.mapper.js';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { Fields } from '../fields.js';
import { requireRole } from '../identity-error.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { ActingRepository } from '../units/acting.repository.js';
import { toActingMessage, toActingOnDateMessage, toUnitMessage } from '../units/unit.mapper.js';
import { UnitRepository } from '../units/unit.repository.js';
import { OrgSnapshotRepository } from './org-snapshot.repository.js';
import { orgSnapshotOf, REGIONAL_HEAD_UNSET } from './rater-view.js';

// Admin reports that find what blocks SKPs (R5): employees whose rater cannot be resolved, units without a head,
// and acting appointments that overlap. They read the whole tenant's tree once; they are not on a hot path.
@Injectable()
export class RaterReportsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly org: OrgSnapshotRepository,
    private readonly employees: EmployeeRepository,
    private readonly units: UnitRepository,
    private readonly acting: ActingRepository,
    private readonly tenants: TenantRepository,
  ) {}

  /** R3, R5: every AKTIF employee on the date whose rater or rater's superior cannot be named. */
  async employeesWithoutRater(
    principal: Principal,
    request: identityV1.ListEmployeesWithoutRaterRequest,
  ): Promise<identityV1.ListEmployeesWithoutRaterResponse> {
    requireRole(principal, 'tenant-admin', 'performance-manager');
    const fields = new Fields();
    if (request.date) fields.date('date', request.date);
    fields.check();
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const tenant = await this.tenants.findById(tx.manager, tx.tenantId);
      const date = await this.tenants.dateOr(tx.manager, tx.tenantId, request.date);
      const [units, active] = await Promise.all([this.org.tree(tx, date), this.org.withStatus(tx, date, 'AKTIF')]);
      const placements = active.flatMap((e) =>
        e.unitIds.map((unitId) => ({ employeeId: e.employeeId, unitId, from: date, to: date })),
      );
      const snapshot = orgSnapshotOf(units, placements, tenant?.regionalHeadSubject ?? null);
      const problems = active.flatMap(({ employeeId }) => {
        const result = resolveRater(snapshot, employeeId, date);
        if (!result.ok) return [{ employeeId, code: result.error.code as string, reason: result.error.text.id }];
        const { rater, raterSuperior } = result.value;
        if ([rater, raterSuperior].some((r) => r.isRegionalHead && r.id === REGIONAL_HEAD_UNSET))
          return [
            {
              employeeId,
              code: 'REGIONAL_HEAD_NOT_SET',
              reason: 'Akun kepala daerah belum ditetapkan untuk instansi ini.',
            },
          ];
        return [];
      });
      const rows = new Map(
        (
          await this.employees.findByIds(
            tx,
            problems.map((p) => p.employeeId),
          )
        ).map((e) => [e.id, e]),
      );
      return create(identityV1.ListEmployeesWithoutRaterResponseSchema, {
        date,
        employees: problems
          .flatMap((p) => {
            const row = rows.get(p.employeeId);
            return row ? [{ ...p, row }] : [];
          })
          .sort((a, b) => a.row.name.localeCompare(b.row.name, 'id'))
          .map((p) =>
            create(identityV1.EmployeeWithoutRaterSchema, {
              employee: toEmployeeMessage(p.row),
              reasonCode: p.code,
              reason: p.reason,
            }),
          ),
      });
    });
  }

  /** R5: active units without a definitive head on the date; the acting head, if any, is given with each. */
  async unitsWithoutHead(
    principal: Principal,
    request: identityV1.ListUnitsWithoutHeadRequest,
  ): Promise<identityV1.ListUnitsWithoutHeadResponse> {
    requireRole(principal, 'tenant-admin', 'performance-manager');
    const fields = new Fields();
    if (request.date) fields.date('date', request.date);
    fields.check();
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const date = await this.tenants.dateOr(tx.manager, tx.tenantId, request.date);
      const vacant = (await this.org.tree(tx, date)).filter((u) => u.active && u.head === null);
      const aggregates = new Map(
        (
          await this.units.aggregates(
            tx,
            await this.units.findByIds(
              tx,
              vacant.map((u) => u.id),
            ),
          )
        ).map((a) => [a.unit.id, a]),
      );
      return create(identityV1.ListUnitsWithoutHeadResponseSchema, {
        date,
        units: vacant.flatMap((u) => {
          const aggregate = aggregates.get(u.id);
          return aggregate
            ? [
                create(identityV1.UnitWithoutHeadSchema, {
                  unit: toUnitMessage(aggregate),
                  acting: toActingOnDateMessage(tx.tenantId, u.id, u.acting[0]),
                }),
              ]
            : [];
        }),
      });
    });
  }

  /** R5: live acting appointments that overlap, in one unit or of one employee in two units. */
  async overlappingActing(principal: Principal): Promise<identityV1.ListOverlappingActingResponse> {
    requireRole(principal, 'tenant-admin', 'performance-manager');
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const pairs = await this.acting.overlaps(tx);
      return create(identityV1.ListOverlappingActingResponseSchema, {
        overlaps: pairs.map((p) => {
          const to = [p.first.to, p.second.to].filter((d): d is string => d !== null).sort()[0] ?? '';
          return create(identityV1.ActingOverlapSchema, {
            kind: p.kind,
            first: toActingMessage(p.first),
            second: toActingMessage(p.second),
            from: p.first.from > p.second.from ? p.first.from : p.second.from,
            to,
          });
        }),
      });
    });
  }
}
