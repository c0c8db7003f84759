import { explanation } from '../explain/explanation.js';
import { checkArray, checkNumber, checkPositive } from '../explain/guards.js';
import { ok, type Failure, type Result } from '../explain/result.js';
import { roundHalfAwayFromZero } from './rounding.js';

// R31: PP 46/2011 + Perka BKN 1/2013, kept for legacy SKPs (2014–2020) and regional pay formulas.

export type TargetRealisation = { readonly target: number; readonly realisation: number };

export type Pp46Activity = {
  readonly kuantitas: TargetRealisation;
  readonly kualitas: TargetRealisation;
  readonly waktu: TargetRealisation;
  /** Only when the activity has a cost target. */
  readonly biaya: TargetRealisation | null;
};

export type Pp46ActivityScore = {
  readonly kuantitas: number;
  readonly kualitas: number;
  readonly waktu: number;
  readonly biaya: number | null;
  readonly aspects: number;
  readonly nilaiCapaian: number;
  readonly display: number;
};

export const PP46_BANDS = ['SANGAT_BAIK', 'BAIK', 'CUKUP', 'KURANG', 'BURUK'] as const;
export type Pp46Band = (typeof PP46_BANDS)[number];

/** R31 time/cost aspect: efficiency e = 100 − R/T·100; e ≤ 24 uses the 1.76 formula, above it the penalised one. */
export function pp46EfficiencyAspect(target: number, realisation: number): number {
  const base = ((1.76 * target - realisation) / target) * 100;
  const efficiency = 100 - (realisation / target) * 100;
  return efficiency <= 24 ? base : 76 - (base - 100);
}

function checkPair(field: string, pair: TargetRealisation): Failure | null {
  return (
    checkPositive(`${field}.target`, pair.target, ['R31']) ??
    checkNumber(`${field}.realisation`, pair.realisation, { min: 0 }, ['R31'])
  );
}

function scoreActivity(activity: Pp46Activity): Pp46ActivityScore {
  const kuantitas = (activity.kuantitas.realisation / activity.kuantitas.target) * 100;
  const kualitas = (activity.kualitas.realisation / activity.kualitas.target) * 100;
  const waktu = pp46EfficiencyAspect(activity.waktu.target, activity.waktu.realisation);
  const biaya =
    activity.biaya === null ? null : pp46EfficiencyAspect(activity.biaya.target, activity.biaya.realisation);
  const aspects = biaya === null ? 3 : 4;
  const nilaiCapaian = (kuantitas + kualitas + waktu + (biaya ?? 0)) / aspects;
  return { kuantitas, kualitas, waktu, biaya, aspects, nilaiCapaian, display: roundHalfAwayFromZero(nilaiCapaian) };
}

function checkActivity(activity: Pp46Activity, field: string): Failure | null {
  return (
    checkPair(`${field}.kuantitas`, activity.kuantitas) ??
    checkPair(`${field}.kualitas`, activity.kualitas) ??
    checkPair(`${field}.waktu`, activity.waktu) ??
    (activity.biaya === null ? null : checkPair(`${field}.biaya`, activity.biaya))
  );
}

/** R31: nilai capaian of one activity = sum of the aspects used / number of aspects. */
export function pp46ActivityScore(activity: Pp46Activity): Result<Pp46ActivityScore> {
  const invalid = checkActivity(activity, 'activity');
  if (invalid !== null) return invalid;
  const score = scoreActivity(activity);
  return ok(
    score,
    explanation({
      decision: 'numeric.pp46Activity',
      rules: ['R31', 'R34'],
      inputs: { activity },
      values: score,
      text: {
        id: `Nilai capaian kegiatan (PP 46/2011) = ${score.display} dari ${score.aspects} aspek.`,
        en: `Activity score (PP 46/2011) = ${score.display} over ${score.aspects} aspects.`,
      },
    }),
  );
}

/** R31 bands on the unrounded value: ≥ 91, ≥ 76, ≥ 61, ≥ 51, else BURUK. */
export function pp46Band(value: number): Pp46Band {
  return value >= 91 ? 'SANGAT_BAIK' : value >= 76 ? 'BAIK' : value >= 61 ? 'CUKUP' : value >= 51 ? 'KURANG' : 'BURUK';
}

export type Pp46Result = {
  readonly nilaiSkp: number;
  readonly nilaiPrestasi: number;
  readonly band: Pp46Band;
  readonly display: { readonly nilaiSkp: number; readonly nilaiPrestasi: number };
};

/** R31: nilai SKP = mean over activities; nilai prestasi = 0.6·SKP + 0.4·perilaku, banded. */
export function pp46Prestasi(activities: readonly Pp46Activity[], nilaiPerilaku: number): Result<Pp46Result> {
  const invalid =
    checkArray('activities', activities, { nonEmpty: true }, ['R31']) ??
    activities.map((a, i) => checkActivity(a, `activities.${i}`)).find((c) => c !== null) ??
    checkNumber('nilaiPerilaku', nilaiPerilaku, { min: 0 }, ['R31']);
  if (invalid !== null) return invalid;
  const scores = activities.map(scoreActivity);
  const nilaiSkp = scores.reduce((sum, s) => sum + s.nilaiCapaian, 0) / scores.length;
  const nilaiPrestasi = 0.6 * nilaiSkp + 0.4 * nilaiPerilaku;
  const band = pp46Band(nilaiPrestasi);
  const display = { nilaiSkp: roundHalfAwayFromZero(nilaiSkp), nilaiPrestasi: roundHalfAwayFromZero(nilaiPrestasi) };
  return ok(
    { nilaiSkp, nilaiPrestasi, band, display },
    explanation({
      decision: 'numeric.pp46Prestasi',
      rules: ['R31', 'R34'],
      inputs: { activities, nilaiPerilaku },
      values: { activityScores: scores.map((s) => s.nilaiCapaian), nilaiSkp, nilaiPrestasi, band },
      text: {
        id: `Nilai prestasi kerja (PP 46/2011) = 60% × ${display.nilaiSkp} + 40% × ${nilaiPerilaku} = ${display.nilaiPrestasi}, sebutan ${band}.`,
        en: `Work performance score (PP 46/2011) = 60% × ${display.nilaiSkp} + 40% × ${nilaiPerilaku} = ${display.nilaiPrestasi}, band ${band}.`,
      },
    }),
  );
}

/** R31 banding of a given nilai prestasi, for legacy values stored without their inputs. */
export function pp46BandOf(value: number): Result<Pp46Band> {
  const invalid = checkNumber('value', value, { min: 0 }, ['R31']);
  if (invalid !== null) return invalid;
  const band = pp46Band(value);
  return ok(
    band,
    explanation({
      decision: 'numeric.pp46Band',
      rules: ['R31'],
      inputs: { value },
      values: { band },
      text: {
        id: `Nilai ${value} termasuk sebutan ${band} (PP 46/2011).`,
        en: `Score ${value} is in band ${band} (PP 46/2011).`,
      },
    }),
  );
}
