// Shared Jest settings. Every project runs in ESM mode (NestJS 12 is ESM-only), transpiled by
// ts-jest with isolatedModules (types are checked once by `npm run typecheck`, not per test file).
import path from 'node:path';

const root = import.meta.dirname;

/** Test kinds, named by what is real (STYLE.md): unit = pure, int = real PostgreSQL/NATS, e2e = whole platform. */
const patterns = {
  unit: ['<rootDir>/src/**/*.spec.ts'],
  int: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  e2e: ['<rootDir>/**/*.e2e-spec.ts'],
};

export function jestConfig(projectDir, kind, extra = {}) {
  const name = path.relative(root, projectDir).replaceAll(path.sep, '/');
  return {
    displayName: `${name}:${kind}`,
    rootDir: projectDir,
    testMatch: patterns[kind],
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    moduleFileExtensions: ['ts', 'js', 'json'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: path.join(root, 'tsconfig.json') }],
    },
    moduleNameMapper: {
      '^@kinerja/contracts$': `${root}/libs/contracts/src/index.ts`,
      '^@kinerja/domain$': `${root}/libs/domain/src/index.ts`,
      '^@kinerja/org-projection$': `${root}/libs/org-projection/src/index.ts`,
      '^@kinerja/platform/(.*)$': `${root}/libs/platform/src/$1/index.ts`,
      '^@kinerja/testing$': `${root}/libs/testing/src/index.ts`,
      // API tests (tests/*-api, tag type:test) boot services in the test process.
      '^@kinerja/service-(gateway|targets)/(.*)\\.js$': `${root}/services/$1/src/$2.ts`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testTimeout: kind === 'unit' ? 10_000 : 60_000,
    ...extra,
  };
}
