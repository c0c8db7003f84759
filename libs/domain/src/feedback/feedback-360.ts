import { explanation } from '../explain/explanation.js';
import { checkArray, checkEnum, checkNumber, checkText } from '../explain/guards.js';
import { failure, ok, type Failure, type Result } from '../explain/result.js';
import { roundHalfAwayFromZero } from '../numeric/rounding.js';
import type { FeedbackSettings } from '../settings/tenant-settings.js';
import { BERAKHLAK_VALUES, type BerakhlakValue } from '../skp/berakhlak.js';

// R19: 360 feedback on the 7 BerAKHLAK values, 1–5. Peers and subordinates are anonymous and shown only in aggregate.
export const FEEDBACK_GROUPS = ['SELF', 'PEER', 'SUBORDINATE', 'RATER'] as const;
export type FeedbackGroup = (typeof FEEDBACK_GROUPS)[number];
export const ANONYMOUS_GROUPS: readonly FeedbackGroup[] = ['PEER', 'SUBORDINATE'];

export type FeedbackAnswer = {
  readonly group: FeedbackGroup;
  /** Used only to refuse double answers; never part of the output. */
  readonly respondentId: string;
  readonly scores: Readonly<Record<BerakhlakValue, number>>;
  readonly comment: string | null;
};

export type GroupSummary = {
  readonly status: 'SHOWN' | 'NOT_ENOUGH_RESPONSES' | 'NO_RESPONSES';
  /** Hidden (null) while an anonymous group is below the threshold. */
  readonly count: number | null;
  readonly means: Readonly<Record<BerakhlakValue, number>> | null;
  readonly comments: readonly string[];
};

export type Feedback360 = Readonly<Record<FeedbackGroup, GroupSummary>>;

function checkAnswer(answer: FeedbackAnswer, i: number): Failure | null {
  return (
    checkEnum(`answers.${i}.group`, answer.group, FEEDBACK_GROUPS, ['R19']) ??
    checkText(`answers.${i}.respondentId`, answer.respondentId, ['R19']) ??
    BERAKHLAK_VALUES.map((v) =>
      checkNumber(`answers.${i}.scores.${v}`, answer.scores[v], { integer: true, min: 1, max: 5 }, ['R19']),
    ).find((c) => c !== null) ??
    null
  );
}

/** R19: per group, the mean per value, shown only when an anonymous group has at least `feedback.minAnonymousGroup` answers. */
export function aggregate360(answers: readonly FeedbackAnswer[], settings: FeedbackSettings): Result<Feedback360> {
  const invalid =
    checkArray('answers', answers, {}, ['R19']) ??
    checkNumber('feedback.minAnonymousGroup', settings.minAnonymousGroup, { integer: true, min: 1 }, ['R19']) ??
    answers.map(checkAnswer).find((c) => c !== null) ??
    null;
  if (invalid !== null) return invalid;
  const seen = new Set<string>();
  for (const answer of answers) {
    const key = `${answer.group}:${answer.respondentId}`;
    if (seen.has(key))
      return failure(
        'DUPLICATE_ENTRY',
        {
          id: 'Seorang penilai menjawab dua kali dalam kelompok yang sama.',
          en: 'A respondent answered twice in the same group.',
        },
        { rules: ['R19'] },
      );
    seen.add(key);
  }
  const summarise = (group: FeedbackGroup): GroupSummary => {
    const inGroup = answers.filter((a) => a.group === group);
    if (inGroup.length === 0) return { status: 'NO_RESPONSES', count: 0, means: null, comments: [] };
    if (ANONYMOUS_GROUPS.includes(group) && inGroup.length < settings.minAnonymousGroup)
      return { status: 'NOT_ENOUGH_RESPONSES', count: null, means: null, comments: [] };
    const means = Object.fromEntries(
      BERAKHLAK_VALUES.map((v) => [
        v,
        roundHalfAwayFromZero(inGroup.reduce((sum, a) => sum + a.scores[v], 0) / inGroup.length),
      ]),
    ) as Record<BerakhlakValue, number>;
    // Sorted so the order of comments cannot point to who wrote them.
    const comments = inGroup
      .flatMap((a) => (a.comment === null || a.comment.trim() === '' ? [] : [a.comment.trim()]))
      .sort();
    return { status: 'SHOWN', count: inGroup.length, means, comments };
  };
  const summary = Object.fromEntries(FEEDBACK_GROUPS.map((g) => [g, summarise(g)])) as Record<
    FeedbackGroup,
    GroupSummary
  >;
  const hidden = FEEDBACK_GROUPS.filter((g) => summary[g].status === 'NOT_ENOUGH_RESPONSES');
  return ok(
    summary,
    explanation({
      decision: 'feedback.aggregate360',
      rules: ['R19'],
      inputs: { answers: answers.length },
      settings: { minAnonymousGroup: settings.minAnonymousGroup },
      values: { statuses: Object.fromEntries(FEEDBACK_GROUPS.map((g) => [g, summary[g].status])) },
      text:
        hidden.length === 0
          ? {
              id: `Umpan balik 360 dari ${answers.length} jawaban ditampilkan per kelompok.`,
              en: `360 feedback from ${answers.length} answers is shown per group.`,
            }
          : {
              id: `Umpan balik 360: kelompok ${hidden.join(', ')} belum cukup jawaban (minimal ${settings.minAnonymousGroup}).`,
              en: `360 feedback: ${hidden.join(', ')} have not enough responses (at least ${settings.minAnonymousGroup}).`,
            },
    }),
  );
}
