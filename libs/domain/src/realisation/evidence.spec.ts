import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { DEFAULT_TENANT_SETTINGS } from '../settings/tenant-settings.js';
import { checkEvidenceFile, sniffEvidenceType } from './evidence.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part)),
  );
const zip = (name: string): Uint8Array =>
  bytes([0x50, 0x4b, 0x03, 0x04], '\0\0\0\0[Content_Types].xml....', name, '....');
const settings = DEFAULT_TENANT_SETTINGS.evidence;

describe('evidence files (R17)', () => {
  it('R17: recognises each allowed type by content', () => {
    expect(sniffEvidenceType(bytes('%PDF-1.7\n...'))).toBe('PDF');
    expect(sniffEvidenceType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('PNG');
    expect(sniffEvidenceType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('JPEG');
    expect(sniffEvidenceType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('WEBP');
    expect(sniffEvidenceType(zip('word/document.xml'))).toBe('DOCX');
    expect(sniffEvidenceType(zip('xl/workbook.xml'))).toBe('XLSX');
  });

  it('R17: a name or a look-alike does not make a type', () => {
    expect(sniffEvidenceType(bytes('MZ\x90\0'))).toBeNull();
    expect(sniffEvidenceType(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeNull();
    expect(sniffEvidenceType(zip('ppt/presentation.xml'))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array())).toBeNull();
  });

  it('R17: accepts an allowed file within the size limit', () => {
    expect(valueOf(checkEvidenceFile(bytes('%PDF-1.4'), settings))).toEqual({
      type: 'PDF',
      mediaType: 'application/pdf',
      sizeBytes: 8,
    });
  });

  it('R17: refuses a file over the limit (both sides), a disallowed type and non-bytes', () => {
    expect(checkEvidenceFile(bytes('%PDF-1.4'), { ...settings, maxBytes: 8 }).ok).toBe(true);
    expectError(checkEvidenceFile(bytes('%PDF-1.4'), { ...settings, maxBytes: 7 }), 'OUT_OF_RANGE');
    expectError(checkEvidenceFile(bytes('GIF89a'), settings), 'UNKNOWN_ENUM');
    expectError(checkEvidenceFile(bytes('%PDF-1.4'), { ...settings, allowedTypes: ['PNG'] }), 'UNKNOWN_ENUM');
    expectError(checkEvidenceFile(bad('%PDF-1.4'), settings), 'INVALID_INPUT');
    expectError(checkEvidenceFile(bytes('%PDF-1.4'), { ...settings, maxBytes: 0 }), 'OUT_OF_RANGE');
  });
});
