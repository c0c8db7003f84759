import { jestConfig } from '../jest.preset.js';

// The suite stops the platform itself and asserts that no process is left (platform.e2e-spec.ts "stopping");
// forceExit only ends sockets that Node's global fetch keeps alive to servers that are gone.
export default jestConfig(import.meta.dirname, 'e2e', { testTimeout: 120_000, forceExit: true });
