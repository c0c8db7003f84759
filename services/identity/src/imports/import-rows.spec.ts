import { describe, expect, it } from '@jest/globals';
import { EMPLOYEE_HEADER } from '@kinerja/testing';
import { IdentityError } from '../identity-error.js';
import { checkColumns, parseEmployeeRows, parseUnitRows } from './import-rows.js';
import type { Sheet } from './spreadsheet.js';

const EMPLOYEE = [...EMPLOYEE_HEADER];
const good = [
  '199001152015032002',
  'Siti Rahmawati',
  'PNS',
  'Aktif',
  'III/b',
  'JF_KEAHLIAN',
  'Ahli Pertama',
  'Analis',
  'BKD-PK',
  '01-07-2024',
  'siti@example.go.id',
];
const sheet = (header: string[], ...rows: string[][]): Sheet => ({
  name: 'PEGAWAI',
  header,
  rows: rows.map((cells, i) => ({ number: i + 2, cells })),
});
const withCell = (column: string, value: string) => good.map((c, i) => (EMPLOYEE[i] === column ? value : c));
const errorsOf = (row: string[]) => parseEmployeeRows(sheet(EMPLOYEE, row), 18).errors.map((e) => [e.column, e.code]);

describe(parseEmployeeRows.name, () => {
  it('reads a valid row with SIASN labels into codes (R1–R4)', () => {
    const parsed = parseEmployeeRows(sheet(EMPLOYEE, good), 18);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      row: 2,
      nip: '199001152015032002',
      birthDate: '1990-01-15',
      gender: 'P',
      employmentType: 'PNS',
      status: 'AKTIF',
      golongan: 'III/b',
      placement: { unitCode: 'BKD-PK', jenisJabatan: 'JF_KEAHLIAN', jenjang: 'AHLI_PERTAMA', from: '2024-07-01' },
    });
  });

  it.each([
    ['NIP_BARU', '1990011520150320', 'NIP_FORMAT'],
    ['NIP_BARU', '199013152015032002', 'NIP_BIRTH_DATE'],
    ['NIP_BARU', '199001152005032002', 'NIP_APPOINTMENT_DATE'],
    ['NIP_BARU', '199001152015033002', 'NIP_GENDER_DIGIT'],
    ['NIP_BARU', '199001152015032000', 'NIP_SEQUENCE'],
    ['NIP_BARU', '', 'REQUIRED'],
    ['NAMA', '', 'REQUIRED'],
    ['NAMA', 'x'.repeat(201), 'TOO_LONG'],
    ['JENIS_PEGAWAI', 'HONORER', 'INVALID_VALUE'],
    ['KEDUDUKAN_HUKUM', 'Cuti', 'INVALID_VALUE'],
    ['GOL_AKHIR', 'V/a', 'INVALID_VALUE'],
    ['JENIS_JABATAN', 'Staf', 'INVALID_VALUE'],
    ['JENJANG', 'TERAMPIL', 'INVALID_JENJANG'],
    ['TMT_JABATAN', '31-02-2024', 'INVALID_DATE'],
    ['EMAIL', 'bukan-email', 'INVALID_VALUE'],
    ['NAMA', '=cmd|/C calc!A0', 'FORMULA_NOT_ALLOWED'],
    ['NAMA', '+62 812', 'FORMULA_NOT_ALLOWED'],
    ['NAMA', '-1+1', 'FORMULA_NOT_ALLOWED'],
    ['NAMA', '@SUM(A1)', 'FORMULA_NOT_ALLOWED'],
    ['NAMA', '\t=1', 'FORMULA_NOT_ALLOWED'],
    ['JABATAN_NAMA', '  =1+1', 'FORMULA_NOT_ALLOWED'],
  ])('refuses %s %j with %s', (column, value, code) => {
    expect(errorsOf(withCell(column, value))).toContainEqual([column, code]);
  });

  it('reads "-" as empty, III-b as III/b, a NIP with spaces, and refuses golongan for PPPK (R4)', () => {
    const parsed = parseEmployeeRows(
      sheet(
        EMPLOYEE,
        withCell('EMAIL', '-').map((c, i) => (i === 4 ? 'iii-B' : i === 0 ? '1990 0115 2015 03 2 002' : c)),
      ),
      18,
    );
    expect(parsed.rows[0]).toMatchObject({ email: null, golongan: 'III/b', nip: '199001152015032002' });
    const pppk = ['199207042022092004', 'Dewi', 'PPPK', '', 'III/a', '', '', '', '', '', ''];
    expect(errorsOf(pppk)).toEqual([['GOL_AKHIR', 'NOT_ALLOWED']]);
  });

  it('needs a unit when a position is given', () => {
    expect(errorsOf(withCell('UNOR_ID', ''))).toEqual([['UNOR_ID', 'REQUIRED']]);
  });
});

describe(parseUnitRows.name, () => {
  const UNIT = ['UNOR_ID', 'NAMA_UNOR', 'JENIS_UNOR', 'DIATASAN_ID', 'NIP_PIMPINAN', 'TMT_BERLAKU'];
  it('reads kinds by label and refuses a unit that is its own parent', () => {
    const parsed = parseUnitRows({
      name: 'UNOR',
      header: UNIT,
      rows: [
        { number: 2, cells: ['DINKES', 'Dinas Kesehatan', 'Dinas', '', '', '2024-01-01'] },
        { number: 3, cells: ['UPT1', 'UPTD Puskesmas', 'UPTD', 'DINKES', '1990 0115 2015 03 2 002', ''] },
        { number: 4, cells: ['X', 'X', 'Seksi', 'X', '123', ''] },
      ],
    });
    expect(parsed.rows.map((r) => [r.code, r.kind, r.parentCode, r.headNip])).toEqual([
      ['DINKES', 'PERANGKAT_DAERAH', null, null],
      ['UPT1', 'UPT', 'DINKES', '199001152015032002'],
    ]);
    expect(parsed.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'DIATASAN_ID', 'UNIT_CYCLE'],
      [4, 'NIP_PIMPINAN', 'NIP_FORMAT'],
    ]);
  });
});

describe(checkColumns.name, () => {
  it('names every missing required column, matching headers loosely', () => {
    expect(() => checkColumns('PEGAWAI', ['nip baru', 'Nama', 'jenis-pegawai'])).not.toThrow();
    try {
      checkColumns('UNOR', ['UNOR_ID']);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(IdentityError);
      expect((error as IdentityError).fields.map((f) => f.field)).toEqual(['UNOR.NAMA_UNOR', 'UNOR.JENIS_UNOR']);
    }
  });
});
