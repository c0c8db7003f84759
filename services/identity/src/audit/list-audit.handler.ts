import { create, fromJson, type JsonValue } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, ValueSchema } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { decodeCursor, pageOf, pageSize } from '../cursor.js';
import { Fields } from '../fields.js';
import { requireRole } from '../identity-error.js';
import { AuditRepository } from './audit.repository.js';

@Injectable()
export class ListAuditHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditRepository,
  ) {}

  // R42: readable by the tenant's admins, newest first, filtered by entity, action, actor and time.
  async execute(principal: Principal, request: identityV1.ListAuditRequest): Promise<identityV1.ListAuditResponse> {
    requireRole(principal, 'tenant-admin');
    const fields = new Fields();
    if (request.entityId.length > 100) fields.add('entityId', 'TOO_LONG', 'Paling banyak 100 karakter.');
    const from = request.from ? timestampDate(request.from) : undefined;
    const to = request.to ? timestampDate(request.to) : undefined;
    if (from && to && to < from) fields.add('to', 'DATES_OUT_OF_ORDER', 'Tidak boleh sebelum from.');
    fields.check();
    const limit = pageSize(request.page?.limit ?? 0);
    const after = decodeCursor(request.page?.cursor ?? '', 2);
    return this.db.withTenant(tenantOf(principal), async (tx) => {
      const rows = await this.audit.list(
        tx,
        {
          entityType: request.entityType || undefined,
          entityId: request.entityId || undefined,
          action: request.action || undefined,
          actorSubject: request.actorSubject || undefined,
          from,
          to,
          after: after ? { at: after[0] as string, id: after[1] as string } : undefined,
        },
        limit,
      );
      const page = pageOf(rows, limit, (row) => [row.at_key, row.id]);
      return create(identityV1.ListAuditResponseSchema, {
        records: page.items.map((row) =>
          create(identityV1.AuditRecordSchema, {
            id: row.id,
            at: timestampFromDate(row.at),
            actorSubject: row.actor_subject,
            actorUsername: row.actor_username ?? '',
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            oldValue: fromJson(ValueSchema, (row.old_value ?? null) as JsonValue),
            newValue: fromJson(ValueSchema, (row.new_value ?? null) as JsonValue),
            reason: row.reason,
          }),
        ),
        page: { nextCursor: page.nextCursor },
      });
    });
  }
}
