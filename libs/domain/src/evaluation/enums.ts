import type { LocalizedText } from '../explain/explanation.js';

/** Rating hasil kerja / perilaku kerja: below, as, or above expectation (R23). */
export const RATINGS = ['DI_BAWAH', 'SESUAI', 'DI_ATAS'] as const;
export type Rating = (typeof RATINGS)[number];

/** Predikat kinerja, ordered high → low (R23). */
export const PREDIKATS = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type Predikat = (typeof PREDIKATS)[number];

/** Capaian kinerja organisasi: the organisation rating of a unit (R24, R26, R27). */
export const ORG_RATINGS = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type OrgRating = (typeof ORG_RATINGS)[number];

export const RATING_LABELS: Readonly<Record<Rating, LocalizedText>> = {
  DI_BAWAH: { id: 'Di Bawah Ekspektasi', en: 'Below expectation' },
  SESUAI: { id: 'Sesuai Ekspektasi', en: 'As expected' },
  DI_ATAS: { id: 'Di Atas Ekspektasi', en: 'Above expectation' },
};

export const PREDIKAT_LABELS: Readonly<Record<Predikat, LocalizedText>> = {
  SANGAT_BAIK: { id: 'Sangat Baik', en: 'Very good' },
  BAIK: { id: 'Baik', en: 'Good' },
  BUTUH_PERBAIKAN: { id: 'Butuh Perbaikan', en: 'Needs improvement' },
  KURANG: { id: 'Kurang/Misconduct', en: 'Poor/Misconduct' },
  SANGAT_KURANG: { id: 'Sangat Kurang', en: 'Very poor' },
};

export const ORG_RATING_LABELS: Readonly<Record<OrgRating, LocalizedText>> = {
  ISTIMEWA: { id: 'Istimewa', en: 'Outstanding' },
  BAIK: { id: 'Baik', en: 'Good' },
  BUTUH_PERBAIKAN: { id: 'Butuh Perbaikan', en: 'Needs improvement' },
  KURANG: { id: 'Kurang', en: 'Poor' },
  SANGAT_KURANG: { id: 'Sangat Kurang', en: 'Very poor' },
};

export const DISTRIBUTION_MODES = ['ENFORCE', 'ADVISORY'] as const;
export type DistributionMode = (typeof DISTRIBUTION_MODES)[number];

export const ANNUAL_DERIVATIONS = ['EXPLICIT_FINAL', 'LAST_PERIOD', 'MODE'] as const;
export type AnnualDerivation = (typeof ANNUAL_DERIVATIONS)[number];
