import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { resolveRater } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { EmployeeAccess } from '../employees/employee-access.js';
import { toEmployeeMessage } from '../employees/employee.mapper.js';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound } from '../identity-error.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { effectiveHead } from './effective-head.js';
import { OrgSnapshotRepository, type TreeUnitOnDate } from './org-snapshot.repository.js';
import { orgSnapshotOf } from './rater-view.js';

@Injectable()
export class ListSubordinatesHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly org: OrgSnapshotRepository,
    private readonly employees: EmployeeRepository,
    private readonly tenants: TenantRepository,
    private readonly access: EmployeeAccess,
  ) {}

  // R5 read downwards: whom this employee rates on the date. The candidates are the staff of the units the employee
  // heads (or acts as head of), of vacant units below them, and the heads of the units below; each is confirmed by
  // resolveRater, so the answer agrees with GET /employees/{id}/rater by construction.
  async execute(
    principal: Principal,
    request: identityV1.ListSubordinatesRequest,
  ): Promise<identityV1.ListSubordinatesResponse> {
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('employeeId', request.employeeId);
    if (request.date) fields.date('date', request.date);
    fields.check();
    const raterId = request.employeeId;
    return this.db.withTenant(tenantId, async (tx) => {
      if (!(await this.employees.findById(tx, raterId))) throw notFound('Pegawai');
      if (!(await this.access.mayRead(tx, principal, raterId)))
        throw new IdentityError('FORBIDDEN', 'Anda tidak berhak membaca data pegawai ini.');
      const date = await this.tenants.dateOr(tx.manager, tenantId, request.date);
      const units = await this.org.tree(tx, date);
      const children = new Map<string, TreeUnitOnDate[]>();
      for (const unit of units)
        if (unit.parentId) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);

      const staffUnits = new Set<string>();
      const heads = new Set<string>();
      const frontier = units.filter((u) => effectiveHead(u)?.employeeId === raterId);
      while (frontier.length > 0) {
        const unit = frontier.pop() as TreeUnitOnDate;
        if (staffUnits.has(unit.id)) continue;
        staffUnits.add(unit.id);
        for (const child of children.get(unit.id) ?? []) {
          const head = effectiveHead(child);
          if (head === null) frontier.push(child);
          else if (head.employeeId !== raterId) heads.add(head.employeeId);
        }
      }
      const staff = await this.org.placements(tx, date, [...staffUnits]);
      const candidates = [...new Set([...staff.map((p) => p.employeeId), ...heads])].filter((id) => id !== raterId);
      const placements = (await this.org.placementsOf(tx, date, candidates)).map((p) => ({
        ...p,
        from: date,
        to: date,
      }));
      const snapshot = orgSnapshotOf(units, placements, 'regional-head');
      const confirmed = candidates.flatMap((id) => {
        const result = resolveRater(snapshot, id, date);
        if (!result.ok || result.value.rater.id !== raterId) return [];
        const last = result.value.rater.path.at(-1);
        return [
          { id, basis: last?.step === 'ACTING_HEAD' ? 'ACTING' : 'HEAD', unitId: result.value.rater.unitId ?? '' },
        ];
      });
      const rows = new Map(
        (
          await this.employees.findByIds(
            tx,
            confirmed.map((c) => c.id),
          )
        ).map((e) => [e.id, e]),
      );
      const subordinates = confirmed
        .flatMap((c) => {
          const row = rows.get(c.id);
          return row ? [{ ...c, row }] : [];
        })
        .sort((a, b) => a.row.name.localeCompare(b.row.name, 'id'));
      return create(identityV1.ListSubordinatesResponseSchema, {
        date,
        subordinates: subordinates.map((s) =>
          create(identityV1.SubordinateSchema, {
            employee: toEmployeeMessage(s.row),
            basis: s.basis,
            unitId: s.unitId,
          }),
        ),
      });
    });
  }
}
