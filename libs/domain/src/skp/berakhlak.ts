import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkArray } from '../explain/guards.js';
import { ok, type Issue, type Result } from '../explain/result.js';

// R10: the 7 BerAKHLAK core values, fixed in this order, each with its 3 fixed behaviour guides (REGULATIONS.md §4.2).
export const BERAKHLAK_VALUES = [
  'BERORIENTASI_PELAYANAN',
  'AKUNTABEL',
  'KOMPETEN',
  'HARMONIS',
  'LOYAL',
  'ADAPTIF',
  'KOLABORATIF',
] as const;
export type BerakhlakValue = (typeof BERAKHLAK_VALUES)[number];

export type BerakhlakDefinition = {
  readonly value: BerakhlakValue;
  readonly label: LocalizedText;
  readonly panduan: readonly [string, string, string];
};

export const BERAKHLAK: readonly BerakhlakDefinition[] = [
  {
    value: 'BERORIENTASI_PELAYANAN',
    label: { id: 'Berorientasi Pelayanan', en: 'Service-oriented' },
    panduan: [
      'Memahami dan memenuhi kebutuhan masyarakat',
      'Ramah, cekatan, solutif, dan dapat diandalkan',
      'Melakukan perbaikan tiada henti',
    ],
  },
  {
    value: 'AKUNTABEL',
    label: { id: 'Akuntabel', en: 'Accountable' },
    panduan: [
      'Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi',
      'Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien',
      'Tidak menyalahgunakan kewenangan jabatan',
    ],
  },
  {
    value: 'KOMPETEN',
    label: { id: 'Kompeten', en: 'Competent' },
    panduan: [
      'Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah',
      'Membantu orang lain belajar',
      'Melaksanakan tugas dengan kualitas terbaik',
    ],
  },
  {
    value: 'HARMONIS',
    label: { id: 'Harmonis', en: 'Harmonious' },
    panduan: [
      'Menghargai setiap orang apapun latar belakangnya',
      'Suka menolong orang lain',
      'Membangun lingkungan kerja yang kondusif',
    ],
  },
  {
    value: 'LOYAL',
    label: { id: 'Loyal', en: 'Loyal' },
    panduan: [
      'Memegang teguh ideologi Pancasila, UUD NRI 1945, setia kepada NKRI serta pemerintahan yang sah',
      'Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara',
      'Menjaga rahasia jabatan dan negara',
    ],
  },
  {
    value: 'ADAPTIF',
    label: { id: 'Adaptif', en: 'Adaptive' },
    panduan: [
      'Cepat menyesuaikan diri menghadapi perubahan',
      'Terus berinovasi dan mengembangkan kreativitas',
      'Bertindak proaktif',
    ],
  },
  {
    value: 'KOLABORATIF',
    label: { id: 'Kolaboratif', en: 'Collaborative' },
    panduan: [
      'Memberi kesempatan kepada berbagai pihak untuk berkontribusi',
      'Terbuka dalam bekerja sama untuk menghasilkan nilai tambah',
      'Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama',
    ],
  },
];

/** One perilaku row of an SKP: a fixed value and guides, plus the rater's optional expectation. */
export type PerilakuRow = {
  readonly value: BerakhlakValue;
  readonly panduan: readonly string[];
  readonly ekspektasiKhusus: string;
};

/** R10: the 7 perilaku rows a new SKP starts with, with empty expectations. */
export function perilakuRows(): readonly PerilakuRow[] {
  return BERAKHLAK.map((definition) => ({
    value: definition.value,
    panduan: [...definition.panduan],
    ekspektasiKhusus: '',
  }));
}

/** R10: the rows are exactly the 7 values in order with their fixed guides; one free-text expectation each. */
export function checkPerilakuRows(rows: readonly PerilakuRow[]): Result<readonly Issue[]> {
  const notList = checkArray('perilaku', rows, {}, ['R10']);
  if (notList !== null) return notList;
  const issues: Issue[] = [];
  if (rows.length !== BERAKHLAK.length)
    issues.push({
      field: 'perilaku',
      code: 'PERILAKU_COUNT',
      message: `expected exactly ${BERAKHLAK.length} rows, found ${rows.length}`,
    });
  rows.slice(0, BERAKHLAK.length).forEach((row, i) => {
    const expected = BERAKHLAK[i] as BerakhlakDefinition;
    if (row.value !== expected.value)
      issues.push({ field: `perilaku.${i}.value`, code: 'PERILAKU_ORDER', message: `expected ${expected.value}` });
    else if (row.panduan.length !== 3 || row.panduan.some((guide, g) => guide !== expected.panduan[g])) {
      issues.push({
        field: `perilaku.${i}.panduan`,
        code: 'PERILAKU_PANDUAN',
        message: 'the behaviour guides are fixed',
      });
    }
    if (typeof row.ekspektasiKhusus !== 'string')
      issues.push({
        field: `perilaku.${i}.ekspektasiKhusus`,
        code: 'PERILAKU_EKSPEKTASI',
        message: 'expected text (may be empty)',
      });
  });
  return ok(
    issues,
    explanation({
      decision: 'skp.checkPerilakuRows',
      rules: ['R10'],
      inputs: { values: rows.map((row) => String(row.value)) },
      values: { issues },
      text:
        issues.length === 0
          ? {
              id: 'Tujuh baris perilaku BerAKHLAK lengkap dan sesuai urutan.',
              en: 'The seven BerAKHLAK behaviour rows are complete and in order.',
            }
          : {
              id: `Baris perilaku BerAKHLAK tidak sesuai (${issues.length} masalah).`,
              en: `The BerAKHLAK behaviour rows do not match (${issues.length} issues).`,
            },
    }),
  );
}
