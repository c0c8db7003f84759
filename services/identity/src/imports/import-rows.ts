import {
  EMPLOYMENT_STATUSES,
  GOLONGAN,
  isLocalDate,
  JENIS_JABATAN,
  JENJANG,
  UNIT_KINDS,
  type EmploymentStatus,
  type UnitKind,
} from '@kinerja/domain';
import { checkGolongan, checkPosition } from '../employees/employee-checks.js';
import { parseIdentifier } from '../employees/employee-identifier.js';
import { Fields } from '../fields.js';
import { IdentityError } from '../identity-error.js';
import { UNIT_CODE } from '../units/create-unit.handler.js';
import {
  EMPLOYEE_COLUMNS,
  mapHeader,
  normaliseHeader,
  UNIT_COLUMNS,
  type EmployeeColumn,
  type SheetName,
  type UnitColumn,
} from './import-layout.js';
import { ERROR_VALUE, IMPRECISE_NUMBER, type Sheet, type SheetRow } from './spreadsheet.js';

// Row-by-row checks of an import file (R1–R4 and the shapes of codes, names and dates), before anything is compared
// with what the tenant holds (import-plan.ts). Each problem names its row, column and code.

export type RowError = { sheet: SheetName; row: number; column: string; code: string; message: string };

export type UnitRow = {
  row: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  /** undefined: the column is absent (left as it is). */
  headPositionName: string | null | undefined;
  headNip: string | null;
  from: string | null;
};

export type EmployeeRow = {
  row: number;
  nip: string;
  birthDate: string;
  gender: 'L' | 'P';
  name: string;
  employmentType: 'PNS' | 'PPPK';
  /** null: not given (AKTIF for a new employee, unchanged for a known one). */
  status: EmploymentStatus | null;
  statusFrom: string | null;
  /** undefined: the column is absent (left as it is); null: empty (cleared). */
  golongan: string | null | undefined;
  email: string | null | undefined;
  /** null: no placement given (left as it is). */
  placement: {
    unitCode: string;
    positionName: string | null;
    jenisJabatan: string | null;
    jenjang: string | null;
    from: string | null;
  } | null;
};

export type Parsed<R> = { rows: R[]; errors: RowError[]; total: number };

// A cell a spreadsheet would run as a formula when the data is exported again (CSV injection): refused, never
// stored. A cell that is only "-" is SIASN's way of writing "empty".
const FORMULA_START = /^[=+\-@\t\r]/;

class RowReader<C extends string> {
  readonly fields = new Fields();

  constructor(
    private readonly cells: readonly string[],
    private readonly index: Partial<Record<C, number>>,
  ) {}

  has(column: C): boolean {
    return this.index[column] !== undefined;
  }

  /** The cell's text, trimmed; null when empty or absent. */
  text(column: C, max = 200): string | null {
    const at = this.index[column];
    if (at === undefined) return null;
    const raw = this.cells[at] ?? '';
    const value = raw.trim();
    if (value === '' || value === '-') return null;
    if (raw === IMPRECISE_NUMBER) {
      this.fields.add(
        column,
        'NUMBER_LOST_DIGITS',
        'Angka ini kehilangan digit di lembar kerja: format kolom sebagai Teks.',
      );
      return null;
    }
    if (raw === ERROR_VALUE) {
      this.fields.add(column, 'CELL_ERROR', 'Sel berisi galat lembar kerja (mis. #REF!).');
      return null;
    }
    if (FORMULA_START.test(raw) || FORMULA_START.test(value)) {
      this.fields.add(
        column,
        'FORMULA_NOT_ALLOWED',
        'Sel diawali =, +, -, @, tab atau CR (rumus): tidak diterima. Hapus karakter itu atau tulis sebagai teks biasa.',
      );
      return null;
    }
    if (value.length > max) {
      this.fields.add(column, 'TOO_LONG', `Paling banyak ${max} karakter.`);
      return null;
    }
    return value;
  }

  required(column: C, max?: number): string | null {
    const value = this.text(column, max);
    if (value === null && !this.fields.errors.some((e) => e.field === column))
      this.fields.add(column, 'REQUIRED', 'Wajib diisi.');
    return value;
  }

  /** A value of `allowed`, written as the code or as a label (`Ahli Pertama`, `Jabatan Fungsional Keahlian`). */
  oneOf<T extends string>(
    column: C,
    allowed: readonly T[],
    aliases: Readonly<Record<string, T>> = {},
    value = this.text(column),
  ): T | null {
    if (value === null) return null;
    const key = normaliseHeader(value);
    const found = (allowed as readonly string[]).includes(key) ? (key as T) : aliases[key];
    if (found === undefined) this.fields.add(column, 'INVALID_VALUE', `Salah satu dari: ${allowed.join(', ')}.`);
    return found ?? null;
  }

  /** `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY` or `DD.MM.YYYY`, as a real calendar date. */
  date(column: C): string | null {
    const value = this.text(column, 20);
    if (value === null) return null;
    const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    const iso = dmy ? `${dmy[3]}-${dmy[2]?.padStart(2, '0')}-${dmy[1]?.padStart(2, '0')}` : value;
    if (!isLocalDate(iso)) {
      this.fields.add(column, 'INVALID_DATE', 'Tanggal harus DD-MM-YYYY atau YYYY-MM-DD yang sah.');
      return null;
    }
    return iso;
  }

  errors(sheet: SheetName, row: number): RowError[] {
    return this.fields.errors.map((e) => ({ sheet, row, column: e.field, code: e.code, message: e.message }));
  }
}

const unitKindAliases: Record<string, UnitKind> = {
  DINAS: 'PERANGKAT_DAERAH',
  BADAN: 'PERANGKAT_DAERAH',
  INSPEKTORAT: 'PERANGKAT_DAERAH',
  SATUAN_POLISI_PAMONG_PRAJA: 'PERANGKAT_DAERAH',
  SEKRETARIAT_DAERAH: 'PERANGKAT_DAERAH',
  SUB_BIDANG: 'SUBBIDANG',
  SUB_BAGIAN: 'SUBBAGIAN',
  UPTD: 'UPT',
  UNIT_PELAKSANA_TEKNIS: 'UPT',
  UNIT_PELAKSANA_TEKNIS_DAERAH: 'UPT',
};

const employmentTypeAliases: Record<string, 'PNS' | 'PPPK'> = {
  CPNS: 'PNS',
  PEGAWAI_NEGERI_SIPIL: 'PNS',
  PEGAWAI_PEMERINTAH_DENGAN_PERJANJIAN_KERJA: 'PPPK',
};

const statusAliases: Record<string, EmploymentStatus> = {
  PNS_AKTIF: 'AKTIF',
  CUTI_DI_LUAR_TANGGUNGAN_NEGARA: 'CLTN',
  CUTI_DILUAR_TANGGUNGAN_NEGARA: 'CLTN',
  MASA_PERSIAPAN_PENSIUN: 'MPP',
  PEMBERHENTIAN_SEMENTARA: 'DIBERHENTIKAN_SEMENTARA',
  DIANGKAT_SEBAGAI_PEJABAT_NEGARA: 'PEJABAT_NEGARA',
  DIBERHENTIKAN: 'BERHENTI',
  PEMBERHENTIAN: 'BERHENTI',
};

const jenisJabatanAliases: Record<string, (typeof JENIS_JABATAN)[number]> = {
  JABATAN_PIMPINAN_TINGGI_UTAMA: 'JPT_UTAMA',
  JABATAN_PIMPINAN_TINGGI_MADYA: 'JPT_MADYA',
  JABATAN_PIMPINAN_TINGGI_PRATAMA: 'JPT_PRATAMA',
  JABATAN_ADMINISTRATOR: 'ADMINISTRATOR',
  JABATAN_PENGAWAS: 'PENGAWAS',
  JABATAN_PELAKSANA: 'PELAKSANA',
  FUNGSIONAL_UMUM: 'PELAKSANA',
  JABATAN_FUNGSIONAL_UMUM: 'PELAKSANA',
  FUNGSIONAL_KEAHLIAN: 'JF_KEAHLIAN',
  JABATAN_FUNGSIONAL_KEAHLIAN: 'JF_KEAHLIAN',
  FUNGSIONAL_KETERAMPILAN: 'JF_KETERAMPILAN',
  JABATAN_FUNGSIONAL_KETERAMPILAN: 'JF_KETERAMPILAN',
};

/** R4: `III/b`, `III-b`, `iii/B` read as `III/b`. */
function golonganOf(reader: RowReader<EmployeeColumn>): string | null {
  const value = reader.text('GOL_AKHIR', 10);
  if (value === null) return null;
  const m = /^(IV|III|II|I)\s*[/.-]?\s*([A-E])$/i.exec(value);
  const golongan = m ? `${m[1]?.toUpperCase()}/${m[2]?.toLowerCase()}` : value;
  if (!(GOLONGAN as readonly string[]).includes(golongan)) {
    reader.fields.add('GOL_AKHIR', 'INVALID_VALUE', `Salah satu dari: ${GOLONGAN.join(', ')}.`);
    return null;
  }
  return golongan;
}

/** The header names the missing required columns of a sheet (IMPORT_COLUMNS_MISSING). */
export function checkColumns(sheet: SheetName, header: readonly string[]): void {
  const { missing } = mapHeader(header, sheet === 'UNOR' ? UNIT_COLUMNS : EMPLOYEE_COLUMNS);
  if (missing.length > 0)
    throw new IdentityError(
      'IMPORT_COLUMNS_MISSING',
      `Kolom wajib tidak ada di lembar ${sheet}: ${missing.join(', ')}.`,
      missing.map((name) => ({ field: `${sheet}.${name}`, code: 'COLUMN_MISSING', message: 'Kolom wajib tidak ada.' })),
    );
}

const blank = (row: SheetRow) => row.cells.every((cell) => cell.trim() === '');

export function parseUnitRows(sheet: Sheet): Parsed<UnitRow> {
  const { index } = mapHeader<UnitColumn>(sheet.header, UNIT_COLUMNS);
  const rows: UnitRow[] = [];
  const errors: RowError[] = [];
  let total = 0;
  for (const row of sheet.rows) {
    if (blank(row)) continue;
    total += 1;
    const r = new RowReader<UnitColumn>(row.cells, index);
    const code = r.required('UNOR_ID', 64);
    if (code !== null && !UNIT_CODE.test(code))
      r.fields.add('UNOR_ID', 'INVALID_VALUE', 'Huruf, angka, titik, garis, garis bawah, garis miring.');
    const name = r.required('NAMA_UNOR');
    const kind = r.oneOf('JENIS_UNOR', UNIT_KINDS, unitKindAliases, r.required('JENIS_UNOR', 60));
    const parentCode = r.text('DIATASAN_ID', 64);
    if (parentCode !== null && parentCode === code)
      r.fields.add('DIATASAN_ID', 'UNIT_CYCLE', 'Unit tidak boleh menjadi induk dirinya sendiri.');
    const headPositionName = r.has('NAMA_JABATAN') ? r.text('NAMA_JABATAN') : undefined;
    const headNip = r.text('NIP_PIMPINAN', 40)?.replace(/\s+/g, '') ?? null;
    if (headNip !== null && !/^\d{18}$/.test(headNip))
      r.fields.add('NIP_PIMPINAN', 'NIP_FORMAT', 'NIP harus terdiri dari 18 angka.');
    const from = r.date('TMT_BERLAKU');
    if (r.fields.ok && code && name && kind)
      rows.push({ row: row.number, code, name, kind, parentCode, headPositionName, headNip, from });
    else errors.push(...r.errors('UNOR', row.number));
  }
  return { rows, errors, total };
}

export function parseEmployeeRows(sheet: Sheet, minAppointmentAge: number): Parsed<EmployeeRow> {
  const { index } = mapHeader<EmployeeColumn>(sheet.header, EMPLOYEE_COLUMNS);
  const rows: EmployeeRow[] = [];
  const errors: RowError[] = [];
  let total = 0;
  for (const row of sheet.rows) {
    if (blank(row)) continue;
    total += 1;
    const r = new RowReader<EmployeeColumn>(row.cells, index);
    const nipText = r.required('NIP_BARU', 40);
    const name = r.required('NAMA');
    const employmentType = r.oneOf(
      'JENIS_PEGAWAI',
      ['PNS', 'PPPK'] as const,
      employmentTypeAliases,
      r.required('JENIS_PEGAWAI', 60),
    );
    let identifier: ReturnType<typeof parseIdentifier> | null = null;
    if (nipText !== null && employmentType !== null) {
      try {
        identifier = parseIdentifier(employmentType, nipText, minAppointmentAge);
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        for (const issue of error.fields) r.fields.add('NIP_BARU', issue.code, issue.message);
      }
    }
    const status = r.oneOf('KEDUDUKAN_HUKUM', EMPLOYMENT_STATUSES, statusAliases);
    const statusFrom = r.date('TMT_KEDUDUKAN');
    const golongan = r.has('GOL_AKHIR') ? golonganOf(r) : undefined;
    if (employmentType && golongan) {
      const checked = new Fields();
      checkGolongan(checked, employmentType, golongan);
      for (const e of checked.errors) r.fields.add('GOL_AKHIR', e.code, e.message);
    }
    const jenisJabatan = r.oneOf('JENIS_JABATAN', JENIS_JABATAN, jenisJabatanAliases);
    const jenjang = r.oneOf('JENJANG', JENJANG);
    if (!r.fields.errors.some((e) => e.field === 'JENIS_JABATAN' || e.field === 'JENJANG')) {
      const checked = new Fields();
      checkPosition(checked, jenisJabatan, jenjang);
      for (const e of checked.errors)
        r.fields.add(e.field === 'jenisJabatan' ? 'JENIS_JABATAN' : 'JENJANG', e.code, e.message);
    }
    const positionName = r.text('JABATAN_NAMA');
    const unitCode = r.text('UNOR_ID', 64);
    const placementFrom = r.date('TMT_JABATAN');
    if (unitCode === null && (positionName || jenisJabatan || placementFrom))
      r.fields.add('UNOR_ID', 'REQUIRED', 'Wajib diisi bila jabatan diisi.');
    let email: string | null | undefined;
    if (r.has('EMAIL')) {
      const checked = new Fields();
      email = checked.email('EMAIL', r.text('EMAIL', 254) ?? '');
      r.fields.take(checked.errors);
    }
    if (r.fields.ok && identifier && name && employmentType)
      rows.push({
        row: row.number,
        nip: identifier.nip,
        birthDate: identifier.birthDate,
        gender: identifier.gender,
        name,
        employmentType,
        status,
        statusFrom,
        golongan,
        email,
        placement: unitCode ? { unitCode, positionName, jenisJabatan, jenjang, from: placementFrom } : null,
      });
    else errors.push(...r.errors('PEGAWAI', row.number));
  }
  return { rows, errors, total };
}
