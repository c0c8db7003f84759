import type { LocalDate } from '../calendar/local-date.js';
import type { PeriodKind } from '../calendar/periods.js';
import { explanation } from '../explain/explanation.js';
import { checkArray, checkDate, checkEnum } from '../explain/guards.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';
import type { AnnualSettings } from '../settings/tenant-settings.js';
import {
  ANNUAL_DERIVATIONS,
  PREDIKAT_LABELS,
  RATINGS,
  type AnnualDerivation,
  type Predikat,
  type Rating,
} from './enums.js';
import { PREDIKAT_MATRIX } from './predikat.js';

/** A finalised periodic result (R28). */
export type PeriodicResult = {
  readonly periodId: string;
  readonly kind: PeriodKind;
  readonly end: LocalDate;
  readonly hasil: Rating;
  readonly perilaku: Rating;
  readonly predikat: Predikat;
};

export type AnnualPredikat = {
  readonly derivation: AnnualDerivation;
  readonly predikat: Predikat;
  readonly hasil: Rating;
  readonly perilaku: Rating;
  /** The periodic results the annual predikat is based on (R28 "cites"). */
  readonly basedOn: readonly string[];
};

function checkResults(results: readonly PeriodicResult[]): Failure | null {
  const notList = checkArray('results', results, { nonEmpty: true }, ['R28']);
  if (notList !== null) return notList;
  const ids = new Set<string>();
  for (const [i, result] of results.entries()) {
    const invalid =
      checkEnum(`results.${i}.kind`, result.kind, ['REGULAR', 'FINAL'], ['R28']) ??
      checkDate(`results.${i}.end`, result.end, ['R28']) ??
      checkEnum(`results.${i}.hasil`, result.hasil, RATINGS, ['R28']) ??
      checkEnum(`results.${i}.perilaku`, result.perilaku, RATINGS, ['R28']);
    if (invalid !== null) return invalid;
    // R30: a stored result must re-derive to the same predikat under R23.
    if (PREDIKAT_MATRIX[result.hasil][result.perilaku] !== result.predikat) {
      return failure(
        'INVALID_INPUT',
        {
          id: `Predikat periode ${result.periodId} tidak sesuai matriks R23.`,
          en: `The predikat of period ${result.periodId} does not match the R23 matrix.`,
        },
        { rules: ['R28', 'R23'] },
      );
    }
    if (ids.has(result.periodId))
      return failure(
        'DUPLICATE_ENTRY',
        { id: `Periode ${result.periodId} muncul dua kali.`, en: `Period ${result.periodId} appears twice.` },
        { rules: ['R28'] },
      );
    ids.add(result.periodId);
  }
  return results.filter((r) => r.kind === 'FINAL').length > 1
    ? failure(
        'DUPLICATE_ENTRY',
        { id: 'Ada lebih dari satu hasil periode akhir.', en: 'There is more than one FINAL result.' },
        { rules: ['R28'] },
      )
    : null;
}

function missing(what: string, whatEn: string): Failure {
  return failure(
    'PERIOD_MISSING',
    {
      id: `Predikat tahunan belum dapat ditetapkan: ${what}.`,
      en: `The annual predikat cannot be set yet: ${whatEn}.`,
    },
    { rules: ['R28'] },
  );
}

// Latest first; regular periods of one year have distinct ends, ties fall back to the period id.
const byRecency = (a: PeriodicResult, b: PeriodicResult): number =>
  a.end === b.end ? (a.periodId < b.periodId ? 1 : -1) : a.end < b.end ? 1 : -1;

/** R28: the annual predikat under the tenant's derivation, citing the periodic results used. */
export function annualPredikat(results: readonly PeriodicResult[], settings: AnnualSettings): Result<AnnualPredikat> {
  const invalid =
    checkEnum('annual.derivation', settings.derivation, ANNUAL_DERIVATIONS, ['R28']) ?? checkResults(results);
  if (invalid !== null) return invalid;
  const regular = results.filter((r) => r.kind === 'REGULAR').sort(byRecency);
  let chosen: PeriodicResult;
  let basedOn: readonly string[];
  let tally: Readonly<Record<string, number>> = {};
  if (settings.derivation === 'EXPLICIT_FINAL') {
    const final = results.find((r) => r.kind === 'FINAL');
    if (final === undefined) return missing('belum ada penilaian periode akhir', 'there is no FINAL period entry');
    chosen = final;
    basedOn = [final.periodId];
  } else {
    const latest = regular[0];
    if (latest === undefined) return missing('belum ada hasil periodik', 'there are no periodic results');
    if (settings.derivation === 'LAST_PERIOD') {
      chosen = latest;
      basedOn = [latest.periodId];
    } else {
      const counts: Record<string, number> = {};
      for (const r of regular) counts[r.predikat] = (counts[r.predikat] ?? 0) + 1;
      const top = Math.max(...Object.values(counts));
      // R28 MODE: among the most frequent predikats, the one seen most recently wins (regular is latest-first).
      chosen = regular.find((r) => counts[r.predikat] === top) as PeriodicResult;
      basedOn = regular.map((r) => r.periodId);
      tally = counts;
    }
  }
  const value: AnnualPredikat = {
    derivation: settings.derivation,
    predikat: chosen.predikat,
    hasil: chosen.hasil,
    perilaku: chosen.perilaku,
    basedOn,
  };
  return ok(
    value,
    explanation({
      decision: 'evaluation.annualPredikat',
      rules: ['R28', 'R23'],
      inputs: {
        results: results.map((r) => ({ periodId: r.periodId, kind: r.kind, end: r.end, predikat: r.predikat })),
      },
      settings: { derivation: settings.derivation },
      values: { predikat: chosen.predikat, decidingPeriod: chosen.periodId, basedOn, tally },
      text: {
        id: `Predikat tahunan ${PREDIKAT_LABELS[chosen.predikat].id} (${settings.derivation}) berdasarkan periode ${basedOn.join(', ')}.`,
        en: `Annual predikat ${PREDIKAT_LABELS[chosen.predikat].en} (${settings.derivation}) based on periods ${basedOn.join(', ')}.`,
      },
    }),
  );
}
