import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { isUploadOf } from '@kinerja/platform/messaging';
import { Fields } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import type { ImportKind } from './import-layout.js';
import { IMPORT_SETTINGS, ImportRunner, type ImportInput, type ImportSettings } from './import-runner.js';
import { checkColumns } from './import-rows.js';
import { toImportJobMessage } from './import.mapper.js';
import { ImportRepository } from './import.repository.js';
import { readWorkbook, type Sheet, type Workbook } from './spreadsheet.js';
import { UPLOAD_STORE, type UploadStore } from './upload-store.js';

const KINDS = ['UNITS', 'EMPLOYEES'] as const;
const MODES = ['ALL_OR_NOTHING', 'VALID_ROWS_ONLY'] as const;

@Injectable()
export class StartImportHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: ImportRepository,
    private readonly runner: ImportRunner,
    @Inject(UPLOAD_STORE) private readonly uploads: UploadStore,
    @Inject(IMPORT_SETTINGS) private readonly limits: ImportSettings,
  ) {}

  // What can be told at once is refused at once (not CSV/XLSX by content, empty, missing columns, too many rows,
  // another import running); the rows are checked and written by the job (import-runner.ts).
  async execute(principal: Principal, request: identityV1.StartImportRequest): Promise<identityV1.ImportJob> {
    requireRole(principal, 'tenant-admin');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    const kind = fields.oneOf('kind', request.kind, KINDS);
    const mode = fields.oneOf('mode', request.mode || 'ALL_OR_NOTHING', MODES);
    const fileName = fields.text('fileName', request.fileName || 'impor', 255) ?? 'impor';
    if (!isUploadOf(request.uploadName, tenantId))
      fields.add('uploadName', 'INVALID_VALUE', 'Bukan unggahan instansi ini.');
    fields.check();
    if (!kind || !mode) throw new Error('unreachable: checked above');

    const bytes = await this.uploads.read(request.uploadName);
    if (!bytes) throw new IdentityError('NOT_FOUND', 'Berkas unggahan tidak ditemukan atau sudah kedaluwarsa.');
    let input: ImportInput;
    let format: Workbook['format'];
    try {
      const workbook = await readWorkbook(bytes);
      format = workbook.format;
      input = this.sheets(kind, workbook);
    } catch (error) {
      await this.uploads.remove(request.uploadName);
      throw error;
    }

    const job = await this.db.withTenant(tenantId, async (tx) => {
      const running = await this.jobs.lockRunning(tx);
      if (running)
        throw new IdentityError(
          'IMPORT_IN_PROGRESS',
          'Impor lain instansi ini masih berjalan; tunggu sampai selesai.',
          [{ field: 'file', code: 'IMPORT_IN_PROGRESS', message: `Impor ${running.id} masih berjalan.` }],
        );
      return this.jobs.insert(tx, {
        id: randomUUID(),
        kind,
        mode,
        dry_run: request.dryRun,
        file_name: fileName,
        file_format: format,
        file_size: bytes.length,
        upload_name: request.uploadName,
        created_by: principal.subject,
        created_by_username: principal.username ?? null,
      });
    });
    void this.runner.start(tenantId, job, input, principal);
    return toImportJobMessage(job, tenantId);
  }

  /** The sheets to import: a CSV is one sheet of `kind`; an XLSX has sheets UNOR and/or PEGAWAI (or just one). */
  private sheets(kind: ImportKind, workbook: Workbook): ImportInput {
    const named = (name: string) => workbook.sheets.find((s) => s.name.trim().toUpperCase() === name);
    let units: Sheet | null;
    let employees: Sheet | null;
    if (kind === 'UNITS') {
      units = named('UNOR') ?? workbook.sheets[0] ?? null;
      employees = null;
    } else {
      employees = named('PEGAWAI') ?? workbook.sheets.find((s) => s.name.trim().toUpperCase() !== 'UNOR') ?? null;
      units = workbook.format === 'XLSX' ? (named('UNOR') ?? null) : null;
    }
    const used = [
      units && { sheet: 'UNOR' as const, data: units },
      employees && { sheet: 'PEGAWAI' as const, data: employees },
    ].filter((s) => s !== null);
    const rows = used.reduce((n, s) => n + s.data.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).length, 0);
    if (used.length === 0 || rows === 0)
      throw new IdentityError('IMPORT_FILE_EMPTY', 'Berkas tidak berisi baris data.', [
        { field: 'file', code: 'EMPTY', message: 'Tidak ada baris data di bawah baris judul kolom.' },
      ]);
    for (const { sheet, data } of used) checkColumns(sheet, data.header);
    if (rows > this.limits.maxRows)
      throw new IdentityError('PAYLOAD_TOO_LARGE', `Paling banyak ${this.limits.maxRows} baris per impor.`, [
        { field: 'file', code: 'TOO_MANY_ROWS', message: `${rows} baris; paling banyak ${this.limits.maxRows}.` },
      ]);
    return { units, employees };
  }
}
