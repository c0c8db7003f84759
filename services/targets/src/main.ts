import { stopOnSignals } from '@kinerja/platform/service-host';
import { startTargets } from './bootstrap.js';
import { loadTargetsConfig } from './config.js';

const targets = await startTargets(loadTargetsConfig());
stopOnSignals(targets, targets.logger);
