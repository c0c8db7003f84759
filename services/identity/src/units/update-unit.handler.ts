import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { UNIT_KINDS } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { checkVersion, Fields, historyConflict } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { changeFrom } from '../terms.js';
import { checkParent, UNIT_CODE } from './create-unit.handler.js';
import { publishUnit } from './unit-events.js';
import { toUnitMessage } from './unit.mapper.js';
import { UnitRepository, type UnitChanges } from './unit.repository.js';

@Injectable()
export class UpdateUnitHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly units: UnitRepository,
    private readonly audit: AuditRepository,
  ) {}

  // Data changes and moves. A move gives the unit another parent from a date and keeps the history; a unit cannot
  // become its own ancestor on any date from then on (UNIT_CYCLE).
  async execute(principal: Principal, request: identityV1.UpdateUnitRequest): Promise<identityV1.Unit> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('id', request.id);
    const changes: UnitChanges = {};
    if (request.code !== undefined) {
      const code = fields.text('code', request.code, 64);
      if (code && !UNIT_CODE.test(code))
        fields.add('code', 'INVALID_VALUE', 'Huruf, angka, titik, garis, garis bawah.');
      if (code) changes.code = code;
    }
    if (request.name !== undefined) changes.name = fields.text('name', request.name, 200) ?? undefined;
    if (request.kind !== undefined) changes.kind = fields.oneOf('kind', request.kind, UNIT_KINDS) ?? undefined;
    if (request.headPositionName !== undefined)
      changes.headPositionName = fields.text('headPositionName', request.headPositionName, 200, false);
    if (request.active !== undefined) changes.active = request.active;
    const moving = request.parentId !== undefined;
    const parentId = moving ? fields.uuid('parentId', request.parentId ?? '', false) : null;
    const from = moving ? fields.date('effectiveFrom', request.effectiveFrom) : '';
    if (!moving && request.effectiveFrom) fields.add('effectiveFrom', 'NOT_ALLOWED', 'Hanya untuk pemindahan unit.');
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check('Data unit tidak sah.');

    return this.db.withTenant(tenantId, async (tx) => {
      const aggregate = await this.units.aggregate(tx, request.id, true);
      if (!aggregate) throw notFound('Unit');
      checkVersion(request.expectedVersion, aggregate.unit.version);
      const { unit } = aggregate;
      const changed = Object.fromEntries(
        Object.entries(changes).filter(([key, value]) => unit[key as keyof UnitChanges] !== value),
      ) as UnitChanges;
      if (changed.active === false) {
        const occupancy = await this.units.occupancy(tx, unit.id);
        if (occupancy.children > 0 || occupancy.placements > 0)
          throw new IdentityError('UNIT_NOT_EMPTY', 'Unit masih memiliki sub-unit atau pegawai.', [
            {
              field: 'active',
              code: 'UNIT_NOT_EMPTY',
              message: `${occupancy.children} sub-unit dan ${occupancy.placements} pegawai masih di unit ini.`,
            },
          ]);
      }

      let parents = aggregate.parents;
      let moved: { from: string; to: string } | null = null;
      if (moving) {
        if (parentId === unit.id || (parentId && (await this.wouldCycle(tx, unit.id, parentId, from))))
          throw new IdentityError('UNIT_CYCLE', 'Unit tidak boleh menjadi induk dari dirinya sendiri.', [
            { field: 'parentId', code: 'UNIT_CYCLE', message: 'Unit ini berada di atas unit induk yang dipilih.' },
          ]);
        if (parentId) await checkParent(tx, this.units, parentId, from);
        const change = changeFrom(aggregate.parents, from, { parentId }, (a, b) => a.parentId === b.parentId);
        if (!change.ok) throw historyConflict('effectiveFrom', change.latestFrom);
        if (change.changed) {
          await this.units.replaceParentTerms(tx, unit.id, change.terms);
          parents = [...change.terms];
          moved = { from: change.previous?.value.parentId ?? '', to: parentId ?? '' };
        }
      }
      // Nothing changed: the unit as it is, no event, no audit record.
      if (Object.keys(changed).length === 0 && !moved) return toUnitMessage(aggregate);

      const open = parents.at(-1);
      const updated = {
        ...aggregate,
        parents,
        unit: await this.units.update(tx, unit.id, {
          ...changed,
          parentId: open?.to === null ? open.value.parentId : null,
        }),
      };
      const before = Object.fromEntries(Object.keys(changed).map((k) => [k, unit[k as keyof UnitChanges]]));
      await this.audit.record(tx, principal, [
        ...(Object.keys(changed).length > 0
          ? [
              {
                action: 'unit.updated',
                entityType: 'unit' as const,
                entityId: unit.id,
                old: before,
                new: changed,
                reason,
              },
            ]
          : []),
        ...(moved
          ? [
              {
                action: 'unit.moved',
                entityType: 'unit' as const,
                entityId: unit.id,
                old: { parentId: moved.from || null },
                new: { parentId: moved.to || null, from },
                reason,
              },
            ]
          : []),
      ]);
      if (Object.keys(changed).length > 0) publishUnit(tx, updated, identityV1.UnitUpdatedSchema, 'updated');
      return moved
        ? publishUnit(tx, updated, identityV1.UnitMovedSchema, 'moved', {
            fromParentId: moved.from,
            toParentId: moved.to,
            effectiveDate: from,
          })
        : toUnitMessage(updated);
    });
  }

  // The unit must not be the new parent's ancestor on the move date nor on any later date the tree changes.
  private async wouldCycle(
    tx: Parameters<UnitRepository['findById']>[0],
    unitId: string,
    parentId: string,
    from: string,
  ): Promise<boolean> {
    const dates = await this.units.treeChangeDates(tx, from);
    return this.units.isAncestorOrSelf(tx, unitId, parentId, dates);
  }
}
