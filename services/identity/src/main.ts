import { stopOnSignals } from '@kinerja/platform/service-host';
import { startIdentity } from './bootstrap.js';
import { loadIdentityConfig } from './config.js';

const identity = await startIdentity(loadIdentityConfig());
stopOnSignals(identity, identity.logger);
