import type { LocalizedText } from '../explain/explanation.js';

// Kinds of organisation unit (unit organisasi, unor) a regional government has, and the two kinds of acting head.

export const UNIT_KINDS = [
  'PERANGKAT_DAERAH',
  'SEKRETARIAT',
  'BIDANG',
  'BAGIAN',
  'SUBBIDANG',
  'SUBBAGIAN',
  'SEKSI',
  'UPT',
  'SEKOLAH',
  'PUSKESMAS',
  'LAINNYA',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, LocalizedText>> = {
  PERANGKAT_DAERAH: { id: 'Perangkat daerah', en: 'Regional agency' },
  SEKRETARIAT: { id: 'Sekretariat', en: 'Secretariat' },
  BIDANG: { id: 'Bidang', en: 'Division' },
  BAGIAN: { id: 'Bagian', en: 'Department' },
  SUBBIDANG: { id: 'Subbidang', en: 'Subdivision' },
  SUBBAGIAN: { id: 'Subbagian', en: 'Subdepartment' },
  SEKSI: { id: 'Seksi', en: 'Section' },
  UPT: { id: 'Unit pelaksana teknis', en: 'Technical implementation unit' },
  SEKOLAH: { id: 'Sekolah', en: 'School' },
  PUSKESMAS: { id: 'Puskesmas', en: 'Community health centre' },
  LAINNYA: { id: 'Lainnya', en: 'Other' },
};

/** R5: PLT (pelaksana tugas, acting) and PLH (pelaksana harian, daily acting) heads. */
export const ACTING_KINDS = ['PLT', 'PLH'] as const;
export type ActingKind = (typeof ACTING_KINDS)[number];
