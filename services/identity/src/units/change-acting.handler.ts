import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { checkVersion, Fields } from '../fields.js';
import { IdentityError, notFound, requireRole } from '../identity-error.js';
import { refuseOverlap } from './acting-checks.js';
import { ActingRepository } from './acting.repository.js';
import { publishActing } from './unit-events.js';
import { toActingMessage } from './unit.mapper.js';
import { UnitRepository } from './unit.repository.js';
import type { ActingAppointmentEntity } from './unit.entity.js';

@Injectable()
export class ChangeActingHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly units: UnitRepository,
    private readonly acting: ActingRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** New dates or decree of an appointment (R5: still no overlap within the unit). */
  async update(principal: Principal, request: identityV1.UpdateActingRequest): Promise<identityV1.ActingAppointment> {
    requireRole(principal, 'tenant-admin');
    const fields = new Fields();
    fields.uuid('id', request.id);
    fields.uuid('unitId', request.unitId);
    if (request.from !== undefined) fields.date('from', request.from);
    const to = request.to === undefined ? undefined : fields.optionalDate('to', request.to);
    const decree =
      request.decreeNumber === undefined ? undefined : fields.text('decreeNumber', request.decreeNumber, 100, false);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();

    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const current = await this.load(tx, request.unitId, request.id);
      checkVersion(request.expectedVersion, current.version);
      if (current.revoked)
        throw new IdentityError('CONFLICT', 'Penunjukan ini sudah dibatalkan.', [
          { field: 'id', code: 'REVOKED', message: 'Penunjukan ini sudah dibatalkan.' },
        ]);
      const from = request.from ?? current.from;
      const until = to === undefined ? current.to : to;
      fields.order('from', from, 'to', until);
      fields.check('Penunjukan PLT/PLH tidak sah.');
      await refuseOverlap(tx, this.acting, current.unitId, from, until, current.id);
      const changes = {
        ...(from !== current.from ? { from } : {}),
        ...(until !== current.to ? { to: until } : {}),
        ...(decree !== undefined && decree !== current.decreeNumber ? { decreeNumber: decree } : {}),
      };
      if (Object.keys(changes).length === 0) return toActingMessage(current);
      const updated = await this.acting.update(tx, current.id, changes);
      await this.audit.record(tx, principal, {
        action: 'acting.changed',
        entityType: 'acting',
        entityId: current.id,
        old: { from: current.from, to: current.to, decreeNumber: current.decreeNumber },
        new: { from: updated.from, to: updated.to, decreeNumber: updated.decreeNumber },
        reason,
      });
      return publishActing(tx, updated, identityV1.ActingChangedSchema, 'changed');
    });
  }

  /** Cancels an appointment: it never counted for rater resolution; the record stays. */
  async revoke(principal: Principal, request: identityV1.RevokeActingRequest): Promise<identityV1.ActingAppointment> {
    requireRole(principal, 'tenant-admin');
    const fields = new Fields();
    fields.uuid('id', request.id);
    fields.uuid('unitId', request.unitId);
    const reason = fields.text('reason', request.reason, 500, false) ?? '';
    fields.check();
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const current = await this.load(tx, request.unitId, request.id);
      if (current.revoked) return toActingMessage(current);
      const updated = await this.acting.update(tx, current.id, { revoked: true });
      await this.audit.record(tx, principal, {
        action: 'acting.revoked',
        entityType: 'acting',
        entityId: current.id,
        old: { revoked: false },
        new: { revoked: true },
        reason,
      });
      return publishActing(tx, updated, identityV1.ActingChangedSchema, 'changed');
    });
  }

  private async load(tx: TenantTx, unitId: string, id: string): Promise<ActingAppointmentEntity> {
    if (!(await this.units.findById(tx, unitId, true))) throw notFound('Unit');
    const current = await this.acting.findById(tx, id, true);
    if (!current || current.unitId !== unitId) throw notFound('Penunjukan PLT/PLH');
    return current;
  }
}
