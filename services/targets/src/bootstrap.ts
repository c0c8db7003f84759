import { startService, type RunningService } from '@kinerja/platform/service-host';
import { Clock } from './clock.js';
import type { TargetsConfig } from './config.js';
import { TargetsModule } from './targets.module.js';

export type TargetsOptions = { clock?: Clock; identitySource?: string };

export function startTargets(config: TargetsConfig, options: TargetsOptions = {}): Promise<RunningService> {
  return startService({
    service: 'targets',
    config,
    entities: [],
    module: ({ db, verifier, nats, logger }) =>
      TargetsModule.forRoot({
        db,
        verifier,
        nats,
        logger,
        clock: options.clock ?? new Clock(),
        schedulerIntervalMs: config.SCHEDULER_INTERVAL_MS,
        identitySource: options.identitySource,
      }),
  });
}
