import { describe, expect, it } from '@jest/globals';
import { localMidnight, planYear } from './period-plan.js';

describe(planYear.name, () => {
  it('plans the quarters and the FINAL period with deadlines and instants in the tenant zone (R7)', () => {
    const plan = planYear(2026, { cadence: 'QUARTERLY', inputDeadlineDays: 5 }, 'Asia/Makassar');
    expect(plan.map((p) => [p.code, p.startDate, p.endDate, p.inputDeadline])).toEqual([
      ['2026-Q1', '2026-01-01', '2026-03-31', '2026-04-05'],
      ['2026-Q2', '2026-04-01', '2026-06-30', '2026-07-05'],
      ['2026-Q3', '2026-07-01', '2026-09-30', '2026-10-05'],
      ['2026-Q4', '2026-10-01', '2026-12-31', '2027-01-05'],
      ['2026-FINAL', '2026-01-01', '2026-12-31', '2027-01-05'],
    ]);
    expect(plan[0]).toMatchObject({
      opensAt: '2026-01-01T00:00:00+08:00',
      closesAt: '2026-04-01T00:00:00+08:00',
      label: 'Triwulan I 2026',
    });
    expect(new Date(plan[0]?.inputClosesAt ?? '').toISOString()).toBe('2026-04-05T16:00:00.000Z');
  });

  it('follows a monthly cadence', () => {
    expect(planYear(2026, { cadence: 'MONTHLY', inputDeadlineDays: 0 }, 'Asia/Jakarta')).toHaveLength(13);
  });

  it('writes a local midnight with the zone offset', () => {
    expect(localMidnight('2026-07-01', 'Asia/Jayapura')).toBe('2026-07-01T00:00:00+09:00');
  });
});
