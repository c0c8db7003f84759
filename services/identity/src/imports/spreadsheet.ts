import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { IdentityError } from '../identity-error.js';

// Reads an uploaded file into sheets of text cells. The format is decided by the content, never by the name: an
// XLSX is a ZIP holding `xl/workbook.xml`; a CSV is UTF-8 text without NUL bytes. Anything else is refused.

export type FileFormat = 'CSV' | 'XLSX';

/** One data row: its number as a spreadsheet shows it (the header is row 1) and its cells as text. */
export type SheetRow = { number: number; cells: string[] };
export type Sheet = { name: string; header: string[]; rows: SheetRow[] };
export type Workbook = { format: FileFormat; sheets: Sheet[] };

// XLSX cells the reader turns into text that the row checks refuse with their own code.
export const FORMULA_PREFIX = '=';
/** A number with more digits than a spreadsheet keeps (a NIP typed as a number lost its last digits). */
export const IMPRECISE_NUMBER = '\u0000IMPRECISE';
/** A cell holding an error value (#REF!, #N/A). */
export const ERROR_VALUE = '\u0000ERROR';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

function unsupported(detail: string): IdentityError {
  return new IdentityError('IMPORT_FILE_UNSUPPORTED', detail, [
    { field: 'file', code: 'UNSUPPORTED_FILE', message: detail },
  ]);
}

export function detectFormat(bytes: Uint8Array): FileFormat {
  if (bytes.length === 0)
    throw new IdentityError('IMPORT_FILE_EMPTY', 'Berkas kosong.', [
      { field: 'file', code: 'EMPTY', message: 'Berkas kosong.' },
    ]);
  if (startsWith(bytes, ZIP)) return 'XLSX';
  if (startsWith(bytes, OLE))
    throw unsupported('Berkas Excel lama (.xls) tidak didukung: simpan sebagai XLSX atau CSV (UTF-8).');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw unsupported('Teks UTF-16 tidak didukung: simpan sebagai CSV (UTF-8).');
  if (bytes.includes(0)) throw unsupported('Berkas bukan CSV atau XLSX.');
  return 'CSV';
}

export async function readWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const format = detectFormat(bytes);
  return format === 'XLSX' ? { format, sheets: await readXlsx(bytes) } : { format, sheets: [readCsv(bytes)] };
}

function readCsv(bytes: Uint8Array): Sheet {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw unsupported('Berkas bukan CSV dengan pengodean UTF-8, dan bukan XLSX.');
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Spreadsheets set to an Indonesian locale save CSV with semicolons.
  const delimiter = [';', ',', '\t'].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, trim: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError)
      throw new IdentityError('IMPORT_FILE_MALFORMED', `CSV tidak dapat dibaca: ${error.message}`, [
        { field: 'file', code: 'CSV_MALFORMED', message: error.message.slice(0, 300) },
      ]);
    throw error;
  }
  const [header = [], ...data] = records;
  return { name: 'CSV', header, rows: data.map((cells, i) => ({ number: i + 2, cells })) };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet[]> {
  // exceljs is loaded on the first spreadsheet, not at boot: it is most of what an idle identity process would hold.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw unsupported('Berkas ZIP ini bukan XLSX yang dapat dibaca.');
  }
  const sheets: Sheet[] = [];
  workbook.eachSheet((worksheet) => {
    let header: string[] | null = null;
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value);
      });
      for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
      if (header === null) header = cells;
      else rows.push({ number, cells });
    });
    sheets.push({ name: worksheet.name, header: header ?? [], rows });
  });
  return sheets;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    // Spreadsheets keep 15 significant digits: an 18-digit NIP typed as a number is already wrong.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return IMPRECISE_NUMBER;
    return String(value);
  }
  // Date cells: the calendar date as the sheet shows it (exceljs reads them as UTC midnight).
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? ERROR_VALUE : value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value)
    return `${FORMULA_PREFIX}${'formula' in value ? value.formula : ''}`;
  if ('error' in value) return ERROR_VALUE;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return typeof value.text === 'string' ? value.text : '';
  return '';
}
