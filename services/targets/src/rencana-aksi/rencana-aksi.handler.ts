import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { SKP_LIMITS } from '@kinerja/domain';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { TenantContext } from '../org/tenant-context.js';
import { PeriodRepository } from '../periods/period.repository.js';
import { SkpAccess, type SkpRelation } from '../skp/skp-access.js';
import { SkpRepository, type SkpAggregate } from '../skp/skp.repository.js';
import { queryRows } from '../sql.js';
import { checkIfMatch, forbidden, invalid, notFound, TargetsError } from '../targets-error.js';

type Raw = {
  id: string;
  skp_id: string;
  rhk_id: string;
  period_id: string;
  text: string;
  target: string;
  ordinal: number;
  version: number;
};
const toMessage = (r: Raw) =>
  create(targetsV1.RencanaAksiSchema, {
    id: r.id,
    skpId: r.skp_id,
    rhkId: r.rhk_id,
    periodId: r.period_id,
    text: r.text,
    target: r.target,
    ordinal: r.ordinal,
    version: BigInt(r.version),
  });
const columns = 'id, skp_id, rhk_id, period_id, text, target, ordinal, version';

// Rencana aksi: the actions the employee plans for a period under one RHK of their SKP (used by activity and
// scoring). Written by the SKP's owner (or a performance manager for an SKP drafted on the employee's behalf),
// read by whoever may read the SKP.
@Injectable()
export class RencanaAksiHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
    private readonly periods: PeriodRepository,
  ) {}

  list(principal: Principal, request: targetsV1.ListRencanaAksiRequest): Promise<targetsV1.RencanaAksi[]> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      await this.open(tx, principal, request.skpId, false);
      const rows = await queryRows<Raw>(
        tx,
        `SELECT ${columns} FROM rencana_aksi WHERE tenant_id = $1 AND skp_id = $2 AND ($3 = '' OR period_id::text = $3)
         ORDER BY period_id, rhk_id, ordinal`,
        [tx.tenantId, request.skpId, request.periodId],
      );
      return rows.map(toMessage);
    });
  }

  create(principal: Principal, request: targetsV1.CreateRencanaAksiRequest): Promise<targetsV1.RencanaAksi> {
    this.checkText(request.text, request.target);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const { agg } = await this.open(tx, principal, request.skpId, true);
      const rhkIds = new Set([...agg.working.content.rhk, ...(agg.inForce?.content.rhk ?? [])].map((r) => r.id));
      if (!rhkIds.has(request.rhkId))
        throw invalid([{ field: 'rhkId', code: 'UNKNOWN_ID', message: 'Bukan RHK SKP ini.' }]);
      const period = await this.periods.byId(tx, request.periodId);
      if (!period || period.year !== agg.skp.year || period.kind !== 'REGULAR')
        throw invalid([
          { field: 'periodId', code: 'UNKNOWN_ID', message: `Bukan periode reguler tahun ${agg.skp.year}.` },
        ]);
      if (period.deadlineReached) throw new TargetsError('DEADLINE_PASSED', 'Batas input periode ini sudah lewat.');
      const [count] = await queryRows<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM rencana_aksi WHERE tenant_id = $1 AND skp_id = $2 AND rhk_id = $3 AND period_id = $4`,
        [tx.tenantId, agg.skp.id, request.rhkId, request.periodId],
      );
      if ((count?.n ?? 0) >= SKP_LIMITS.rencanaAksiPerRhkPeriod)
        throw invalid([
          {
            field: 'rhkId',
            code: 'TOO_MANY',
            message: `Paling banyak ${SKP_LIMITS.rencanaAksiPerRhkPeriod} per RHK dan periode.`,
          },
        ]);
      const [row] = await queryRows<Raw>(
        tx,
        `INSERT INTO rencana_aksi (tenant_id, id, skp_id, rhk_id, period_id, text, target, ordinal)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
        [
          tx.tenantId,
          agg.skp.id,
          request.rhkId,
          request.periodId,
          request.text.trim(),
          request.target.trim(),
          (count?.n ?? 0) + 1,
        ],
      );
      return this.publish(tx, row as Raw, 'set');
    });
  }

  update(principal: Principal, request: targetsV1.UpdateRencanaAksiRequest): Promise<targetsV1.RencanaAksi> {
    this.checkText(request.text, request.target);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      await this.open(tx, principal, request.skpId, true);
      const current = await this.one(tx, request.skpId, request.id);
      checkIfMatch(request.ifMatch, current.version, false);
      const [row] = await queryRows<Raw>(
        tx,
        `UPDATE rencana_aksi SET text = $4, target = $5, version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND skp_id = $2 AND id = $3 RETURNING ${columns}`,
        [tx.tenantId, request.skpId, request.id, request.text.trim(), request.target.trim()],
      );
      return this.publish(tx, row as Raw, 'set');
    });
  }

  delete(principal: Principal, request: targetsV1.DeleteRencanaAksiRequest): Promise<void> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      await this.open(tx, principal, request.skpId, true);
      const current = await this.one(tx, request.skpId, request.id);
      await tx.manager.query(`DELETE FROM rencana_aksi WHERE tenant_id = $1 AND skp_id = $2 AND id = $3`, [
        tx.tenantId,
        request.skpId,
        request.id,
      ]);
      this.publish(tx, current, 'deleted');
    });
  }

  private checkText(text: string, target: string): void {
    const fields: FieldError[] = [];
    if (text.trim() === '') fields.push({ field: 'text', code: 'REQUIRED', message: 'Wajib diisi.' });
    if (text.length > SKP_LIMITS.rencanaAksiText)
      fields.push({
        field: 'text',
        code: 'TOO_LONG',
        message: `Paling banyak ${SKP_LIMITS.rencanaAksiText} karakter.`,
      });
    if (target.length > SKP_LIMITS.rencanaAksiTarget)
      fields.push({
        field: 'target',
        code: 'TOO_LONG',
        message: `Paling banyak ${SKP_LIMITS.rencanaAksiTarget} karakter.`,
      });
    if (fields.length > 0) throw invalid(fields);
  }

  private async open(
    tx: TenantTx,
    principal: Principal,
    skpId: string,
    write: boolean,
  ): Promise<{ agg: SkpAggregate; relation: SkpRelation }> {
    const caller = await this.context.callerOf(tx, principal);
    const agg = await this.skps.load(tx, skpId, write);
    if (!agg) throw notFound('SKP');
    const relation = await this.access.relationOf(tx, caller, agg.skp);
    this.access.assertReadable(relation);
    if (write) {
      if (!(relation.owner || (relation.performanceManager && agg.skp.onBehalf)))
        throw forbidden('Rencana aksi disusun oleh pemilik SKP.');
      if (agg.skp.status === 'CLOSED') throw new TargetsError('INVALID_STATE', 'SKP sudah ditutup.');
    }
    return { agg, relation };
  }

  private async one(tx: TenantTx, skpId: string, id: string): Promise<Raw> {
    const [row] = await queryRows<Raw>(
      tx,
      `SELECT ${columns} FROM rencana_aksi WHERE tenant_id = $1 AND skp_id = $2 AND id = $3 FOR UPDATE`,
      [tx.tenantId, skpId, id],
    );
    if (!row) throw notFound('Rencana aksi');
    return row;
  }

  private publish(tx: TenantTx, row: Raw, event: 'set' | 'deleted'): targetsV1.RencanaAksi {
    const item = toMessage(row);
    const schema = event === 'set' ? targetsV1.RencanaAksiSetSchema : targetsV1.RencanaAksiDeletedSchema;
    tx.outbox.publish(schema, create(schema, { item }), { aggregateType: 'rencana-aksi', aggregateId: row.id, event });
    return item;
  }
}
