import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { checkCoachingRecord, type CoachingRecord } from './coaching.js';

const record: CoachingRecord = {
  date: '2024-05-02',
  type: 'BIMBINGAN',
  notes: 'Membahas target triwulan',
  followUp: 'Menyusun rencana aksi',
  sessionRatings: [5, 4, 4, 5, 3, 4, 5, 4, 4],
  competency: { score: 4, reason: 'Menguasai prosedur' },
};

describe('checkCoachingRecord (R20)', () => {
  it('R20: accepts a complete record and summarises B.1.8 and B.1.9', () => {
    expect(valueOf(checkCoachingRecord(record))).toEqual({ sessionMean: 38 / 9, competencyScore: 4 });
    expect(valueOf(checkCoachingRecord({ ...record, sessionRatings: null, competency: null }))).toEqual({
      sessionMean: null,
      competencyScore: null,
    });
  });

  it('R20: lists every problem of an incomplete record', () => {
    const error = expectError(
      checkCoachingRecord({
        date: '2024-02-30',
        type: bad('NGOBROL'),
        notes: '',
        followUp: ' ',
        sessionRatings: [5, 5, 5],
        competency: { score: 4, reason: '' },
      }),
      'INVALID_INPUT',
    );
    expect(error.issues.map((i) => i.field)).toEqual([
      'date',
      'type',
      'notes',
      'followUp',
      'sessionRatings',
      'competency',
    ]);
  });

  it('R20: scores are whole numbers 1–5', () => {
    expectError(checkCoachingRecord({ ...record, sessionRatings: [5, 4, 4, 5, 3, 4, 5, 4, 6] }), 'INVALID_INPUT');
    expectError(checkCoachingRecord({ ...record, competency: { score: 0, reason: 'x' } }), 'INVALID_INPUT');
  });
});
