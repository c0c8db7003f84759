// Compiles the domain library and this benchmark, then runs it with the workspace alias resolver:
//   node tools/bench/domain/run.js
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tools/bench/domain/tsconfig.build.json')], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(
  process.execPath,
  [
    '--import',
    path.join(root, 'tools/runtime/register.js'),
    path.join(root, 'dist/tools/bench/domain/src/domain.bench.js'),
  ],
  { stdio: 'inherit', cwd: root },
);
process.exit(run.status ?? 1);
