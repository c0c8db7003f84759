import { jestConfig } from '../../jest.preset.js';

// The gateway and the targets service booted in the test process against real PostgreSQL and NATS, with real
// signed tokens: the API as users call it, with a clock the tests move.
export default jestConfig(import.meta.dirname, 'int', { testTimeout: 120_000 });
