import { instantMs, isInstant, type Instant } from '../calendar/time-zone.js';
import { explanation } from '../explain/explanation.js';
import { checkArray, checkNumber } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import { roundHalfAwayFromZero } from '../numeric/rounding.js';

// R22: complaint response and resolution times per unit and period, as median and 90th percentile against the SLA.
export type Complaint = {
  readonly receivedAt: Instant;
  readonly firstResponseAt: Instant | null;
  readonly resolvedAt: Instant | null;
};

export type ComplaintSla = { readonly responseMinutes: number; readonly resolutionMinutes: number };

export type DurationStats = {
  readonly count: number;
  readonly medianMinutes: number | null;
  /** Nearest-rank 90th percentile: the ⌈0.9·n⌉-th smallest value. */
  readonly p90Minutes: number | null;
  readonly withinSla: number;
  readonly medianWithinSla: boolean | null;
  readonly p90WithinSla: boolean | null;
};

export type ComplaintTimes = {
  readonly complaints: number;
  readonly response: DurationStats;
  readonly resolution: DurationStats;
  readonly unresolved: number;
};

/** The median of a non-empty sorted list: the middle value, or the mean of the two middle values. */
export function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile of a non-empty sorted list. */
export function nearestRank(sorted: readonly number[], percent: number): number {
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1] as number;
}

function stats(minutes: readonly number[], slaMinutes: number): DurationStats {
  if (minutes.length === 0)
    return { count: 0, medianMinutes: null, p90Minutes: null, withinSla: 0, medianWithinSla: null, p90WithinSla: null };
  const sorted = [...minutes].sort((a, b) => a - b);
  const med = median(sorted);
  const p90 = nearestRank(sorted, 90);
  return {
    count: sorted.length,
    medianMinutes: med,
    p90Minutes: p90,
    withinSla: sorted.filter((m) => m <= slaMinutes).length,
    medianWithinSla: med <= slaMinutes,
    p90WithinSla: p90 <= slaMinutes,
  };
}

/** R22: response and resolution times in minutes; open complaints are counted, not timed. */
export function complaintTimes(complaints: readonly Complaint[], sla: ComplaintSla): Result<ComplaintTimes> {
  const invalid =
    checkArray('complaints', complaints, { nonEmpty: true }, ['R22']) ??
    checkNumber('sla.responseMinutes', sla.responseMinutes, { min: 0 }, ['R22']) ??
    checkNumber('sla.resolutionMinutes', sla.resolutionMinutes, { min: 0 }, ['R22']);
  if (invalid !== null) return invalid;
  const response: number[] = [];
  const resolution: number[] = [];
  for (const [i, c] of complaints.entries()) {
    const times = [c.receivedAt, c.firstResponseAt, c.resolvedAt];
    if (!isInstant(c.receivedAt) || times.some((t) => t !== null && !isInstant(t))) {
      return failure(
        'INVALID_INSTANT',
        { id: `Waktu pengaduan ${i} tidak sah.`, en: `Complaint ${i} has an invalid time.` },
        { rules: ['R22'] },
      );
    }
    const received = instantMs(c.receivedAt);
    const after = (t: Instant | null): number | null => (t === null ? null : (instantMs(t) - received) / 60_000);
    const responded = after(c.firstResponseAt);
    const resolved = after(c.resolvedAt);
    if ((responded !== null && responded < 0) || (resolved !== null && resolved < 0)) {
      return failure(
        'DATES_OUT_OF_ORDER',
        {
          id: `Pengaduan ${i} ditanggapi atau diselesaikan sebelum diterima.`,
          en: `Complaint ${i} was answered or resolved before it was received.`,
        },
        { rules: ['R22'] },
      );
    }
    if (responded !== null) response.push(responded);
    if (resolved !== null) resolution.push(resolved);
  }
  const value: ComplaintTimes = {
    complaints: complaints.length,
    response: stats(response, sla.responseMinutes),
    resolution: stats(resolution, sla.resolutionMinutes),
    unresolved: complaints.length - resolution.length,
  };
  const fmt = (m: number | null): string => (m === null ? '–' : String(roundHalfAwayFromZero(m)));
  return ok(
    value,
    explanation({
      decision: 'feedback.complaintTimes',
      rules: ['R22', 'R34'],
      inputs: { complaints: complaints.length },
      settings: { responseMinutes: sla.responseMinutes, resolutionMinutes: sla.resolutionMinutes },
      values: { response: value.response, resolution: value.resolution, unresolved: value.unresolved },
      text: {
        id: `Waktu tanggapan median ${fmt(value.response.medianMinutes)} menit, P90 ${fmt(value.response.p90Minutes)} menit (SLA ${sla.responseMinutes}); penyelesaian median ${fmt(value.resolution.medianMinutes)} menit, P90 ${fmt(value.resolution.p90Minutes)} menit (SLA ${sla.resolutionMinutes}); ${value.unresolved} belum selesai.`,
        en: `Response time median ${fmt(value.response.medianMinutes)} min, P90 ${fmt(value.response.p90Minutes)} min (SLA ${sla.responseMinutes}); resolution median ${fmt(value.resolution.medianMinutes)} min, P90 ${fmt(value.resolution.p90Minutes)} min (SLA ${sla.resolutionMinutes}); ${value.unresolved} unresolved.`,
      },
    }),
  );
}
