import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkEnum } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';

// R3: employment type and status.
export const EMPLOYMENT_TYPES = ['PNS', 'PPPK'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const EMPLOYMENT_STATUSES = [
  'AKTIF',
  'PEJABAT_NEGARA',
  'DIBERHENTIKAN_SEMENTARA',
  'CLTN',
  'MPP',
  'TUGAS_BELAJAR',
  'PENSIUN',
  'BERHENTI',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<EmploymentType, LocalizedText>> = {
  PNS: { id: 'Pegawai Negeri Sipil', en: 'Civil servant (PNS)' },
  PPPK: { id: 'Pegawai Pemerintah dengan Perjanjian Kerja', en: 'Government employee on contract (PPPK)' },
};

export const EMPLOYMENT_STATUS_LABELS: Readonly<Record<EmploymentStatus, LocalizedText>> = {
  AKTIF: { id: 'Aktif', en: 'Active' },
  PEJABAT_NEGARA: { id: 'Diangkat sebagai pejabat negara', en: 'Appointed state official' },
  DIBERHENTIKAN_SEMENTARA: { id: 'Diberhentikan sementara', en: 'Temporarily suspended' },
  CLTN: { id: 'Cuti di luar tanggungan negara', en: 'Unpaid leave' },
  MPP: { id: 'Masa persiapan pensiun', en: 'Pre-retirement leave' },
  TUGAS_BELAJAR: { id: 'Tugas belajar', en: 'Study assignment' },
  PENSIUN: { id: 'Pensiun', en: 'Retired' },
  BERHENTI: { id: 'Berhenti', en: 'Separated' },
};

/** R3: only AKTIF employees need an SKP, daily logs and an evaluation while they hold that status. */
export function requiresPerformanceManagement(status: EmploymentStatus): Result<boolean> {
  const invalid = checkEnum('status', status, EMPLOYMENT_STATUSES, ['R3']);
  if (invalid !== null) return invalid;
  const required = status === 'AKTIF';
  const label = EMPLOYMENT_STATUS_LABELS[status];
  return ok(
    required,
    explanation({
      decision: 'identifiers.requiresPerformanceManagement',
      rules: ['R3'],
      inputs: { status },
      values: { required },
      text: required
        ? {
            id: 'Pegawai berstatus Aktif wajib memiliki SKP, progres harian dan evaluasi.',
            en: 'An active employee needs an SKP, daily logs and an evaluation.',
          }
        : {
            id: `Pegawai berstatus ${label.id} dikecualikan dari SKP dan evaluasi selama status itu.`,
            en: `An employee with status ${label.en} is exempt from SKP and evaluation while it lasts.`,
          },
    }),
  );
}

// R4: positions and jenjang.
export const JENIS_JABATAN = [
  'JPT_UTAMA',
  'JPT_MADYA',
  'JPT_PRATAMA',
  'ADMINISTRATOR',
  'PENGAWAS',
  'PELAKSANA',
  'JF_KEAHLIAN',
  'JF_KETERAMPILAN',
] as const;
export type JenisJabatan = (typeof JENIS_JABATAN)[number];

export const JENJANG_KEAHLIAN = ['AHLI_PERTAMA', 'AHLI_MUDA', 'AHLI_MADYA', 'AHLI_UTAMA'] as const;
export const JENJANG_KETERAMPILAN = ['PEMULA', 'TERAMPIL', 'MAHIR', 'PENYELIA'] as const;
export const JENJANG = [...JENJANG_KETERAMPILAN, ...JENJANG_KEAHLIAN] as const;
export type Jenjang = (typeof JENJANG)[number];

export const JENIS_JABATAN_LABELS: Readonly<Record<JenisJabatan, LocalizedText>> = {
  JPT_UTAMA: { id: 'Jabatan Pimpinan Tinggi Utama', en: 'Senior executive (utama)' },
  JPT_MADYA: { id: 'Jabatan Pimpinan Tinggi Madya', en: 'Senior executive (madya)' },
  JPT_PRATAMA: { id: 'Jabatan Pimpinan Tinggi Pratama', en: 'Senior executive (pratama)' },
  ADMINISTRATOR: { id: 'Administrator', en: 'Administrator' },
  PENGAWAS: { id: 'Pengawas', en: 'Supervisor' },
  PELAKSANA: { id: 'Pelaksana', en: 'Staff' },
  JF_KEAHLIAN: { id: 'Jabatan Fungsional Keahlian', en: 'Functional position (expert)' },
  JF_KETERAMPILAN: { id: 'Jabatan Fungsional Keterampilan', en: 'Functional position (skilled)' },
};

export const JENJANG_LABELS: Readonly<Record<Jenjang, LocalizedText>> = {
  PEMULA: { id: 'Pemula', en: 'Beginner' },
  TERAMPIL: { id: 'Terampil', en: 'Skilled' },
  MAHIR: { id: 'Mahir', en: 'Proficient' },
  PENYELIA: { id: 'Penyelia', en: 'Supervisor' },
  AHLI_PERTAMA: { id: 'Ahli Pertama', en: 'First expert' },
  AHLI_MUDA: { id: 'Ahli Muda', en: 'Junior expert' },
  AHLI_MADYA: { id: 'Ahli Madya', en: 'Middle expert' },
  AHLI_UTAMA: { id: 'Ahli Utama', en: 'Principal expert' },
};

export function isJpt(jenisJabatan: JenisJabatan): boolean {
  return jenisJabatan === 'JPT_UTAMA' || jenisJabatan === 'JPT_MADYA' || jenisJabatan === 'JPT_PRATAMA';
}

export type Position = { readonly jenisJabatan: JenisJabatan; readonly jenjang: Jenjang | null };

/** R4: a JF position carries a jenjang of its own family; other positions carry none. */
export function validatePosition(position: Position): Result<Position> {
  const invalid = checkEnum('jenisJabatan', position.jenisJabatan, JENIS_JABATAN, ['R4']);
  if (invalid !== null) return invalid;
  const allowed: readonly string[] =
    position.jenisJabatan === 'JF_KEAHLIAN'
      ? JENJANG_KEAHLIAN
      : position.jenisJabatan === 'JF_KETERAMPILAN'
        ? JENJANG_KETERAMPILAN
        : [];
  const fits = allowed.length === 0 ? position.jenjang === null : allowed.includes(position.jenjang as string);
  if (!fits) {
    return failure(
      'UNKNOWN_ENUM',
      allowed.length === 0
        ? {
            id: `Jabatan ${position.jenisJabatan} tidak memiliki jenjang.`,
            en: `Position ${position.jenisJabatan} has no jenjang.`,
          }
        : {
            id: `Jenjang untuk ${position.jenisJabatan} harus salah satu dari ${allowed.join(', ')}.`,
            en: `The jenjang of ${position.jenisJabatan} must be one of ${allowed.join(', ')}.`,
          },
      {
        rules: ['R4'],
        issues: [
          { field: 'jenjang', code: 'UNKNOWN_ENUM', message: `expected one of: ${allowed.join(', ') || 'none'}` },
        ],
      },
    );
  }
  return ok(
    { jenisJabatan: position.jenisJabatan, jenjang: position.jenjang },
    explanation({
      decision: 'identifiers.position',
      rules: ['R4'],
      inputs: { jenisJabatan: position.jenisJabatan, jenjang: position.jenjang },
      values: { valid: true },
      text: {
        id: `Jabatan ${JENIS_JABATAN_LABELS[position.jenisJabatan].id}${position.jenjang === null ? '' : ` jenjang ${JENJANG_LABELS[position.jenjang].id}`} sah.`,
        en: `Position ${JENIS_JABATAN_LABELS[position.jenisJabatan].en}${position.jenjang === null ? '' : ` at level ${JENJANG_LABELS[position.jenjang].en}`} is valid.`,
      },
    }),
  );
}

// R4, REGULATIONS.md §8.3: PNS golongan/ruang and pangkat.
export const GOLONGAN_PANGKAT = [
  ['I/a', 'Juru Muda'],
  ['I/b', 'Juru Muda Tingkat I'],
  ['I/c', 'Juru'],
  ['I/d', 'Juru Tingkat I'],
  ['II/a', 'Pengatur Muda'],
  ['II/b', 'Pengatur Muda Tingkat I'],
  ['II/c', 'Pengatur'],
  ['II/d', 'Pengatur Tingkat I'],
  ['III/a', 'Penata Muda'],
  ['III/b', 'Penata Muda Tingkat I'],
  ['III/c', 'Penata'],
  ['III/d', 'Penata Tingkat I'],
  ['IV/a', 'Pembina'],
  ['IV/b', 'Pembina Tingkat I'],
  ['IV/c', 'Pembina Utama Muda'],
  ['IV/d', 'Pembina Utama Madya'],
  ['IV/e', 'Pembina Utama'],
] as const;
export type Golongan = (typeof GOLONGAN_PANGKAT)[number][0];
export const GOLONGAN: readonly Golongan[] = GOLONGAN_PANGKAT.map(([golongan]) => golongan);

export function pangkatOf(golongan: Golongan): Result<string> {
  const invalid = checkEnum('golongan', golongan, GOLONGAN, ['R4']);
  if (invalid !== null) return invalid;
  const pangkat = GOLONGAN_PANGKAT[GOLONGAN.indexOf(golongan)]![1];
  return ok(
    pangkat,
    explanation({
      decision: 'identifiers.pangkat',
      rules: ['R4'],
      inputs: { golongan },
      values: { pangkat },
      text: {
        id: `Golongan ${golongan} berpangkat ${pangkat}.`,
        en: `Golongan ${golongan} holds the rank ${pangkat}.`,
      },
    }),
  );
}
