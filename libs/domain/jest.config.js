import path from 'node:path';
import { jestConfig } from '../../jest.preset.js';

// The domain library is the platform's rule book: every line and branch is covered, enforced here.
export default jestConfig(import.meta.dirname, 'unit', {
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/**/*.int-spec.ts', '!src/index.ts'],
  coverageDirectory: path.join(import.meta.dirname, '../../coverage/libs/domain'),
  coverageReporters: ['text-summary', 'text', 'lcov'],
  coverageThreshold: { global: { lines: 100, branches: 100, functions: 100, statements: 100 } },
});
