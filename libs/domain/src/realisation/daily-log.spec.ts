import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { checkDailyLogDate, dailyLogLateness, verificationOverdue } from './daily-log.js';

const dailyLog = { graceWorkingDays: 1, verificationSlaWorkingDays: 3 };
const quarterly = { cadence: 'QUARTERLY' as const, inputDeadlineDays: 5 };
const skp2024 = [{ start: '2024-01-01', end: '2024-12-31' }];

describe('dailyLogLateness (R14)', () => {
  it('R14: due by the end of the next working day in the tenant zone (both sides)', () => {
    // Thursday 2 May 2024; Friday 3 May is a working day.
    expect(valueOf(dailyLogLateness('2024-05-02', '2024-05-03T23:59:59+07:00', 'Asia/Jakarta', [], dailyLog))).toEqual({
      late: false,
      dueDate: '2024-05-03',
      dueBy: '2024-05-04T00:00:00+07:00',
    });
    expect(
      valueOf(dailyLogLateness('2024-05-02', '2024-05-04T00:00:00+07:00', 'Asia/Jakarta', [], dailyLog)).late,
    ).toBe(true);
  });

  it('R14: weekends and holidays do not count; the zone decides the local day', () => {
    // Friday 10 May 2024 → due Monday 13 May; with 13 May a holiday → Tuesday 14 May.
    expect(
      valueOf(dailyLogLateness('2024-05-10', '2024-05-13T12:00:00+07:00', 'Asia/Jakarta', [], dailyLog)).dueDate,
    ).toBe('2024-05-13');
    expect(
      valueOf(dailyLogLateness('2024-05-10', '2024-05-14T12:00:00+07:00', 'Asia/Jakarta', ['2024-05-13'], dailyLog)),
    ).toMatchObject({ dueDate: '2024-05-14', late: false });
    // 15:30 UTC on 13 May is 00:30 on 14 May in Jayapura: already late there, not in Jakarta.
    expect(valueOf(dailyLogLateness('2024-05-10', '2024-05-13T15:30:00Z', 'Asia/Jayapura', [], dailyLog)).late).toBe(
      true,
    );
    expect(valueOf(dailyLogLateness('2024-05-10', '2024-05-13T15:30:00Z', 'Asia/Jakarta', [], dailyLog)).late).toBe(
      false,
    );
  });

  it('R14: uses the tenant grace', () => {
    expect(
      valueOf(
        dailyLogLateness('2024-05-02', '2024-05-06T10:00:00+07:00', 'Asia/Jakarta', [], {
          ...dailyLog,
          graceWorkingDays: 2,
        }),
      ).late,
    ).toBe(false);
  });

  it('R14: refuses a submission before the entry date and invalid input', () => {
    expectError(
      dailyLogLateness('2024-05-02', '2024-05-01T23:00:00+07:00', 'Asia/Jakarta', [], dailyLog),
      'DATES_OUT_OF_ORDER',
    );
    expectError(
      dailyLogLateness('2024-05-32', '2024-05-03T10:00:00+07:00', 'Asia/Jakarta', [], dailyLog),
      'INVALID_DATE',
    );
    expectError(dailyLogLateness('2024-05-02', '2024-05-03', 'Asia/Jakarta', [], dailyLog), 'INVALID_INSTANT');
    expectError(dailyLogLateness('2024-05-02', '2024-05-03T10:00:00+07:00', bad('WIB'), [], dailyLog), 'UNKNOWN_ENUM');
    expectError(
      dailyLogLateness('2024-05-02', '2024-05-03T10:00:00+07:00', 'Asia/Jakarta', ['x'], dailyLog),
      'INVALID_DATE',
    );
    expectError(
      dailyLogLateness('2024-05-02', '2024-05-03T10:00:00+07:00', 'Asia/Jakarta', [], {
        ...dailyLog,
        graceWorkingDays: -1,
      }),
      'NEGATIVE_VALUE',
    );
  });
});

describe('checkDailyLogDate (R14)', () => {
  it('R14: accepts a past date inside an active SKP and an open period', () => {
    expect(
      valueOf(checkDailyLogDate('2024-05-02', '2024-05-03T08:00:00+07:00', skp2024, quarterly, 'Asia/Jakarta')),
    ).toEqual({
      accepted: true,
      refusals: [],
      periodId: '2024-Q2',
      inputClosesAt: '2024-07-06T00:00:00+07:00',
    });
  });

  it('R14: refuses dates outside an active SKP, in the future, or after the input deadline (both sides)', () => {
    const refusals = (date: string, now: string, skps = skp2024) =>
      valueOf(checkDailyLogDate(date, now, skps, quarterly, 'Asia/Jakarta')).refusals;
    expect(refusals('2024-05-02', '2024-05-03T08:00:00+07:00', [{ start: '2024-06-01', end: '2024-12-31' }])).toEqual([
      'OUTSIDE_ACTIVE_SKP',
    ]);
    expect(refusals('2024-05-04', '2024-05-03T23:59:59+07:00')).toEqual(['FUTURE_DATE']);
    expect(refusals('2024-05-03', '2024-05-03T00:00:00+07:00')).toEqual([]);
    expect(refusals('2024-03-29', '2024-04-05T23:59:59+07:00')).toEqual([]);
    expect(refusals('2024-03-29', '2024-04-06T00:00:00+07:00')).toEqual(['INPUT_DEADLINE_PASSED']);
    expect(refusals('2024-03-29', '2024-04-06T00:00:00+07:00', [])).toEqual([
      'OUTSIDE_ACTIVE_SKP',
      'INPUT_DEADLINE_PASSED',
    ]);
  });

  it('R14: refuses invalid input', () => {
    expectError(
      checkDailyLogDate('2024-02-30', '2024-05-03T08:00:00+07:00', skp2024, quarterly, 'Asia/Jakarta'),
      'INVALID_DATE',
    );
    expectError(checkDailyLogDate('2024-05-02', 'now', skp2024, quarterly, 'Asia/Jakarta'), 'INVALID_INSTANT');
    expectError(
      checkDailyLogDate('2024-05-02', '2024-05-03T08:00:00+07:00', bad(null), quarterly, 'Asia/Jakarta'),
      'INVALID_INPUT',
    );
    expectError(
      checkDailyLogDate(
        '2024-05-02',
        '2024-05-03T08:00:00+07:00',
        [{ start: '2024-01-01', end: 'open' }],
        quarterly,
        'Asia/Jakarta',
      ),
      'INVALID_DATE',
    );
    expectError(
      checkDailyLogDate(
        '2024-05-02',
        '2024-05-03T08:00:00+07:00',
        skp2024,
        { cadence: bad('WEEKLY'), inputDeadlineDays: 5 },
        'Asia/Jakarta',
      ),
      'UNKNOWN_ENUM',
    );
  });
});

describe('verificationOverdue (R15)', () => {
  it('R15: overdue after 3 working days pending (both sides)', () => {
    // Submitted Monday 6 May 2024 → due by the end of Thursday 9 May.
    expect(
      valueOf(
        verificationOverdue('2024-05-06T09:00:00+07:00', '2024-05-09T23:59:00+07:00', 'Asia/Jakarta', [], dailyLog),
      ),
    ).toEqual({
      overdue: false,
      dueDate: '2024-05-09',
      dueBy: '2024-05-10T00:00:00+07:00',
      pendingWorkingDays: 3,
    });
    expect(
      valueOf(
        verificationOverdue('2024-05-06T09:00:00+07:00', '2024-05-10T00:00:00+07:00', 'Asia/Jakarta', [], dailyLog),
      ),
    ).toMatchObject({ overdue: true, pendingWorkingDays: 4 });
  });

  it('R15: skips weekends and holidays', () => {
    // Submitted Friday 10 May; 13 May is a holiday → due by the end of Thursday 16 May.
    expect(
      valueOf(
        verificationOverdue(
          '2024-05-10T09:00:00+07:00',
          '2024-05-16T12:00:00+07:00',
          'Asia/Jakarta',
          ['2024-05-13'],
          dailyLog,
        ),
      ),
    ).toMatchObject({ overdue: false, dueDate: '2024-05-16', pendingWorkingDays: 3 });
  });

  it('R15: refuses now before submission and invalid input', () => {
    expectError(
      verificationOverdue('2024-05-06T09:00:00+07:00', '2024-05-06T08:00:00+07:00', 'Asia/Jakarta', [], dailyLog),
      'DATES_OUT_OF_ORDER',
    );
    expectError(verificationOverdue('x', '2024-05-06T08:00:00+07:00', 'Asia/Jakarta', [], dailyLog), 'INVALID_INSTANT');
    expectError(verificationOverdue('2024-05-06T09:00:00+07:00', 'y', 'Asia/Jakarta', [], dailyLog), 'INVALID_INSTANT');
    expectError(
      verificationOverdue('2024-05-06T09:00:00+07:00', '2024-05-07T09:00:00+07:00', bad('X'), [], dailyLog),
      'UNKNOWN_ENUM',
    );
    expectError(
      verificationOverdue('2024-05-06T09:00:00+07:00', '2024-05-07T09:00:00+07:00', 'Asia/Jakarta', bad({}), dailyLog),
      'INVALID_INPUT',
    );
    expectError(
      verificationOverdue('2024-05-06T09:00:00+07:00', '2024-05-07T09:00:00+07:00', 'Asia/Jakarta', [], {
        ...dailyLog,
        verificationSlaWorkingDays: 0.5,
      }),
      'NOT_AN_INTEGER',
    );
  });
});
