import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { OrgDirectory } from '@kinerja/org-projection';
import { RPC_TOKEN_VERIFIER, type TokenVerifier } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import type { Logger } from '@kinerja/platform/logging';
import { Clock } from './clock.js';
import { ORG_EVENTS_OPTIONS, OrgEventsConsumer } from './org/org-events.consumer.js';
import { TenantContext } from './org/tenant-context.js';
import { AgreementHandler } from './organisation/agreement.handler.js';
import { AgreementRepository } from './organisation/agreement.repository.js';
import { OrgRatingHandler } from './organisation/org-rating.handler.js';
import { OrganisationRpcController } from './organisation/organisation.rpc.controller.js';
import { PlanningRpcController } from './planning/planning.rpc.controller.js';
import { PlanningRepository } from './planning/planning.repository.js';
import { SkpApplier } from './planning/skp-applier.js';
import { TeamMatrixHandler } from './planning/team-matrix.handler.js';
import { TemplatesHandler } from './planning/templates.handler.js';
import { PeriodScheduler, SCHEDULER_OPTIONS } from './periods/period-scheduler.js';
import { PeriodRepository } from './periods/period.repository.js';
import { PeriodsHandler } from './periods/periods.handler.js';
import { PeriodsRpcController } from './periods/periods.rpc.controller.js';
import { RencanaAksiHandler } from './rencana-aksi/rencana-aksi.handler.js';
import { RencanaAksiRpcController } from './rencana-aksi/rencana-aksi.rpc.controller.js';
import { CloseSkpHandler } from './skp/close-skp.handler.js';
import { CreateSkpHandler } from './skp/create-skp.handler.js';
import { ReadSkpHandler } from './skp/read-skp.handler.js';
import { DOCUMENT_OPTIONS, maxDocumentBytes } from './skp-document/skp-document.handler.js';
import { SkpDocumentHandler } from './skp-document/skp-document.handler.js';
import { SkpDocumentRpcController } from './skp-document/skp-document.rpc.controller.js';
import { SkpDocumentSources } from './skp-document/skp-document.sources.js';
import { SkpAccess } from './skp/skp-access.js';
import { SkpAuditHandler } from './skp/skp-audit.handler.js';
import { SkpCompletenessCheck } from './skp/skp-completeness.js';
import { SkpQueuesHandler } from './skp/skp-queues.handler.js';
import { SkpRepository } from './skp/skp.repository.js';
import { SkpRpcController } from './skp/skp.rpc.controller.js';
import { TransitionSkpHandler } from './skp/transition-skp.handler.js';
import { UpdateSkpHandler } from './skp/update-skp.handler.js';

export type TargetsDeps = {
  db: TenantDatabase;
  verifier: TokenVerifier;
  nats: NatsConnection;
  logger: Logger;
  clock: Clock;
  schedulerIntervalMs: number;
  /** The service whose events feed the org projection (default identity; tests use a private one). */
  identitySource?: string;
};

@Module({})
export class TargetsModule {
  static forRoot(deps: TargetsDeps): DynamicModule {
    return {
      module: TargetsModule,
      controllers: [
        PeriodsRpcController,
        OrganisationRpcController,
        SkpRpcController,
        RencanaAksiRpcController,
        PlanningRpcController,
        SkpDocumentRpcController,
      ],
      providers: [
        { provide: TenantDatabase, useValue: deps.db },
        { provide: RPC_TOKEN_VERIFIER, useValue: deps.verifier },
        { provide: Clock, useValue: deps.clock },
        { provide: OrgDirectory, useValue: new OrgDirectory() },
        { provide: SCHEDULER_OPTIONS, useValue: { intervalMs: deps.schedulerIntervalMs, logger: deps.logger } },
        {
          provide: ORG_EVENTS_OPTIONS,
          useValue: { connection: deps.nats, logger: deps.logger, source: deps.identitySource },
        },
        TenantContext,
        OrgEventsConsumer,
        PeriodRepository,
        PeriodsHandler,
        PeriodScheduler,
        AgreementRepository,
        AgreementHandler,
        OrgRatingHandler,
        SkpRepository,
        SkpAccess,
        SkpCompletenessCheck,
        CreateSkpHandler,
        ReadSkpHandler,
        UpdateSkpHandler,
        TransitionSkpHandler,
        SkpQueuesHandler,
        CloseSkpHandler,
        RencanaAksiHandler,
        PlanningRepository,
        SkpApplier,
        TemplatesHandler,
        TeamMatrixHandler,
        SkpAuditHandler,
        // Decision 0012: a document must fit the reply, whose limit is the server's max_payload (1 MB by default).
        {
          provide: DOCUMENT_OPTIONS,
          useValue: { maxReplyBytes: maxDocumentBytes(deps.nats.info?.max_payload ?? 1_048_576) },
        },
        SkpDocumentSources,
        SkpDocumentHandler,
      ],
    };
  }
}
