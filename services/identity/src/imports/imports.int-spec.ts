import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { openUploads, uploadName } from '@kinerja/platform/messaging';
import {
  adminQuery,
  EMPLOYEE_HEADER as EMPLOYEE_COLUMNS_IN_ORDER,
  UNIT_HEADER as UNIT_COLUMNS_IN_ORDER,
} from '@kinerja/testing';
import { IdentityHarness, TenantApi, type TenantFixture } from '../../test/identity-harness.js';
import { noCounts, type ImportCounts } from './import.repository.js';

// Bulk import through the identity service as the gateway drives it: the file in the upload object store, the job
// started over NATS and read until it ends. Real PostgreSQL with RLS, real events in the outbox.

type Counts = ImportCounts;
type Job = { id: string; status: string; units: Counts; employees: Counts; errorCount: number; fileFormat: string };
type RowError = { sheet: string; row: number; column: string; code: string; message: string };

// The layout as the synthetic tenants write it (services/identity/README.md "Bulk import").
const UNIT_HEADER = UNIT_COLUMNS_IN_ORDER.join(',');
const EMPLOYEE_HEADER = EMPLOYEE_COLUMNS_IN_ORDER.join(',');

/** A valid PNS NIP (R1) per index: birth dates from 1960 on, appointed January 2010. */
function nip(i: number, gender: 1 | 2 = 1): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `${birth}201001${gender}${String(1 + (Math.floor(i / 9000) % 999)).padStart(3, '0')}`;
}

/** proto3 JSON leaves zero counts out. */
const counts = (c: Partial<Counts> = {}): Counts => ({ ...noCounts(), ...c });
const csv = (header: string, rows: string[][]) => [header, ...rows.map((r) => r.join(','))].join('\r\n');
const employeeRow = (i: number, unit: string, extra: Partial<Record<'status' | 'gol' | 'jabatan', string>> = {}) => [
  nip(i),
  `Pegawai ${String(i).padStart(5, '0')}`,
  'PNS',
  extra.status ?? 'Aktif',
  extra.gol ?? 'III/a',
  extra.jabatan ?? 'PELAKSANA',
  '',
  'Pengolah Data',
  unit,
  '02-01-2024',
  '',
];

describe('bulk import', () => {
  let harness: IdentityHarness;
  let tenant: TenantFixture;
  let api: TenantApi;

  const upload = async (bytes: Uint8Array, owner = tenant) => {
    const store = await openUploads(harness.nc);
    const name = uploadName(owner.id);
    await store.putBlob({ name }, bytes);
    return name;
  };
  const start = async (
    file: string | Uint8Array,
    options: { kind?: string; mode?: string; dryRun?: boolean; as?: TenantFixture } = {},
  ) => {
    const as = options.as ?? tenant;
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
    return harness.call<{ job: Job }>(
      'rpc.identity.import.start',
      {
        kind: options.kind ?? 'EMPLOYEES',
        uploadName: await upload(bytes, as),
        fileName: 'pegawai.csv',
        mode: options.mode ?? '',
        dryRun: options.dryRun ?? false,
      },
      as.admin,
    );
  };
  const startFailure = async (file: string | Uint8Array, kind = 'EMPLOYEES') => {
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
    return harness.failure(
      'rpc.identity.import.start',
      { kind, uploadName: await upload(bytes), fileName: 'x' },
      tenant.admin,
    );
  };
  /** Waits for the job to end and reads it with its whole report. */
  const finished = async (id: string, as = tenant): Promise<{ job: Job; errors: RowError[] }> => {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const { job } = await harness.call<{ job: Job }>('rpc.identity.import.get', { id, page: { limit: 1 } }, as.admin);
      if (!['QUEUED', 'VALIDATING', 'WRITING'].includes(job.status)) {
        const errors: RowError[] = [];
        let cursor = '';
        do {
          const page = await harness.call<{ errors?: RowError[]; page?: { nextCursor?: string } }>(
            'rpc.identity.import.get',
            { id, page: { cursor, limit: 200 } },
            as.admin,
          );
          errors.push(...(page.errors ?? []));
          cursor = page.page?.nextCursor ?? '';
        } while (cursor);
        return { job, errors };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  };
  const run = async (file: string | Uint8Array, options: Parameters<typeof start>[1] = {}) =>
    finished((await start(file, options)).job.id, options.as);
  const count = async (table: string) =>
    Number(
      (await adminQuery(harness.db, `SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenant.id]))[0]?.n,
    );

  const units = csv(UNIT_HEADER, [
    ['IMP-TOP', 'Dinas Impor', 'Dinas', '', 'Kepala Dinas', '', '01-01-2024'],
    ['IMP-BID', 'Bidang Impor', 'BIDANG', 'IMP-TOP', 'Kepala Bidang', '', '01-01-2024'],
    ['IMP-SEK', 'Seksi Impor', 'Seksi', 'IMP-BID', 'Kepala Seksi', '', '01-01-2024'],
  ]);

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    tenant = await harness.aTenant();
    api = new TenantApi(harness, tenant);
    const { job } = await run(units, { kind: 'UNITS' });
    expect(job).toMatchObject({ status: 'COMPLETED', units: { created: 3 } });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('rejects a file with 3 % bad rows, reporting every bad row, and writes nothing (ALL_OR_NOTHING)', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => employeeRow(1_000 + i, i % 2 ? 'IMP-BID' : 'IMP-SEK'));
    // Six bad rows, one per kind of problem (R1, R3, R4, unit code, date, formula injection).
    rows[10]![0] = '19900115201503200'; // 17 digits
    rows[40]![3] = 'Cuti Panjang';
    rows[70]![6] = 'AHLI_MUDA'; // jenjang for a PELAKSANA
    rows[100]![8] = 'TIDAK-ADA';
    rows[130]![9] = '31-02-2024';
    rows[160]![1] = "=cmd|' /C calc'!A0";
    const file = csv(EMPLOYEE_HEADER, rows);
    const before = await count('employee');
    const outbox = await count('outbox');

    const { job, errors } = await run(file);
    expect(job.status).toBe('REJECTED');
    expect(counts(job.employees)).toMatchObject({ total: 200, valid: 194, invalid: 6, created: 0 });
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [12, 'NIP_BARU', 'NIP_FORMAT'],
      [42, 'KEDUDUKAN_HUKUM', 'INVALID_VALUE'],
      [72, 'JENJANG', 'INVALID_JENJANG'],
      [102, 'UNOR_ID', 'UNKNOWN_UNIT'],
      [132, 'TMT_JABATAN', 'INVALID_DATE'],
      [162, 'NAMA', 'FORMULA_NOT_ALLOWED'],
    ]);
    expect(errors.every((e) => e.sheet === 'PEGAWAI' && e.message.length > 0)).toBe(true);
    expect(await count('employee')).toBe(before);
    expect(await count('outbox')).toBe(outbox);

    // VALID_ROWS_ONLY imports the rest; the same file again changes nothing: no event, no audit record.
    const valid = await run(file, { mode: 'VALID_ROWS_ONLY' });
    expect(valid.job.status).toBe('COMPLETED');
    expect(counts(valid.job.employees)).toMatchObject({ created: 194, skipped: 6, invalid: 6 });
    expect(valid.errors).toHaveLength(6);
    expect(await count('employee')).toBe(before + 194);
    expect(await count('outbox')).toBe(outbox + 194);
    const audit = await count('audit_record');
    const outboxAfter = await count('outbox');
    const again = await run(file, { mode: 'VALID_ROWS_ONLY' });
    expect(counts(again.job.employees)).toMatchObject({ created: 0, updated: 0, unchanged: 194 });
    expect(await count('outbox')).toBe(outboxAfter);
    // Only the job's own completion record.
    expect(await count('audit_record')).toBe(audit + 1);
  });

  it('applies changed rows as moves and status changes from their dates, with their events (R3, R6)', async () => {
    const file = (unit: string, from: string, status: string, statusFrom: string) =>
      csv(`${EMPLOYEE_HEADER},TMT_KEDUDUKAN`, [
        [...employeeRow(5_000, unit, { status }).slice(0, 9), from, '', statusFrom],
      ]);
    expect((await run(file('IMP-BID', '01-07-2024', 'Aktif', ''))).job.employees.created).toBe(1);
    const moved = await run(file('IMP-SEK', '01-09-2024', 'Tugas Belajar', '01-10-2024'));
    expect(counts(moved.job.employees)).toMatchObject({ updated: 1, created: 0 });
    const { employees } = await api.call<{ employees: { id: string }[] }>('rpc.identity.employee.list', {
      q: nip(5_000),
    });
    const id = employees[0]?.id;
    const { employee } = await api.call<{
      employee: { status: string; assignments: { from: string; to?: string }[]; statuses: { from: string }[] };
    }>('rpc.identity.employee.get', { id });
    expect(employee.status).toBe('TUGAS_BELAJAR');
    expect(employee.assignments.map((a) => [a.from, a.to ?? null])).toEqual([
      ['2024-07-01', '2024-08-31'],
      ['2024-09-01', null],
    ]);
    expect(employee.statuses.map((t) => t.from)).toEqual(['2024-07-01', '2024-10-01']);
    const events = await adminQuery(
      harness.db,
      `SELECT event_type FROM outbox WHERE tenant_id = $1 AND aggregate_id = $2 ORDER BY aggregate_seq`,
      [tenant.id, id],
    );
    expect(events.map((e) => e.event_type)).toEqual([
      'kinerja.identity.v1.EmployeeCreated',
      'kinerja.identity.v1.EmployeeMoved',
      'kinerja.identity.v1.EmployeeStatusChanged',
    ]);
    // A date before the latest change is refused for that row (history is not rewritten).
    const late = await run(file('IMP-BID', '01-08-2024', 'Tugas Belajar', ''));
    expect(late.errors.map((e) => [e.column, e.code])).toEqual([['TMT_JABATAN', 'HISTORY_CONFLICT']]);
  });

  it('imports an XLSX workbook with UNOR and PEGAWAI sheets, units first and heads last (R5)', async () => {
    const workbook = new ExcelJS.Workbook();
    const unor = workbook.addWorksheet('UNOR');
    unor.addRows([UNIT_HEADER.split(','), ['X-TOP', 'Badan X', 'Badan', '', 'Kepala Badan', nip(7_000), '2024-01-01']]);
    const pegawai = workbook.addWorksheet('PEGAWAI');
    pegawai.addRows([EMPLOYEE_HEADER.split(','), employeeRow(7_000, 'X-TOP', { jabatan: 'JPT_PRATAMA', gol: 'IV/c' })]);
    // A date cell and a NIP written as text.
    pegawai.getCell('J2').value = new Date(Date.UTC(2024, 0, 2));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { job, errors } = await run(bytes);
    expect(errors).toEqual([]);
    expect(job).toMatchObject({
      status: 'COMPLETED',
      fileFormat: 'XLSX',
      units: { created: 1 },
      employees: { created: 1 },
    });
    const { units } = await api.call<{ units: { code: string; headEmployeeId?: string }[] }>('rpc.identity.unit.list', {
      q: 'x-top',
    });
    expect(units[0]?.headEmployeeId).toBeTruthy();
  });

  it('refuses files that are not CSV or XLSX, empty, without a required column, or of another tenant', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect((await startFailure(png)).code).toBe('IMPORT_FILE_UNSUPPORTED');
    expect((await startFailure(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).code).toBe('IMPORT_FILE_UNSUPPORTED');
    expect((await startFailure(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).code).toBe(
      'IMPORT_FILE_UNSUPPORTED',
    );
    expect((await startFailure('')).code).toBe('IMPORT_FILE_EMPTY');
    expect((await startFailure(`${EMPLOYEE_HEADER}\r\n,,,\r\n`)).code).toBe('IMPORT_FILE_EMPTY');
    const missing = await startFailure('NIP_BARU;NAMA\n199001152015032002;Siti\n');
    expect(missing.code).toBe('IMPORT_COLUMNS_MISSING');
    expect(missing.fields).toEqual([
      expect.objectContaining({ field: 'PEGAWAI.JENIS_PEGAWAI', code: 'COLUMN_MISSING' }),
    ]);
    const other = await harness.aTenant();
    const foreign = await harness.failure(
      'rpc.identity.import.start',
      { kind: 'EMPLOYEES', uploadName: await upload(new TextEncoder().encode(units), other), fileName: 'x' },
      tenant.admin,
    );
    expect(foreign.code).toBe('VALIDATION_FAILED');
    expect(foreign.fields?.[0]?.field).toBe('uploadName');
  });

  it("keeps a tenant's imports from another tenant (R41)", async () => {
    const { job } = await run(units, { kind: 'UNITS', dryRun: true });
    expect(job.status).toBe('VALIDATED');
    const other = await harness.aTenant();
    expect((await harness.failure('rpc.identity.import.get', { id: job.id }, other.admin)).code).toBe('NOT_FOUND');
    const { jobs } = await harness.call<{ jobs?: Job[] }>('rpc.identity.import.list', {}, other.admin);
    expect(jobs ?? []).toEqual([]);
    expect((await harness.failure('rpc.identity.import.get', { id: job.id }, tenant.manager)).code).toBe('FORBIDDEN');
  });
});
