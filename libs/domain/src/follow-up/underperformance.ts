import { PREDIKAT_LABELS, PREDIKATS, type Predikat } from '../evaluation/enums.js';
import { explanation } from '../explain/explanation.js';
import { checkEnum } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import { EMPLOYMENT_TYPES, type EmploymentType } from '../identifiers/master-data.js';

// R40: follow-ups a low predikat opens.
export type FollowUp =
  /** A coaching plan (pembinaan) for the next period, assigned to the rater. */
  | { readonly kind: 'COACHING_PLAN'; readonly assignedTo: 'RATER'; readonly forPeriod: 'NEXT' }
  /** PP 49/2018: a PPPK missing the target gets a contract-review advice. */
  | { readonly kind: 'CONTRACT_REVIEW_ADVICE'; readonly assignedTo: 'PERFORMANCE_MANAGER'; readonly forPeriod: 'NEXT' };

export const UNDERPERFORMING: readonly Predikat[] = ['BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];
const CONTRACT_REVIEW: readonly Predikat[] = ['KURANG', 'SANGAT_KURANG'];

export type PredikatScope = 'PERIODIC' | 'ANNUAL';

/** R40: the follow-ups for one predikat of one employee. */
export function underperformanceFollowUps(
  predikat: Predikat,
  employmentType: EmploymentType,
  scope: PredikatScope,
): Result<readonly FollowUp[]> {
  const invalid =
    checkEnum('predikat', predikat, PREDIKATS, ['R40']) ??
    checkEnum('employmentType', employmentType, EMPLOYMENT_TYPES, ['R40']) ??
    checkEnum('scope', scope, ['PERIODIC', 'ANNUAL'], ['R40']);
  if (invalid !== null) return invalid;
  const followUps: FollowUp[] = [];
  if (UNDERPERFORMING.includes(predikat))
    followUps.push({ kind: 'COACHING_PLAN', assignedTo: 'RATER', forPeriod: 'NEXT' });
  if (employmentType === 'PPPK' && scope === 'ANNUAL' && CONTRACT_REVIEW.includes(predikat)) {
    followUps.push({ kind: 'CONTRACT_REVIEW_ADVICE', assignedTo: 'PERFORMANCE_MANAGER', forPeriod: 'NEXT' });
  }
  const kinds = followUps.map((f) => f.kind);
  return ok(
    followUps,
    explanation({
      decision: 'followUp.underperformance',
      rules: ['R40'],
      inputs: { predikat, employmentType, scope },
      values: { followUps: kinds },
      text:
        followUps.length === 0
          ? {
              id: `Predikat ${PREDIKAT_LABELS[predikat].id} tidak memerlukan tindak lanjut pembinaan.`,
              en: `Predikat ${PREDIKAT_LABELS[predikat].en} needs no coaching follow-up.`,
            }
          : {
              id: `Predikat ${PREDIKAT_LABELS[predikat].id}: ${kinds.includes('CONTRACT_REVIEW_ADVICE') ? 'rencana pembinaan periode berikutnya oleh pejabat penilai dan saran evaluasi perjanjian kerja PPPK' : 'rencana pembinaan periode berikutnya oleh pejabat penilai'}.`,
              en: `Predikat ${PREDIKAT_LABELS[predikat].en}: ${kinds.includes('CONTRACT_REVIEW_ADVICE') ? 'a coaching plan for the next period by the rater and a PPPK contract-review advice' : 'a coaching plan for the next period by the rater'}.`,
            },
    }),
  );
}
