import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import {
  EMPLOYMENT_STATUSES,
  GOLONGAN,
  isJpt,
  JENIS_JABATAN,
  pangkatOf,
  requiresPerformanceManagement,
  validatePosition,
} from './master-data.js';

describe('requiresPerformanceManagement (R3)', () => {
  it.each(EMPLOYMENT_STATUSES)('R3: status %s', (status) => {
    expect(valueOf(requiresPerformanceManagement(status))).toBe(status === 'AKTIF');
  });

  it('R3: refuses an unknown status', () => {
    expectError(requiresPerformanceManagement(bad('CUTI')), 'UNKNOWN_ENUM');
  });
});

describe('validatePosition (R4)', () => {
  it('R4: JF positions need a jenjang of their own family; others have none', () => {
    expect(valueOf(validatePosition({ jenisJabatan: 'JF_KEAHLIAN', jenjang: 'AHLI_MADYA' }))).toEqual({
      jenisJabatan: 'JF_KEAHLIAN',
      jenjang: 'AHLI_MADYA',
    });
    expect(valueOf(validatePosition({ jenisJabatan: 'JF_KETERAMPILAN', jenjang: 'PENYELIA' })).jenjang).toBe(
      'PENYELIA',
    );
    expect(valueOf(validatePosition({ jenisJabatan: 'PELAKSANA', jenjang: null })).jenjang).toBeNull();
    expectError(validatePosition({ jenisJabatan: 'JF_KEAHLIAN', jenjang: 'PEMULA' }), 'UNKNOWN_ENUM');
    expectError(validatePosition({ jenisJabatan: 'JF_KETERAMPILAN', jenjang: null }), 'UNKNOWN_ENUM');
    expectError(validatePosition({ jenisJabatan: 'PENGAWAS', jenjang: 'AHLI_MUDA' }), 'UNKNOWN_ENUM');
    expectError(validatePosition({ jenisJabatan: bad('ESELON_III'), jenjang: null }), 'UNKNOWN_ENUM');
  });

  it('R4: JPT positions are the three JPT levels', () => {
    expect(JENIS_JABATAN.filter(isJpt)).toEqual(['JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA']);
  });
});

describe('pangkatOf (R4)', () => {
  it('R4: gives the pangkat of each golongan (REGULATIONS.md §8.3)', () => {
    expect(GOLONGAN).toHaveLength(17);
    expect(valueOf(pangkatOf('I/a'))).toBe('Juru Muda');
    expect(valueOf(pangkatOf('III/b'))).toBe('Penata Muda Tingkat I');
    expect(valueOf(pangkatOf('IV/e'))).toBe('Pembina Utama');
  });

  it('R4: refuses an unknown golongan', () => {
    expectError(pangkatOf(bad('V/a')), 'UNKNOWN_ENUM');
  });
});
