import { jestConfig } from '../jest.preset.js';
export default jestConfig(import.meta.dirname, 'e2e', { testTimeout: 120_000 });
