import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkArray, checkEnum, checkNumber } from '../explain/guards.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';
import type { DistributionSettings } from '../settings/tenant-settings.js';
import {
  DISTRIBUTION_MODES,
  ORG_RATING_LABELS,
  ORG_RATINGS,
  PREDIKAT_LABELS,
  PREDIKATS,
  type OrgRating,
  type Predikat,
} from './enums.js';

export type PredikatCounts = Readonly<Record<Predikat, number>>;

export type ClauseKind = 'MAX' | 'MIN';

/** One clause of R27 evaluated on a group: `Σ counts[predikats]` compared with `bound`. */
export type DistributionClause = {
  readonly id: string;
  readonly predikats: readonly Predikat[];
  readonly kind: ClauseKind;
  /** The percentage in the rule (70, 60, 10), or null for a fixed bound (≥ 1, = 0). */
  readonly percent: number | null;
  readonly bound: number;
  readonly actual: number;
  readonly satisfied: boolean;
  readonly text: LocalizedText;
};

/** VALID: no violation. BLOCKED: ENFORCE and N ≥ minGroupSize with a violation. WARNING: a violation that only warns. */
export type DistributionVerdict = 'VALID' | 'BLOCKED' | 'WARNING';

export type DistributionReport = {
  readonly organisationRating: OrgRating;
  readonly groupSize: number;
  readonly counts: PredikatCounts;
  readonly clauses: readonly DistributionClause[];
  readonly violations: readonly DistributionClause[];
  readonly enforced: boolean;
  readonly verdict: DistributionVerdict;
  readonly canFinalise: boolean;
};

type ClauseSpec = {
  id: string;
  predikats: readonly Predikat[];
  kind: ClauseKind;
  percent: number | null;
  fixed: number;
};

const SB: readonly Predikat[] = ['SANGAT_BAIK'];
// R27, one row per organisation rating. MAX bounds use floor(p·N), MIN bounds ceil(p·N).
const CLAUSES: Readonly<Record<OrgRating, readonly ClauseSpec[]>> = {
  ISTIMEWA: [{ id: 'ISTIMEWA_SB_MAX_70', predikats: SB, kind: 'MAX', percent: 70, fixed: 0 }],
  BAIK: [
    { id: 'BAIK_B_MAX_70', predikats: ['BAIK'], kind: 'MAX', percent: 70, fixed: 0 },
    { id: 'BAIK_BP_K_MIN_1', predikats: ['BUTUH_PERBAIKAN', 'KURANG'], kind: 'MIN', percent: null, fixed: 1 },
  ],
  BUTUH_PERBAIKAN: [
    { id: 'BUTUH_PERBAIKAN_BP_MIN_60', predikats: ['BUTUH_PERBAIKAN'], kind: 'MIN', percent: 60, fixed: 0 },
    { id: 'BUTUH_PERBAIKAN_SB_MAX_10', predikats: SB, kind: 'MAX', percent: 10, fixed: 0 },
  ],
  KURANG: [
    { id: 'KURANG_K_MIN_60', predikats: ['KURANG'], kind: 'MIN', percent: 60, fixed: 0 },
    { id: 'KURANG_BP_MIN_10', predikats: ['BUTUH_PERBAIKAN'], kind: 'MIN', percent: 10, fixed: 0 },
    { id: 'KURANG_SB_MAX_10', predikats: SB, kind: 'MAX', percent: 10, fixed: 0 },
  ],
  SANGAT_KURANG: [
    { id: 'SANGAT_KURANG_SK_MIN_60', predikats: ['SANGAT_KURANG'], kind: 'MIN', percent: 60, fixed: 0 },
    { id: 'SANGAT_KURANG_K_BP_MIN_10', predikats: ['KURANG', 'BUTUH_PERBAIKAN'], kind: 'MIN', percent: 10, fixed: 0 },
    { id: 'SANGAT_KURANG_SB_ZERO', predikats: SB, kind: 'MAX', percent: null, fixed: 0 },
  ],
};

// Integer arithmetic: p·N/100 for whole p and N is exact, so floor/ceil never see a rounding error.
function boundOf(spec: ClauseSpec, groupSize: number): number {
  if (spec.percent === null) return spec.fixed;
  const exact = (spec.percent * groupSize) / 100;
  return spec.kind === 'MAX' ? Math.floor(exact) : Math.ceil(exact);
}

function evaluateClause(spec: ClauseSpec, counts: PredikatCounts, groupSize: number): DistributionClause {
  const bound = boundOf(spec, groupSize);
  const actual = spec.predikats.reduce((sum, p) => sum + counts[p], 0);
  const satisfied = spec.kind === 'MAX' ? actual <= bound : actual >= bound;
  const namesId = spec.predikats.map((p) => PREDIKAT_LABELS[p].id).join(' + ');
  const namesEn = spec.predikats.map((p) => PREDIKAT_LABELS[p].en).join(' + ');
  const basis = spec.percent === null ? '' : ` (${spec.percent}% dari ${groupSize})`;
  const basisEn = spec.percent === null ? '' : ` (${spec.percent}% of ${groupSize})`;
  const text: LocalizedText =
    spec.kind === 'MAX'
      ? {
          id: `${namesId} paling banyak ${bound}${basis}, ada ${actual}`,
          en: `${namesEn} at most ${bound}${basisEn}, found ${actual}`,
        }
      : {
          id: `${namesId} paling sedikit ${bound}${basis}, ada ${actual}`,
          en: `${namesEn} at least ${bound}${basisEn}, found ${actual}`,
        };
  return {
    id: spec.id,
    predikats: spec.predikats,
    kind: spec.kind,
    percent: spec.percent,
    bound,
    actual,
    satisfied,
    text,
  };
}

function checkSettings(settings: DistributionSettings): Failure | null {
  return (
    checkEnum('distribution.mode', settings.mode, DISTRIBUTION_MODES, ['R27']) ??
    checkNumber('distribution.minGroupSize', settings.minGroupSize, { integer: true, min: 1 }, ['R27'])
  );
}

/** R27: every clause for the organisation rating, each with its numbers, and the verdict under the tenant's mode. */
export function validateDistributionCounts(
  organisationRating: OrgRating,
  counts: Partial<PredikatCounts>,
  settings: DistributionSettings,
): Result<DistributionReport> {
  const invalid =
    checkEnum('organisationRating', organisationRating, ORG_RATINGS, ['R27']) ??
    checkSettings(settings) ??
    PREDIKATS.map((p) =>
      counts[p] === undefined ? null : checkNumber(`counts.${p}`, counts[p], { integer: true, min: 0 }, ['R27']),
    ).find((c) => c !== null) ??
    null;
  if (invalid !== null) return invalid;
  const full = Object.fromEntries(PREDIKATS.map((p) => [p, counts[p] ?? 0])) as Record<Predikat, number>;
  const groupSize = PREDIKATS.reduce((sum, p) => sum + full[p], 0);
  if (groupSize === 0) {
    return failure(
      'EMPTY_GROUP',
      { id: 'Kelompok pegawai kosong.', en: 'The group of employees is empty.' },
      { rules: ['R27'] },
    );
  }
  const clauses = CLAUSES[organisationRating].map((spec) => evaluateClause(spec, full, groupSize));
  const violations = clauses.filter((clause) => !clause.satisfied);
  // R27: a group below minGroupSize, or ADVISORY mode, only gets warnings.
  const enforced = settings.mode === 'ENFORCE' && groupSize >= settings.minGroupSize;
  const verdict: DistributionVerdict = violations.length === 0 ? 'VALID' : enforced ? 'BLOCKED' : 'WARNING';
  const org = ORG_RATING_LABELS[organisationRating];
  const head: LocalizedText =
    verdict === 'VALID'
      ? {
          id: `Distribusi predikat ${groupSize} pegawai sesuai pola untuk capaian organisasi ${org.id}.`,
          en: `The predikat distribution of ${groupSize} employees fits the pattern for organisation rating ${org.en}.`,
        }
      : verdict === 'BLOCKED'
        ? {
            id: `Distribusi predikat ${groupSize} pegawai melanggar pola ${org.id} dan tidak dapat difinalkan:`,
            en: `The predikat distribution of ${groupSize} employees breaks the ${org.en} pattern and cannot be finalised:`,
          }
        : {
            id: `Peringatan: distribusi predikat ${groupSize} pegawai tidak sesuai pola ${org.id}:`,
            en: `Warning: the predikat distribution of ${groupSize} employees does not fit the ${org.en} pattern:`,
          };
  const text: LocalizedText =
    verdict === 'VALID'
      ? head
      : {
          id: `${head.id} ${violations.map((v) => v.text.id).join('; ')}.`,
          en: `${head.en} ${violations.map((v) => v.text.en).join('; ')}.`,
        };
  return ok(
    {
      organisationRating,
      groupSize,
      counts: full,
      clauses,
      violations,
      enforced,
      verdict,
      canFinalise: verdict !== 'BLOCKED',
    },
    explanation({
      decision: 'evaluation.distribution',
      rules: ['R27'],
      inputs: { organisationRating, counts: full },
      settings: { mode: settings.mode, minGroupSize: settings.minGroupSize },
      values: {
        groupSize,
        clauses: clauses.map((c) => ({ id: c.id, bound: c.bound, actual: c.actual, satisfied: c.satisfied })),
        enforced,
        verdict,
      },
      text,
    }),
  );
}

/** R27 over the predikats of the group's members. */
export function validateDistribution(
  organisationRating: OrgRating,
  predikats: readonly Predikat[],
  settings: DistributionSettings,
): Result<DistributionReport> {
  const notList = checkArray('predikats', predikats, { nonEmpty: true }, ['R27']);
  if (notList !== null) return notList;
  const counts: Record<Predikat, number> = { SANGAT_BAIK: 0, BAIK: 0, BUTUH_PERBAIKAN: 0, KURANG: 0, SANGAT_KURANG: 0 };
  for (let i = 0; i < predikats.length; i += 1) {
    const value = predikats[i] as Predikat;
    if (!Object.hasOwn(counts, value)) return checkEnum(`predikats.${i}`, value, PREDIKATS, ['R27']) as Failure;
    counts[value] += 1;
  }
  return validateDistributionCounts(organisationRating, counts, settings);
}
