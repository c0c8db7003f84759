import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { OrgDirectory, startOrgProjection } from '@kinerja/org-projection';
import { TenantDatabase } from '@kinerja/platform/database';
import type { Logger } from '@kinerja/platform/logging';
import type { EventConsumer } from '@kinerja/platform/messaging';
import { Clock } from '../clock.js';
import { PeriodScheduler } from '../periods/period-scheduler.js';
import { CloseSkpHandler } from '../skp/close-skp.handler.js';

export const ORG_EVENTS_OPTIONS = Symbol('ORG_EVENTS_OPTIONS');
export type OrgEventsOptions = { connection: NatsConnection; logger: Logger; source?: string };

// Identity's events keep the org projection (no synchronous call to identity), and R6 is carried out in the same
// transaction as the move that caused it.
@Injectable()
export class OrgEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: EventConsumer | undefined;

  constructor(
    private readonly db: TenantDatabase,
    private readonly closer: CloseSkpHandler,
    private readonly scheduler: PeriodScheduler,
    private readonly directory: OrgDirectory,
    private readonly clock: Clock,
    @Inject(ORG_EVENTS_OPTIONS) private readonly options: OrgEventsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = startOrgProjection({
      connection: this.options.connection,
      tenants: this.db,
      durable: 'targets-org-projection',
      source: this.options.source,
      logger: this.options.logger,
      after: async (tx, message) => {
        if (message.$typeName === 'kinerja.identity.v1.EmployeeMoved')
          await this.closer.onEmployeeMoved(tx, message, this.clock.now());
        // A tenant just heard of (or whose zone or settings changed) gets its periods at once, not at the next tick.
        if (
          message.$typeName === 'kinerja.identity.v1.TenantCreated' ||
          message.$typeName === 'kinerja.identity.v1.TenantUpdated' ||
          message.$typeName === 'kinerja.identity.v1.TenantSettingsChanged'
        ) {
          const tenant = await this.directory.tenant(tx);
          if (tenant) await this.scheduler.advance(tx, tenant.timeZone, this.clock.now());
        }
      },
    });
  }

  /** Resolves once the durable consumer is pulling. */
  ready(): Promise<void> {
    return this.consumer?.ready ?? Promise.resolve();
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.close();
  }
}
