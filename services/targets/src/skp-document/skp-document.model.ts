import {
  BERAKHLAK,
  JENIS_JABATAN_LABELS,
  type Approach,
  type Aspek,
  type Direction,
  type JenisJabatan,
  type Lampiran,
  type LocalDate,
  type PerilakuRow,
  type Perspektif,
  type RhkType,
  type SkpStatus,
  type Target,
} from '@kinerja/domain';

// What the SKP document (PermenPANRB 6/2022, the SKP format of its lampiran) shows, gathered by the handler and
// printed by skp-pdf.ts, and every word of it in Bahasa Indonesia and English. Pure: no I/O.

export type DocumentLanguage = 'id' | 'en';
export const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = ['id', 'en'];

/** One identity block: the employee (pegawai yang dinilai), the rater or the rater's superior (R5). */
export type PersonBlock = { name: string; nip: string; pangkat: string; jabatan: string; unit: string };

export type DocumentIki = { indikator: string; aspek: Aspek | null; target: Target | null; direction: Direction };

export type DocumentRhk = {
  jenis: RhkType;
  text: string;
  /** R9: the text of the rater's RHK it supports (or of the perjanjian kinerja result, for the top head). */
  cited: string;
  perspektif: Perspektif | null;
  iki: DocumentIki[];
};

export type SkpDocumentModel = {
  lang: DocumentLanguage;
  instansi: string;
  year: number;
  startDate: LocalDate;
  endDate: LocalDate;
  approach: Approach;
  jenisJabatan: string;
  versionNumber: number;
  versionStatus: SkpStatus;
  employee: PersonBlock;
  rater: PersonBlock;
  superior: PersonBlock;
  rhk: DocumentRhk[];
  perilaku: readonly PerilakuRow[];
  lampiran: Lampiran | null;
  /** The day the printed version was approved (tenant's zone); null for a version never approved. */
  approvedOn: LocalDate | null;
  /** Written above the signatures; empty leaves a line to fill in. */
  place: string;
};

const MONTHS: Record<DocumentLanguage, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** `2026-01-31` → `31 Januari 2026` (`31 January 2026`). */
export function longDate(date: LocalDate, lang: DocumentLanguage): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[lang][month - 1]} ${year}`;
}

/** Indonesian numbers use a decimal comma and dot grouping (`1.250,5`). */
export function formatNumber(value: number, lang: DocumentLanguage): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 4 }).format(value);
}

export function formatTarget(target: Target | null, direction: Direction, lang: DocumentLanguage): string {
  if (target === null) return '-';
  const text =
    target.kind === 'NUMERIC'
      ? `${formatNumber(target.value, lang)} ${target.unit}`
      : target.kind === 'RANGE'
        ? `${formatNumber(target.min, lang)}–${formatNumber(target.max, lang)} ${target.unit}`
        : target.text;
  return direction === 'LOWER_IS_BETTER' ? `${text.trim()} (${LABELS[lang].lowerIsBetter})` : text.trim();
}

export function perilakuLabel(value: string, lang: DocumentLanguage): string {
  const definition = BERAKHLAK.find((b) => b.value === value);
  return definition ? definition.label[lang] : value;
}

export function jenisJabatanLabel(jenis: string, lang: DocumentLanguage): string {
  const labels = JENIS_JABATAN_LABELS as Readonly<Record<string, { id: string; en: string }>>;
  return labels[jenis as JenisJabatan]?.[lang] ?? jenis;
}

/** The file name the gateway gives the PDF: `SKP-<NIP>-<year>.pdf` (the SKP id when the NIP is unknown). */
export function documentFilename(nip: string, skpId: string, year: number): string {
  const who = /^[0-9]+$/.test(nip) ? nip : skpId;
  return `SKP-${who}-${year}.pdf`;
}

const isJpt = (jenisJabatan: string) => jenisJabatan.startsWith('JPT');

export type DocumentLabels = {
  title: string;
  subtitle: (approach: Approach, jenisJabatan: string) => string;
  instansi: string;
  period: (from: string, to: string) => string;
  draft: string;
  identityHeaders: readonly [string, string, string, string];
  identityRows: readonly [string, string, string, string, string];
  hasilKerja: string;
  hasilKerjaHeaders: readonly [string, string, string, string, string, string];
  citedPk: string;
  jenis: Record<RhkType, string>;
  aspek: Record<Aspek, string>;
  perspektif: Record<Perspektif, string>;
  perspektifLabel: string;
  perilakuKerja: string;
  perilakuHeaders: readonly [string, string, string];
  lampiranTitle: string;
  lampiran: readonly [string, string, string];
  signedAs: readonly [string, string];
  approvedOn: (date: string) => string;
  notApproved: string;
  footer: (nip: string, year: number, version: number, page: number, pages: number) => string;
  lowerIsBetter: string;
  regionalHead: string;
  status: Record<SkpStatus, string>;
};

export const LABELS: Record<DocumentLanguage, DocumentLabels> = {
  id: {
    title: 'SASARAN KINERJA PEGAWAI',
    subtitle: (approach, jenis) =>
      `PENDEKATAN HASIL KERJA ${approach} BAGI ${isJpt(jenis) ? 'PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI' : 'PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL'}`,
    instansi: 'INSTANSI',
    period: (from, to) => `PERIODE PENILAIAN: ${from} s.d. ${to}`.toUpperCase(),
    draft: 'KONSEP — BELUM DISETUJUI PEJABAT PENILAI KINERJA',
    identityHeaders: ['', 'PEGAWAI YANG DINILAI', 'PEJABAT PENILAI KINERJA', 'ATASAN PEJABAT PENILAI KINERJA'],
    identityRows: ['NAMA', 'NIP', 'PANGKAT/GOL. RUANG', 'JABATAN', 'UNIT KERJA'],
    hasilKerja: 'HASIL KERJA',
    hasilKerjaHeaders: [
      'NO',
      'RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI',
      'RENCANA HASIL KERJA',
      'ASPEK',
      'INDIKATOR KINERJA INDIVIDU',
      'TARGET',
    ],
    citedPk: 'Perjanjian Kinerja',
    jenis: { UTAMA: 'A. UTAMA', TAMBAHAN: 'B. TAMBAHAN' },
    aspek: { KUANTITAS: 'Kuantitas', KUALITAS: 'Kualitas', WAKTU: 'Waktu', BIAYA: 'Biaya' },
    perspektif: {
      PENERIMA_LAYANAN: 'Penerima Layanan',
      PROSES_BISNIS: 'Proses Bisnis',
      PENGUATAN_INTERNAL: 'Penguatan Internal',
      ANGGARAN: 'Anggaran',
    },
    perspektifLabel: 'Perspektif',
    perilakuKerja: 'PERILAKU KERJA',
    perilakuHeaders: ['NO', 'PERILAKU KERJA', 'EKSPEKTASI KHUSUS PIMPINAN'],
    lampiranTitle: 'LAMPIRAN SASARAN KINERJA PEGAWAI',
    lampiran: ['DUKUNGAN SUMBER DAYA', 'SKEMA PERTANGGUNGJAWABAN', 'KONSEKUENSI'],
    signedAs: ['Pegawai yang Dinilai', 'Pejabat Penilai Kinerja'],
    approvedOn: (date) => `Ditetapkan pada ${date}`,
    notApproved: 'Belum ditetapkan',
    footer: (nip, year, version, page, pages) =>
      `SKP ${nip} tahun ${year}, versi ${version} — halaman ${page} dari ${pages}`,
    lowerIsBetter: 'semakin rendah semakin baik',
    regionalHead: 'Kepala Daerah',
    status: {
      DRAFT: 'Konsep',
      SUBMITTED: 'Diajukan',
      APPROVED: 'Disetujui',
      REJECTED: 'Ditolak',
      REVISION: 'Disetujui (sedang direvisi)',
      CLOSED: 'Ditutup',
    },
  },
  en: {
    title: 'EMPLOYEE PERFORMANCE TARGETS (SASARAN KINERJA PEGAWAI)',
    subtitle: (approach, jenis) =>
      `${approach === 'KUANTITATIF' ? 'QUANTITATIVE' : 'QUALITATIVE'} RESULTS APPROACH FOR ${isJpt(jenis) ? 'SENIOR EXECUTIVES AND HEADS OF INDEPENDENT UNITS' : 'ADMINISTRATIVE AND FUNCTIONAL OFFICIALS'}`,
    instansi: 'AGENCY',
    period: (from, to) => `APPRAISAL PERIOD: ${from} to ${to}`.toUpperCase(),
    draft: 'DRAFT — NOT YET APPROVED BY THE RATER',
    identityHeaders: ['', 'EMPLOYEE RATED', 'RATER', "RATER'S SUPERIOR"],
    identityRows: ['NAME', 'NIP', 'RANK/GRADE', 'POSITION', 'UNIT'],
    hasilKerja: 'WORK RESULTS',
    hasilKerjaHeaders: [
      'NO',
      "RATER'S PLANNED RESULT SUPPORTED",
      'PLANNED RESULT',
      'ASPECT',
      'INDIVIDUAL PERFORMANCE INDICATOR',
      'TARGET',
    ],
    citedPk: 'Performance agreement',
    jenis: { UTAMA: 'A. MAIN', TAMBAHAN: 'B. ADDITIONAL' },
    aspek: { KUANTITAS: 'Quantity', KUALITAS: 'Quality', WAKTU: 'Time', BIAYA: 'Cost' },
    perspektif: {
      PENERIMA_LAYANAN: 'Service recipients',
      PROSES_BISNIS: 'Business process',
      PENGUATAN_INTERNAL: 'Internal strengthening',
      ANGGARAN: 'Budget',
    },
    perspektifLabel: 'Perspective',
    perilakuKerja: 'WORK BEHAVIOUR',
    perilakuHeaders: ['NO', 'WORK BEHAVIOUR', "LEADER'S SPECIFIC EXPECTATION"],
    lampiranTitle: 'ANNEX TO THE EMPLOYEE PERFORMANCE TARGETS',
    lampiran: ['RESOURCE SUPPORT', 'ACCOUNTABILITY SCHEME', 'CONSEQUENCES'],
    signedAs: ['Employee rated', 'Rater'],
    approvedOn: (date) => `Approved on ${date}`,
    notApproved: 'Not approved yet',
    footer: (nip, year, version, page, pages) => `SKP ${nip} ${year}, version ${version} — page ${page} of ${pages}`,
    lowerIsBetter: 'lower is better',
    regionalHead: 'Regional head (Kepala Daerah)',
    status: {
      DRAFT: 'Draft',
      SUBMITTED: 'Submitted',
      APPROVED: 'Approved',
      REJECTED: 'Rejected',
      REVISION: 'Approved (under revision)',
      CLOSED: 'Closed',
    },
  },
};
