import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@kinerja/platform/auth';
import type { TenantTx } from '@kinerja/platform/database';

// R42: append-only audit records (actor, time, old → new, reason). The app login cannot update or delete them
// (the migration revokes it), so this repository only inserts and reads.

export type AuditEntry = {
  /** `<entity>.<what happened>`, e.g. `employee.moved`, `settings.changed`. */
  action: string;
  entityType: 'tenant' | 'settings' | 'unit' | 'acting' | 'employee' | 'import';
  entityId: string;
  old?: unknown;
  new?: unknown;
  reason?: string;
};

export type AuditRow = {
  id: string;
  at: Date;
  /** `at` to the microsecond, for the cursor. */
  at_key: string;
  actor_subject: string;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  old_value: unknown;
  new_value: unknown;
  reason: string;
};

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorSubject?: string;
  from?: Date;
  to?: Date;
  /** The last row of the previous page: (at, id). */
  after?: { at: string; id: string };
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

@Injectable()
export class AuditRepository {
  async record(tx: TenantTx, actor: Principal, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    await tx.manager.query(
      `INSERT INTO audit_record (tenant_id, id, actor_subject, actor_username, action, entity_type, entity_id,
                                 old_value, new_value, reason)
       SELECT $1, id, $2, $3, action, entity_type, entity_id, old_value::jsonb, new_value::jsonb, reason
       FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS e(id, action, entity_type, entity_id, old_value, new_value, reason)`,
      [
        tx.tenantId,
        actor.subject,
        actor.username ?? null,
        list.map(() => randomUUID()),
        list.map((e) => e.action),
        list.map((e) => e.entityType),
        list.map((e) => e.entityId),
        list.map((e) => json(e.old)),
        list.map((e) => json(e.new)),
        list.map((e) => e.reason ?? ''),
      ],
    );
  }

  async list(tx: TenantTx, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tx.tenantId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.entityType) add('entity_type = ?', filter.entityType);
    if (filter.entityId) add('entity_id = ?', filter.entityId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.actorSubject) add('actor_subject = ?', filter.actorSubject);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.after) {
      params.push(filter.after.at, filter.after.id);
      where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return (await tx.manager.query(
      `SELECT id, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key, actor_subject, actor_username, action, entity_type, entity_id, old_value, new_value, reason
       FROM audit_record WHERE ${where.join(' AND ')}
       ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    )) as AuditRow[];
  }
}
