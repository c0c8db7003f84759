import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { explanation } from '../explain/explanation.js';
import { failure, ok, type Issue, type Result } from '../explain/result.js';

// R20: coaching or counselling sessions, the employee's rating of the session (Format B.1.8: 9 statements, 1–5)
// and the leader's competency rating (Format B.1.9: 1–5 with a reason).
export const COACHING_TYPES = ['BIMBINGAN', 'KONSELING', 'MENTORING'] as const;
export type CoachingType = (typeof COACHING_TYPES)[number];
export const SESSION_STATEMENTS = 9;

export type CoachingRecord = {
  readonly date: LocalDate;
  readonly type: CoachingType;
  readonly notes: string;
  readonly followUp: string;
  /** Format B.1.8, filled by the employee; null until rated. */
  readonly sessionRatings: readonly number[] | null;
  /** Format B.1.9, filled by the leader; null until rated. */
  readonly competency: { readonly score: number; readonly reason: string } | null;
};

export type CoachingSummary = { readonly sessionMean: number | null; readonly competencyScore: number | null };

const isScore = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** R20: checks a coaching record, listing every problem. */
export function checkCoachingRecord(record: CoachingRecord): Result<CoachingSummary> {
  const issues: Issue[] = [];
  if (!isLocalDate(record.date)) issues.push({ field: 'date', code: 'INVALID_DATE', message: 'expected YYYY-MM-DD' });
  if (!(COACHING_TYPES as readonly string[]).includes(record.type))
    issues.push({ field: 'type', code: 'UNKNOWN_ENUM', message: `expected ${COACHING_TYPES.join(', ')}` });
  if (!isText(record.notes)) issues.push({ field: 'notes', code: 'REQUIRED', message: 'notes are required' });
  if (!isText(record.followUp))
    issues.push({ field: 'followUp', code: 'REQUIRED', message: 'the agreed follow-up is required' });
  const ratings = record.sessionRatings;
  if (ratings !== null && (ratings.length !== SESSION_STATEMENTS || !ratings.every(isScore))) {
    issues.push({
      field: 'sessionRatings',
      code: 'OUT_OF_RANGE',
      message: `${SESSION_STATEMENTS} statements, each 1–5`,
    });
  }
  if (record.competency !== null && (!isScore(record.competency.score) || !isText(record.competency.reason))) {
    issues.push({ field: 'competency', code: 'OUT_OF_RANGE', message: 'a score 1–5 with a reason' });
  }
  if (issues.length > 0) {
    return failure(
      'INVALID_INPUT',
      {
        id: `Catatan bimbingan tidak lengkap (${issues.length} masalah).`,
        en: `The coaching record is incomplete (${issues.length} issues).`,
      },
      { rules: ['R20'], issues },
    );
  }
  const sessionMean = ratings === null ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length;
  const competencyScore = record.competency === null ? null : record.competency.score;
  return ok(
    { sessionMean, competencyScore },
    explanation({
      decision: 'feedback.coachingRecord',
      rules: ['R20'],
      inputs: { date: record.date, type: record.type },
      values: { sessionMean, competencyScore },
      text: {
        id: `Sesi ${record.type} ${record.date} tercatat; nilai sesi ${sessionMean ?? '–'}, nilai kompetensi ${competencyScore ?? '–'}.`,
        en: `${record.type} session on ${record.date} recorded; session rating ${sessionMean ?? '–'}, competency rating ${competencyScore ?? '–'}.`,
      },
    }),
  );
}
