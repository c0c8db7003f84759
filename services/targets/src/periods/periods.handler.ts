import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { isLocalDate, type TimeZone } from '@kinerja/domain';
import { OrgDirectory } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import { addDays } from '../clock.js';
import { TenantContext } from '../org/tenant-context.js';
import { checkIfMatch, forbidden, invalid, notFound, TargetsError } from '../targets-error.js';
import { localMidnight, planYear, toPeriodMessage } from './period-plan.js';
import { PeriodRepository, type PeriodRow } from './period.repository.js';

// R7: the periods of a year, generated per tenant from the settings in force on 1 January, and the input deadline
// a performance manager may move before the period opens.
@Injectable()
export class PeriodsHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly periods: PeriodRepository,
  ) {}

  /**
   * Makes sure the year's periods exist. While none has opened, none was adjusted and nothing refers to them, they
   * follow the settings (a cadence changed before the year begins applies to it); afterwards they are fixed.
   */
  async ensureYear(tx: TenantTx, year: number, timeZone: TimeZone): Promise<PeriodRow[]> {
    const settings = await this.directory.settingsOn(tx, `${year}-01-01`);
    const existing = await this.periods.ofYear(tx, year);
    const plan = planYear(year, settings.period, timeZone);
    if (existing.length > 0) {
      const untouched = existing.every((p) => p.state === 'PLANNED' && !p.deadlineAdjusted);
      const differs =
        existing.length !== plan.length ||
        existing.some((p) => {
          const planned = plan.find((q) => q.code === p.code);
          return !planned || planned.inputDeadline !== p.inputDeadline || p.timeZone !== timeZone;
        });
      if (!(untouched && differs && (await this.periods.dropUnusedYear(tx, year)))) return existing;
    }
    await this.periods.insert(tx, plan);
    return this.periods.ofYear(tx, year);
  }

  list(principal: Principal, year: number): Promise<targetsV1.Period[]> {
    if (year < 2000 || year > 2100) throw invalid([{ field: 'year', code: 'OUT_OF_RANGE', message: '2000–2100.' }]);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const current = Number(caller.today.slice(0, 4));
      // Years near today are generated on first read; others are listed as they are.
      const rows =
        Math.abs(year - current) <= 1
          ? await this.ensureYear(tx, year, caller.timeZone)
          : await this.periods.ofYear(tx, year);
      return rows.map(toPeriodMessage);
    });
  }

  update(principal: Principal, request: targetsV1.UpdatePeriodRequest): Promise<targetsV1.Period> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      if (!caller.isPerformanceManager) throw forbidden('Hanya pengelola kinerja yang mengubah batas input periode.');
      const period = await this.periods.byId(tx, request.id, true);
      if (!period) throw notFound('Periode');
      checkIfMatch(request.ifMatch, period.version, false);
      if (period.state !== 'PLANNED')
        throw new TargetsError('INVALID_STATE', 'Batas input hanya dapat diubah sebelum periode dibuka.');
      const deadline = request.inputDeadline;
      if (!isLocalDate(deadline) || deadline < period.endDate || deadline > addDays(period.endDate, 366))
        throw invalid([
          {
            field: 'inputDeadline',
            code: 'OUT_OF_RANGE',
            message: `Tanggal YYYY-MM-DD dari ${period.endDate} (akhir periode) sampai setahun sesudahnya.`,
          },
        ]);
      const updated = await this.periods.setDeadline(
        tx,
        period.id,
        deadline,
        localMidnight(addDays(deadline, 1), period.timeZone as TimeZone),
      );
      tx.outbox.publish(
        targetsV1.PeriodDeadlineChangedSchema,
        create(targetsV1.PeriodDeadlineChangedSchema, {
          period: toPeriodMessage(updated),
          previousInputDeadline: period.inputDeadline,
          changedBy: principal.subject,
        }),
        { aggregateType: 'period', aggregateId: period.id, event: 'deadline-changed' },
      );
      return toPeriodMessage(updated);
    });
  }
}
