import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { identityV1 } from '@kinerja/contracts';
import { noCounts, type ImportJobRow } from './import.repository.js';

export function toImportJobMessage(row: ImportJobRow, tenantId: string): identityV1.ImportJob {
  return create(identityV1.ImportJobSchema, {
    id: row.id,
    tenantId,
    kind: row.kind,
    mode: row.mode,
    dryRun: row.dry_run,
    status: row.status,
    fileName: row.file_name,
    fileFormat: row.file_format,
    fileSize: BigInt(row.file_size),
    units: { ...noCounts(), ...row.units },
    employees: { ...noCounts(), ...row.employees },
    processed: row.processed,
    total: row.total,
    errorCount: row.error_count,
    failureCode: row.status === 'INTERRUPTED' ? (row.failure_code ?? 'IMPORT_INTERRUPTED') : (row.failure_code ?? ''),
    failureMessage:
      row.status === 'INTERRUPTED'
        ? (row.failure_message ?? 'Impor terhenti; unggah berkas yang sama lagi untuk melanjutkan.')
        : (row.failure_message ?? ''),
    createdBy: row.created_by,
    createdByUsername: row.created_by_username ?? '',
    createdAt: timestampFromDate(row.created_at),
    updatedAt: timestampFromDate(row.updated_at),
    finishedAt: row.finished_at ? timestampFromDate(row.finished_at) : undefined,
  });
}
