import { jestConfig } from '../../jest.preset.js';

// The domain library is pure (no I/O), so it has no integration tests; the target stays green.
export default jestConfig(import.meta.dirname, 'int', { passWithNoTests: true });
