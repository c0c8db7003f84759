// Limits of an SKP and its planning records: not rules of RULES.md but the platform's bounds, so that one document
// stays readable, printable and fast to load. The gateway checks them on the request shape and the targets service
// again on what it stores; each violation is a field error.
export const SKP_LIMITS = {
  /** RHK rows per SKP (UTAMA and TAMBAHAN together). */
  rhkPerSkp: 30,
  ikiPerRhk: 10,
  /** RHK text, IKI indikator, an agreement result or indicator. */
  text: 1_000,
  /** The unit of a numeric or range target ("dokumen", "%"). */
  targetUnit: 50,
  /** A KUALITATIF target's text. */
  targetText: 500,
  lampiranItems: 20,
  lampiranItem: 500,
  /** The rater's ekspektasi khusus per perilaku row (R10). */
  ekspektasi: 1_000,
  /** A rejection or revision reason. */
  reason: 1_000,
  orgRatingNote: 2_000,
  agreementResults: 50,
  agreementIndicators: 20,
  agreementTarget: 200,
  rencanaAksiText: 500,
  rencanaAksiTarget: 200,
  /** Rencana aksi per RHK and period. */
  rencanaAksiPerRhkPeriod: 20,
} as const;
