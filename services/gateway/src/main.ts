import { startGateway } from './bootstrap.js';
import { loadGatewayConfig } from './config.js';

const gateway = await startGateway(loadGatewayConfig());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void gateway.close().then(() => process.exit(0)));
}
