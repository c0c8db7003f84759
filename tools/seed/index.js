// `node tools/seed --employees 50000 [--tenant CODE] [--load]`: compiles the workspace when needed, then runs the
// synthetic tenant generator (src/main.ts; `--help` lists its options).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const main = path.join(root, 'dist/tools/seed/src/main.js');
if (!existsSync(main) || process.env.KINERJA_SEED_BUILD === '1') {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(
  process.execPath,
  ['--import', path.join(root, 'tools/runtime/register.js'), main, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);
process.exit(run.status ?? 1);
