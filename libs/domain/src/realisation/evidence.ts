import { explanation } from '../explain/explanation.js';
import { checkNumber } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import type { EvidenceSettings } from '../settings/tenant-settings.js';

// R17: evidence files are checked by content, never by name.
export const EVIDENCE_TYPES = ['PDF', 'PNG', 'JPEG', 'WEBP', 'DOCX', 'XLSX'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EVIDENCE_MEDIA_TYPES: Readonly<Record<EvidenceType, string>> = {
  PDF: 'application/pdf',
  PNG: 'image/png',
  JPEG: 'image/jpeg',
  WEBP: 'image/webp',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return prefix.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string): number[] => Array.from(text, (ch) => ch.charCodeAt(0));

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The evidence type a file's bytes show, or null. OOXML files are ZIP archives told apart by their part names. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'PDF';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'WEBP';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (contains(bytes, ascii('word/document.xml'))) return 'DOCX';
    if (contains(bytes, ascii('xl/workbook.xml'))) return 'XLSX';
  }
  return null;
}

export type EvidenceCheck = { readonly type: EvidenceType; readonly mediaType: string; readonly sizeBytes: number };

/** R17: accepts a file within `evidence.maxBytes` whose content is one of the allowed types. */
export function checkEvidenceFile(bytes: Uint8Array, settings: EvidenceSettings): Result<EvidenceCheck> {
  if (!(bytes instanceof Uint8Array)) {
    return failure(
      'INVALID_INPUT',
      { id: 'Isi berkas harus berupa byte.', en: 'The file content must be bytes.' },
      { rules: ['R17'] },
    );
  }
  const invalid = checkNumber('evidence.maxBytes', settings.maxBytes, { integer: true, min: 1 }, ['R17']);
  if (invalid !== null) return invalid;
  if (bytes.length > settings.maxBytes) {
    return failure(
      'OUT_OF_RANGE',
      {
        id: `Berkas ${bytes.length} byte melebihi batas ${settings.maxBytes} byte.`,
        en: `The file has ${bytes.length} bytes, over the ${settings.maxBytes}-byte limit.`,
      },
      {
        rules: ['R17'],
        issues: [{ field: 'file', code: 'FILE_TOO_LARGE', message: `max ${settings.maxBytes} bytes` }],
      },
    );
  }
  const type = sniffEvidenceType(bytes);
  if (type === null || !settings.allowedTypes.includes(type)) {
    return failure(
      'UNKNOWN_ENUM',
      {
        id: `Jenis berkas tidak diizinkan; yang diizinkan: ${settings.allowedTypes.join(', ')}.`,
        en: `File type not allowed; allowed: ${settings.allowedTypes.join(', ')}.`,
      },
      {
        rules: ['R17'],
        issues: [{ field: 'file', code: 'FILE_TYPE_NOT_ALLOWED', message: `detected ${type ?? 'unknown'}` }],
      },
    );
  }
  return ok(
    { type, mediaType: EVIDENCE_MEDIA_TYPES[type], sizeBytes: bytes.length },
    explanation({
      decision: 'realisation.checkEvidenceFile',
      rules: ['R17'],
      inputs: { sizeBytes: bytes.length },
      settings: { maxBytes: settings.maxBytes, allowedTypes: settings.allowedTypes },
      values: { type },
      text: {
        id: `Berkas ${type} (${bytes.length} byte) diterima sebagai bukti dukung.`,
        en: `The ${type} file (${bytes.length} bytes) is accepted as evidence.`,
      },
    }),
  );
}
