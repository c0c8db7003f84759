import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { targetsV1 } from '@kinerja/contracts';
import { periodsOfYear, UTC_OFFSET_HOURS, type LocalDate, type PeriodSettings, type TimeZone } from '@kinerja/domain';
import { addDays } from '../clock.js';
import type { NewPeriod, PeriodRow } from './period.repository.js';

/** The start of a tenant-local day, as an instant with the zone's offset (R7; no zone here observes DST). */
export function localMidnight(date: LocalDate, timeZone: TimeZone): string {
  return `${date}T00:00:00+0${UTC_OFFSET_HOURS[timeZone]}:00`;
}

/** R7: the periods of a year from the cadence and deadline in force on 1 January, in the tenant's zone. */
export function planYear(year: number, settings: PeriodSettings, timeZone: TimeZone): NewPeriod[] {
  const periods = periodsOfYear(year, settings, timeZone);
  if (!periods.ok) throw new Error(periods.error.message);
  return periods.value.map((p) => ({
    id: randomUUID(),
    year,
    code: p.id,
    kind: p.kind,
    cadence: p.cadence,
    index: p.index,
    startDate: p.start,
    endDate: p.end,
    inputDeadline: p.inputDeadline,
    label: p.label.id,
    timeZone,
    opensAt: localMidnight(p.start, timeZone),
    closesAt: localMidnight(addDays(p.end, 1), timeZone),
    inputClosesAt: p.inputClosesAt,
  }));
}

export function toPeriodMessage(p: PeriodRow): targetsV1.Period {
  return create(targetsV1.PeriodSchema, {
    id: p.id,
    year: p.year,
    code: p.code,
    kind: p.kind,
    cadence: p.cadence,
    index: p.index,
    startDate: p.startDate,
    endDate: p.endDate,
    inputDeadline: p.inputDeadline,
    label: p.label,
    state: p.state,
    deadlineReached: p.deadlineReached,
    opensAt: timestampFromDate(p.opensAt),
    closesAt: timestampFromDate(p.closesAt),
    inputClosesAt: timestampFromDate(p.inputClosesAt),
    deadlineAdjusted: p.deadlineAdjusted,
    version: BigInt(p.version),
    timeZone: p.timeZone,
  });
}
