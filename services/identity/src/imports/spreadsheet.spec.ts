import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { IdentityError } from '../identity-error.js';
import { detectFormat, FORMULA_PREFIX, IMPRECISE_NUMBER, readWorkbook } from './spreadsheet.js';

const text = (s: string) => new TextEncoder().encode(s);
const codeOf = async (bytes: Uint8Array) => {
  try {
    await readWorkbook(bytes);
  } catch (error) {
    return error instanceof IdentityError ? error.code : 'not an IdentityError';
  }
  return 'read';
};

describe(readWorkbook.name, () => {
  it.each([
    ['an empty file', new Uint8Array(), 'IMPORT_FILE_EMPTY'],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'IMPORT_FILE_UNSUPPORTED'],
    ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'IMPORT_FILE_UNSUPPORTED'],
    ['UTF-16 text', new Uint8Array([0xff, 0xfe, 0x41, 0]), 'IMPORT_FILE_UNSUPPORTED'],
    ['a ZIP that is no workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]), 'IMPORT_FILE_UNSUPPORTED'],
    ['Latin-1 text', new Uint8Array([0x4e, 0x41, 0x4d, 0x41, 0x0a, 0xe9, 0x0a]), 'IMPORT_FILE_UNSUPPORTED'],
    ['UTF-8 CSV', text('A,B\n1,2\n'), 'read'],
  ])('decides by content: %s', async (_name, bytes, expected) => {
    expect(await codeOf(bytes)).toBe(expected);
  });

  it('reads a CSV with a BOM, semicolons, quoted separators and line breaks, numbering rows as a spreadsheet does', async () => {
    const book = await readWorkbook(text('\ufeffNIP_BARU;NAMA\n1;"Siti; S.Kom"\n2;"Baris\ndua"\n\n3;Tiga\n'));
    const [sheet] = book.sheets;
    expect(book.format).toBe('CSV');
    expect(sheet?.header).toEqual(['NIP_BARU', 'NAMA']);
    expect(sheet?.rows.map((r) => [r.number, ...r.cells])).toEqual([
      [2, '1', 'Siti; S.Kom'],
      [3, '2', 'Baris\ndua'],
      [4, ''],
      [5, '3', 'Tiga'],
    ]);
  });

  it('reads XLSX sheets by name with dates as dates, formulas marked, and numbers that lost digits marked', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('PEGAWAI');
    sheet.addRow(['NIP_BARU', 'TMT', 'NAMA']);
    // An 18-digit NIP typed as a number: the spreadsheet already keeps only 15 significant digits of it.
    sheet.addRow([Number('199001152015032002'), new Date(Date.UTC(2024, 6, 1)), { formula: 'A1&"x"' }]);
    sheet.addRow(['199001152015032002', '01-07-2024', { richText: [{ text: 'Siti ' }, { text: 'R' }] }]);
    const book = await readWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(book.format).toBe('XLSX');
    expect(book.sheets[0]?.name).toBe('PEGAWAI');
    expect(book.sheets[0]?.rows.map((r) => r.cells)).toEqual([
      [IMPRECISE_NUMBER, '2024-07-01', `${FORMULA_PREFIX}A1&"x"`],
      ['199001152015032002', '01-07-2024', 'Siti R'],
    ]);
  });

  it('calls a ZIP an XLSX candidate before reading it', () => {
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('XLSX');
  });
});
