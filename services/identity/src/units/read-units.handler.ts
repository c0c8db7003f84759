import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { UNIT_KINDS } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { decodeCursor, likeEscape, pageOf, pageSize } from '../cursor.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound } from '../identity-error.js';
import { OrgSnapshotRepository, type TreeUnitOnDate } from '../raters/org-snapshot.repository.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { ActingRepository } from './acting.repository.js';
import { toActingMessage, toActingOnDateMessage, toUnitMessage } from './unit.mapper.js';
import { UnitRepository } from './unit.repository.js';

// The org structure is not personal data: every account of the tenant may read it.
@Injectable()
export class ReadUnitsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly units: UnitRepository,
    private readonly acting: ActingRepository,
    private readonly org: OrgSnapshotRepository,
    private readonly tenants: TenantRepository,
  ) {}

  async get(principal: Principal, id: string): Promise<identityV1.GetUnitResponse> {
    const fields = new Fields();
    fields.uuid('id', id);
    fields.check();
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const aggregate = await this.units.aggregate(tx, id);
      if (!aggregate) throw notFound('Unit');
      const acting = await this.acting.listByUnit(tx, id);
      return create(identityV1.GetUnitResponseSchema, {
        unit: toUnitMessage(aggregate),
        acting: acting.map(toActingMessage),
      });
    });
  }

  async list(principal: Principal, request: identityV1.ListUnitsRequest): Promise<identityV1.ListUnitsResponse> {
    const fields = new Fields();
    const parentId = fields.uuid('parentId', request.parentId, false);
    if (request.kind) fields.oneOf('kind', request.kind, UNIT_KINDS);
    if (request.q.length > 100) fields.add('q', 'TOO_LONG', 'Paling banyak 100 karakter.');
    fields.check();
    const limit = pageSize(request.page?.limit ?? 0);
    const after = decodeCursor(request.page?.cursor ?? '', 2);
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      // A parent of another tenant (or none) is not found (R41).
      if (parentId && !(await this.units.findById(tx, parentId)))
        throw new IdentityError('NOT_FOUND', 'Unit induk tidak ditemukan.', [
          { field: 'parentId', code: 'NOT_FOUND', message: 'Unit induk tidak ditemukan.' },
        ]);
      const rows = await this.units.list(
        tx,
        {
          parentId: parentId ?? undefined,
          kind: request.kind || undefined,
          q: request.q.trim() ? likeEscape(request.q.trim().toLowerCase()) : undefined,
          includeInactive: request.includeInactive,
          after: after ? { name: after[0] as string, id: after[1] as string } : undefined,
        },
        limit,
      );
      const page = pageOf(rows, limit, ({ row, nameKey }) => [nameKey, row.id]);
      const aggregates = await this.units.aggregates(
        tx,
        page.items.map(({ row }) => row),
      );
      return create(identityV1.ListUnitsResponseSchema, {
        units: aggregates.map(toUnitMessage),
        page: { nextCursor: page.nextCursor },
      });
    });
  }

  async listActing(principal: Principal, unitId: string): Promise<identityV1.ActingAppointment[]> {
    const fields = new Fields();
    fields.uuid('unitId', unitId);
    fields.check();
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      if (!(await this.units.findById(tx, unitId))) throw notFound('Unit');
      return (await this.acting.listByUnit(tx, unitId)).map(toActingMessage);
    });
  }

  /** The org tree on a date: each unit with its head, acting head and the number of employees placed in it. */
  async tree(principal: Principal, request: identityV1.GetUnitTreeRequest): Promise<identityV1.GetUnitTreeResponse> {
    const fields = new Fields();
    if (request.date) fields.date('date', request.date);
    const rootId = fields.uuid('rootId', request.rootId, false);
    fields.check();
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const date = await this.tenants.dateOr(tx.manager, tx.tenantId, request.date);
      const units = await this.org.tree(tx, date);
      if (rootId && !units.some((u) => u.id === rootId)) throw notFound('Unit');
      const counts = new Map<string, number>();
      for (const p of await this.org.placements(tx, date, null)) counts.set(p.unitId, (counts.get(p.unitId) ?? 0) + 1);
      const children = new Map<string | null, TreeUnitOnDate[]>();
      for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
      const node = (unit: TreeUnitOnDate, depth: number): identityV1.UnitTreeNode => {
        const acting = unit.acting[0];
        return create(identityV1.UnitTreeNodeSchema, {
          id: unit.id,
          code: unit.code,
          name: unit.name,
          kind: unit.kind,
          parentId: unit.parentId ?? '',
          headPositionName: unit.headPositionName ?? '',
          headEmployeeId: unit.head?.employeeId ?? '',
          headName: unit.head?.name ?? '',
          acting: toActingOnDateMessage(tx.tenantId, unit.id, acting),
          actingName: acting?.name ?? '',
          employeeCount: counts.get(unit.id) ?? 0,
          // The depth guard keeps a corrupt cycle from recursing for ever.
          children: depth < 64 ? (children.get(unit.id) ?? []).map((c) => node(c, depth + 1)) : [],
        });
      };
      const roots = rootId ? units.filter((u) => u.id === rootId) : (children.get(null) ?? []);
      return create(identityV1.GetUnitTreeResponseSchema, { date, roots: roots.map((u) => node(u, 0)) });
    });
  }
}
