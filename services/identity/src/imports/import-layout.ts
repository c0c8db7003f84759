// The column layout of a bulk import: the column names of a SIASN export (data utama PNS/PPPK and referensi unor),
// matched case-insensitively with spaces, dots and dashes read as `_`. Columns not listed here are ignored, so a
// full SIASN export can be imported as it is. services/identity/README.md "Bulk import" documents every column.

export type ImportKind = 'UNITS' | 'EMPLOYEES';
export type SheetName = 'UNOR' | 'PEGAWAI';

export type ColumnSpec = {
  readonly name: string;
  /** Other headers read as this column (older SIASN exports, common spellings). */
  readonly aliases: readonly string[];
  readonly required: boolean;
};

const column = (name: string, required: boolean, ...aliases: string[]): ColumnSpec => ({ name, required, aliases });

export const UNIT_COLUMNS = [
  column('UNOR_ID', true, 'KODE_UNOR', 'ID_UNOR'),
  column('NAMA_UNOR', true, 'UNOR_NAMA'),
  column('JENIS_UNOR', true),
  column('DIATASAN_ID', false, 'UNOR_INDUK_ID', 'KODE_UNOR_INDUK'),
  column('NAMA_JABATAN', false, 'JABATAN_PIMPINAN'),
  column('NIP_PIMPINAN', false, 'PEMIMPIN_NIP'),
  column('TMT_BERLAKU', false),
] as const;

export const EMPLOYEE_COLUMNS = [
  column('NIP_BARU', true, 'NIP', 'NI_PPPK'),
  column('NAMA', true, 'NAMA_PEGAWAI'),
  column('JENIS_PEGAWAI', true, 'JENIS_PEGAWAI_NAMA', 'STATUS_PEGAWAI'),
  column('KEDUDUKAN_HUKUM', false, 'KEDUDUKAN_HUKUM_NAMA'),
  column('TMT_KEDUDUKAN', false),
  column('GOL_AKHIR', false, 'GOL_AKHIR_NAMA', 'GOLONGAN', 'GOL_RUANG'),
  column('JENIS_JABATAN', false, 'JENIS_JABATAN_NAMA'),
  column('JENJANG', false, 'JENJANG_JABATAN'),
  column('JABATAN_NAMA', false, 'NAMA_JABATAN'),
  column('UNOR_ID', false, 'KODE_UNOR'),
  column('TMT_JABATAN', false),
  column('EMAIL', false, 'EMAIL_GOV', 'EMAIL_KANTOR'),
] as const;

export type UnitColumn = (typeof UNIT_COLUMNS)[number]['name'];
export type EmployeeColumn = (typeof EMPLOYEE_COLUMNS)[number]['name'];

export const normaliseHeader = (header: string): string =>
  header
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** Where each layout column is in the header row; `missing` lists the required columns not found. */
export function mapHeader<C extends string>(
  header: readonly string[],
  columns: readonly ColumnSpec[],
): { index: Partial<Record<C, number>>; missing: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseHeader(name);
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const index: Partial<Record<string, number>> = {};
  const missing: string[] = [];
  for (const spec of columns) {
    const at = [spec.name, ...spec.aliases].map((n) => positions.get(n)).find((i) => i !== undefined);
    if (at !== undefined) index[spec.name] = at;
    else if (spec.required) missing.push(spec.name);
  }
  return { index: index as Partial<Record<C, number>>, missing };
}

/** The sheets a file of this kind is read from, in the order they are imported. */
export function sheetsOf(kind: ImportKind): SheetName[] {
  return kind === 'UNITS' ? ['UNOR'] : ['UNOR', 'PEGAWAI'];
}
