import { create } from '@bufbuild/protobuf';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { TIME_ZONES, type TimeZone } from '@kinerja/domain';
import { knownTenants } from '@kinerja/org-projection';
import { TenantDatabase, type TenantTx } from '@kinerja/platform/database';
import type { Logger } from '@kinerja/platform/logging';
import { Clock } from '../clock.js';
import { CloseSkpHandler } from '../skp/close-skp.handler.js';
import { toPeriodMessage } from './period-plan.js';
import { PeriodRepository, type PeriodRow } from './period.repository.js';
import { PeriodsHandler } from './periods.handler.js';

export const SCHEDULER_OPTIONS = Symbol('SCHEDULER_OPTIONS');
export type SchedulerOptions = { intervalMs: number; logger: Logger };

type PeriodEventSchema =
  | typeof targetsV1.PeriodOpenedSchema
  | typeof targetsV1.PeriodClosedSchema
  | typeof targetsV1.PeriodDeadlineReachedSchema;

export type TickReport = { tenants: number; opened: number; closed: number; deadlines: number; skpsClosed: number };

// R7 in time: every tick, for each tenant the service knows, generate the current year's periods (and the next
// year's in December), open the periods whose first day began, close those whose last day ended, flag those whose
// input deadline passed, each in the tenant's zone, and close the SKPs of ended years (R11). Each step is a
// conditional update with its event in one transaction, so a period.opened (closed, deadline-reached) is published
// exactly once, also with several instances ticking.
@Injectable()
export class PeriodScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: TenantDatabase,
    private readonly periods: PeriodRepository,
    private readonly plans: PeriodsHandler,
    private readonly closer: CloseSkpHandler,
    private readonly clock: Clock,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => {
      this.running ??= this.tick()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'period scheduler: tick failed'))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, this.options.intervalMs);
    this.timer.unref();
    run();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(now: Date = this.clock.now()): Promise<TickReport> {
    const report: TickReport = { tenants: 0, opened: 0, closed: 0, deadlines: 0, skpsClosed: 0 };
    for (const { tenantId, timeZone } of await knownTenants(this.db.dataSource.manager)) {
      if (!timeZone || !(TIME_ZONES as readonly string[]).includes(timeZone)) continue;
      try {
        const counts = await this.db.withTenant(tenantId, (tx) => this.advance(tx, timeZone as TimeZone, now));
        report.opened += counts.opened;
        report.closed += counts.closed;
        report.deadlines += counts.deadlines;
        report.skpsClosed += counts.skpsClosed;
        report.tenants += 1;
      } catch (error) {
        this.options.logger.error({ err: error, tenantId }, 'period scheduler: tenant failed');
      }
    }
    return report;
  }

  /** One tenant's step, in the caller's transaction (also run when the tenant first becomes known). */
  async advance(tx: TenantTx, zone: TimeZone, now: Date): Promise<Omit<TickReport, 'tenants'>> {
    const today = this.clock.today(zone, now);
    const year = Number(today.slice(0, 4));
    await this.plans.ensureYear(tx, year, zone);
    if (today.slice(5, 7) === '12') await this.plans.ensureYear(tx, year + 1, zone);
    const publish = (rows: PeriodRow[], event: string, schema: PeriodEventSchema) => {
      for (const row of rows)
        tx.outbox.publish(schema, create(schema, { period: toPeriodMessage(row) }), {
          aggregateType: 'period',
          aggregateId: row.id,
          event,
        });
      return rows.length;
    };
    return {
      opened: publish(await this.periods.open(tx, now), 'opened', targetsV1.PeriodOpenedSchema),
      closed: publish(await this.periods.close(tx, now), 'closed', targetsV1.PeriodClosedSchema),
      deadlines: publish(
        await this.periods.reachDeadline(tx, now),
        'deadline-reached',
        targetsV1.PeriodDeadlineReachedSchema,
      ),
      skpsClosed: await this.closer.closeEndedYears(tx, today, now),
    };
  }
}
