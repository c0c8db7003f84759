import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { decodeCursor, encodeCursor, pageOf, pageSize } from '../cursor.js';
import { Fields } from '../fields.js';
import { notFound, requireRole } from '../identity-error.js';
import { toImportJobMessage } from './import.mapper.js';
import { ImportRepository } from './import.repository.js';

@Injectable()
export class ReadImportsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: ImportRepository,
  ) {}

  // A job with its status, counts, progress and one page of its report (every bad row, in row order).
  async get(principal: Principal, request: identityV1.GetImportRequest): Promise<identityV1.GetImportResponse> {
    requireRole(principal, 'tenant-admin');
    const fields = new Fields();
    fields.uuid('id', request.id);
    fields.check();
    const limit = pageSize(request.page?.limit ?? 0);
    const after = decodeCursor(request.page?.cursor ?? '', 1);
    const afterSeq = after ? Number(after[0]) : 0;
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) decodeCursor('!', 1);
    const tenantId = tenantOf(principal);
    return this.db.withTenant(tenantId, async (tx) => {
      const job = await this.jobs.find(tx, request.id);
      if (!job) throw notFound('Impor');
      const errors = await this.jobs.errors(tx, job.id, afterSeq, limit);
      const page = errors.length > limit ? encodeCursor([String(errors[limit - 1]?.seq)]) : '';
      return create(identityV1.GetImportResponseSchema, {
        job: toImportJobMessage(job, tenantId),
        errors: errors.slice(0, limit).map(({ seq: _seq, ...e }) => create(identityV1.ImportRowErrorSchema, e)),
        page: { nextCursor: page },
      });
    });
  }

  async list(principal: Principal, request: identityV1.ListImportsRequest): Promise<identityV1.ListImportsResponse> {
    requireRole(principal, 'tenant-admin');
    const limit = pageSize(request.page?.limit ?? 0);
    const after = decodeCursor(request.page?.cursor ?? '', 2);
    const tenantId = tenantOf(principal);
    return this.db.withTenant(tenantId, async (tx) => {
      const rows = await this.jobs.list(tx, after ? { at: after[0] as string, id: after[1] as string } : null, limit);
      const page = pageOf(rows, limit, (row) => [row.created_key, row.id]);
      return create(identityV1.ListImportsResponseSchema, {
        jobs: page.items.map((row) => toImportJobMessage(row, tenantId)),
        page: { nextCursor: page.nextCursor },
      });
    });
  }
}
