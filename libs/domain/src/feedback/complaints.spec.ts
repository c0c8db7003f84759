import { describe, expect, it } from '@jest/globals';
import { expectError, valueOf } from '../../test/support.js';
import { complaintTimes, median, nearestRank, type Complaint } from './complaints.js';

const sla = { responseMinutes: 60, resolutionMinutes: 1440 };
const at = (minutes: number): string => new Date(Date.UTC(2024, 4, 1, 0, minutes)).toISOString();
const complaint = (response: number | null, resolution: number | null): Complaint => ({
  receivedAt: at(0),
  firstResponseAt: response === null ? null : at(response),
  resolvedAt: resolution === null ? null : at(resolution),
});

describe('complaintTimes (R22)', () => {
  it('R22: median and nearest-rank p90 of response and resolution times against the SLA', () => {
    const complaints = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((m) => complaint(m, m * 20));
    const value = valueOf(complaintTimes(complaints, sla));
    expect(value.response).toEqual({
      count: 10,
      medianMinutes: 55,
      p90Minutes: 90,
      withinSla: 6,
      medianWithinSla: true,
      p90WithinSla: false,
    });
    expect(value.resolution).toMatchObject({
      medianMinutes: 1100,
      p90Minutes: 1800,
      withinSla: 7,
      medianWithinSla: true,
      p90WithinSla: false,
    });
    expect(value.unresolved).toBe(0);
  });

  it('R22: open complaints are counted, not timed', () => {
    const value = valueOf(complaintTimes([complaint(null, null), complaint(30, null), complaint(45, 500)], sla));
    expect(value.response).toMatchObject({ count: 2, medianMinutes: 37.5 });
    expect(value.resolution).toMatchObject({ count: 1, medianMinutes: 500, p90Minutes: 500 });
    expect(value.unresolved).toBe(2);
    const none = valueOf(complaintTimes([complaint(null, null)], sla));
    expect(none.response).toEqual({
      count: 0,
      medianMinutes: null,
      p90Minutes: null,
      withinSla: 0,
      medianWithinSla: null,
      p90WithinSla: null,
    });
  });

  it('R22: median and nearest-rank helpers', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(nearestRank([5], 90)).toBe(5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(nearestRank([1, 2], 0)).toBe(1);
  });

  it('R22: refuses an empty list, invalid instants, times before receipt and a bad SLA', () => {
    expectError(complaintTimes([], sla), 'EMPTY_GROUP');
    expectError(
      complaintTimes([{ receivedAt: 'yesterday', firstResponseAt: null, resolvedAt: null }], sla),
      'INVALID_INSTANT',
    );
    expectError(
      complaintTimes([{ receivedAt: at(0), firstResponseAt: '2024-05-01', resolvedAt: null }], sla),
      'INVALID_INSTANT',
    );
    expectError(complaintTimes([complaint(-5, null)], sla), 'DATES_OUT_OF_ORDER');
    expectError(complaintTimes([complaint(5, -1)], sla), 'DATES_OUT_OF_ORDER');
    expectError(complaintTimes([complaint(5, 10)], { responseMinutes: -1, resolutionMinutes: 1 }), 'NEGATIVE_VALUE');
    expectError(
      complaintTimes([complaint(5, 10)], { responseMinutes: 1, resolutionMinutes: Number.NaN }),
      'INVALID_NUMBER',
    );
  });
});
