import { explanation } from '../explain/explanation.js';
import { checkArray, checkEnum, checkNumber } from '../explain/guards.js';
import { ok, type Issue, type Result } from '../explain/result.js';
import { isJpt, JENIS_JABATAN, type JenisJabatan } from '../identifiers/master-data.js';
import { DIRECTIONS, type Direction, type Target } from '../realisation/capaian.js';
import { checkPerilakuRows, type PerilakuRow } from './berakhlak.js';
import type { SkpStatus } from './lifecycle.js';

// R8: SKP structure.
export const APPROACHES = ['KUANTITATIF', 'KUALITATIF'] as const;
export type Approach = (typeof APPROACHES)[number];
export const RHK_TYPES = ['UTAMA', 'TAMBAHAN'] as const;
export type RhkType = (typeof RHK_TYPES)[number];
export const ASPEK = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const;
export type Aspek = (typeof ASPEK)[number];
export const PERSPEKTIF = ['PENERIMA_LAYANAN', 'PROSES_BISNIS', 'PENGUATAN_INTERNAL', 'ANGGARAN'] as const;
export type Perspektif = (typeof PERSPEKTIF)[number];

/** Indikator kinerja individu: one success measure of an RHK. */
export type Iki = {
  readonly id: string;
  readonly indikator: string;
  readonly aspek: Aspek | null;
  readonly target: Target | null;
  readonly direction: Direction;
};

/** Rencana hasil kerja: one planned result; cascades from the rater's RHK (R9). */
export type Rhk = {
  readonly id: string;
  readonly jenis: RhkType;
  readonly text: string;
  readonly perspektif: Perspektif | null;
  readonly rhkAtasanId: string | null;
  /** For the top unit head only: the perjanjian kinerja clause the RHK cites (R9). */
  readonly perjanjianKinerjaRef: string | null;
  readonly iki: readonly Iki[];
};

export type Lampiran = {
  readonly dukunganSumberDaya: readonly string[];
  readonly skemaPertanggungjawaban: readonly string[];
  readonly konsekuensi: readonly string[];
};

export type SkpDraft = {
  readonly year: number;
  readonly approach: Approach;
  readonly jenisJabatan: JenisJabatan;
  readonly isTopUnitHead: boolean;
  readonly rhk: readonly Rhk[];
  readonly perilaku: readonly PerilakuRow[];
  readonly lampiran: Lampiran | null;
};

/** The rater's SKP as R9 needs it; null when the rater has none. */
export type RaterSkp = { readonly year: number; readonly status: SkpStatus; readonly rhkIds: readonly string[] } | null;

export const SKP_MISSING_CODES = [
  'NO_UTAMA_RHK',
  'RHK_WITHOUT_IKI',
  'IKI_WITHOUT_TARGET',
  'IKI_TARGET_INVALID',
  'IKI_ASPEK_MISSING',
  'CASCADE_MISSING',
  'CASCADE_RATER_SKP_NOT_APPROVED',
  'CASCADE_NOT_IN_RATER_SKP',
  'PERJANJIAN_KINERJA_MISSING',
  'PERSPEKTIF_MISSING',
  'LAMPIRAN_MISSING',
] as const;

const issue = (field: string, code: (typeof SKP_MISSING_CODES)[number], message: string): Issue => ({
  field,
  code,
  message,
});

// R9: APPROVED, or in REVISION (the approved version stays in force), for the same year.
function raterSkpInForce(rater: RaterSkp, year: number): rater is NonNullable<RaterSkp> {
  return rater !== null && rater.year === year && (rater.status === 'APPROVED' || rater.status === 'REVISION');
}

/** R9: every RHK of a non-top employee cites an RHK of the rater's approved SKP; the top head cites the perjanjian kinerja. */
export function cascadeIssues(skp: SkpDraft, raterSkp: RaterSkp): readonly Issue[] {
  const issues: Issue[] = [];
  if (skp.isTopUnitHead) {
    skp.rhk.forEach((rhk, i) => {
      if (rhk.perjanjianKinerjaRef === null || rhk.perjanjianKinerjaRef.trim() === '')
        issues.push(
          issue(
            `rhk.${i}.perjanjianKinerjaRef`,
            'PERJANJIAN_KINERJA_MISSING',
            'the top unit head cites the perjanjian kinerja',
          ),
        );
    });
    return issues;
  }
  const inForce = raterSkpInForce(raterSkp, skp.year);
  if (!inForce)
    issues.push(issue('raterSkp', 'CASCADE_RATER_SKP_NOT_APPROVED', `the rater has no approved SKP for ${skp.year}`));
  const raterRhk = new Set(inForce ? raterSkp.rhkIds : []);
  skp.rhk.forEach((rhk, i) => {
    if (rhk.rhkAtasanId === null)
      issues.push(issue(`rhk.${i}.rhkAtasanId`, 'CASCADE_MISSING', "every RHK names the rater's RHK it supports"));
    else if (inForce && !raterRhk.has(rhk.rhkAtasanId))
      issues.push(
        issue(`rhk.${i}.rhkAtasanId`, 'CASCADE_NOT_IN_RATER_SKP', "the cited RHK is not in the rater's approved SKP"),
      );
  });
  return issues;
}

function targetIssue(target: Target, approach: Approach): boolean {
  if (target.kind === 'TEXT')
    return approach !== 'KUALITATIF' || typeof target.text !== 'string' || target.text.trim() === '';
  if (target.kind === 'NUMERIC') return checkNumber('value', target.value, { min: 0 }) !== null;
  return (
    checkNumber('min', target.min, { min: 0 }) !== null ||
    checkNumber('max', target.max, { min: 0 }) !== null ||
    target.min > target.max
  );
}

export type SkpCompleteness = { readonly complete: boolean; readonly missing: readonly Issue[] };

/** R12: an SKP can be submitted only when nothing is missing; every missing item is listed. */
export function skpCompleteness(skp: SkpDraft, raterSkp: RaterSkp): Result<SkpCompleteness> {
  const invalid =
    checkEnum('approach', skp.approach, APPROACHES, ['R8']) ??
    checkEnum('jenisJabatan', skp.jenisJabatan, JENIS_JABATAN, ['R8']) ??
    checkArray('rhk', skp.rhk, {}, ['R12']) ??
    skp.rhk
      .map(
        (rhk, i) =>
          checkEnum(`rhk.${i}.jenis`, rhk.jenis, RHK_TYPES, ['R8']) ?? checkArray(`rhk.${i}.iki`, rhk.iki, {}, ['R8']),
      )
      .find((c) => c !== null) ??
    skp.rhk
      .flatMap((rhk, i) =>
        rhk.iki.map((iki, j) => checkEnum(`rhk.${i}.iki.${j}.direction`, iki.direction, DIRECTIONS, ['R8'])),
      )
      .find((c) => c !== null) ??
    null;
  if (invalid !== null) return invalid;
  const perilaku = checkPerilakuRows(skp.perilaku);
  if (!perilaku.ok) return perilaku;
  const jpt = isJpt(skp.jenisJabatan);
  const missing: Issue[] = [];
  if (!skp.rhk.some((rhk) => rhk.jenis === 'UTAMA'))
    missing.push(issue('rhk', 'NO_UTAMA_RHK', 'at least one UTAMA RHK'));
  skp.rhk.forEach((rhk, i) => {
    if (rhk.iki.length === 0) missing.push(issue(`rhk.${i}.iki`, 'RHK_WITHOUT_IKI', 'every RHK has at least one IKI'));
    rhk.iki.forEach((iki, j) => {
      if (iki.target === null)
        missing.push(issue(`rhk.${i}.iki.${j}.target`, 'IKI_WITHOUT_TARGET', 'every IKI has a target'));
      else if (targetIssue(iki.target, skp.approach))
        missing.push(
          issue(
            `rhk.${i}.iki.${j}.target`,
            'IKI_TARGET_INVALID',
            'a number ≥ 0, a range min ≤ max, or text for KUALITATIF',
          ),
        );
      // R8: non-JPT IKIs carry an aspek.
      if (!jpt && (iki.aspek === null || checkEnum('aspek', iki.aspek, ASPEK) !== null))
        missing.push(issue(`rhk.${i}.iki.${j}.aspek`, 'IKI_ASPEK_MISSING', 'a non-JPT IKI has an aspek'));
    });
    if (jpt && (rhk.perspektif === null || checkEnum('perspektif', rhk.perspektif, PERSPEKTIF) !== null))
      missing.push(issue(`rhk.${i}.perspektif`, 'PERSPEKTIF_MISSING', 'a JPT RHK has a perspektif'));
  });
  missing.push(...cascadeIssues(skp, raterSkp));
  if (skp.lampiran === null) missing.push(issue('lampiran', 'LAMPIRAN_MISSING', 'the lampiran with its three lists'));
  missing.push(...perilaku.value);
  const complete = missing.length === 0;
  return ok(
    { complete, missing },
    explanation({
      decision: 'skp.completeness',
      rules: ['R12', 'R8', 'R9', 'R10'],
      inputs: {
        year: skp.year,
        approach: skp.approach,
        jenisJabatan: skp.jenisJabatan,
        isTopUnitHead: skp.isTopUnitHead,
        rhk: skp.rhk.length,
      },
      values: { missing: missing.map((m) => `${m.code}@${m.field}`) },
      text: complete
        ? { id: 'SKP lengkap dan dapat diajukan.', en: 'The SKP is complete and can be submitted.' }
        : {
            id: `SKP belum dapat diajukan; ${missing.length} hal kurang: ${[...new Set(missing.map((m) => m.code))].join(', ')}.`,
            en: `The SKP cannot be submitted; ${missing.length} items missing: ${[...new Set(missing.map((m) => m.code))].join(', ')}.`,
          },
    }),
  );
}
