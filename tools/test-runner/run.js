#!/usr/bin/env node
// `npm test`: every check and every test, in the order that fails fastest. Exits non-zero on any failure and
// ends with one line `N passed, N failed` over all Jest tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const only = process.argv.slice(2);
const jest = path.join(root, 'node_modules/jest/bin/jest.js');
const results = [];
let failedSteps = 0;

function projectsWith(file) {
  const found = [];
  for (const group of ['libs', 'services', 'tools', 'tests']) {
    const dir = path.join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir))
      if (existsSync(path.join(dir, name, file))) found.push(path.join(group, name, file));
  }
  return found;
}

function step(name, command, args, { env = {}, jestReport } = {}) {
  if (only.length > 0 && !only.includes(name)) return;
  const started = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  if (!ok) failedSteps += 1;
  let counts;
  if (jestReport && existsSync(jestReport)) {
    const report = JSON.parse(readFileSync(jestReport, 'utf8'));
    counts = { passed: report.numPassedTests, failed: report.numFailedTests, total: report.numTotalTests };
    if (report.numTotalTests === 0) {
      failedSteps += ok ? 1 : 0;
      process.stdout.write(`${name}: no test ran\n`);
    }
    rmSync(jestReport);
  }
  results.push({ name, ok, seconds, counts });
}

const reportDir = path.join(root, '.dev');
const jestStep = (name, configs, extra = []) =>
  step(
    name,
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      jest,
      '--ci',
      '--json',
      `--outputFile=${path.join(reportDir, `${name}.json`)}`,
      '--projects',
      ...configs,
      ...extra,
    ],
    { jestReport: path.join(reportDir, `${name}.json`) },
  );

spawnSync('mkdir', ['-p', reportDir]);
// `npm run build`: tsc, then the @kinerja/* links in dist/node_modules the compiled processes resolve through (0013).
step('build', 'npm', ['run', '--silent', 'build']);
step('typecheck', process.execPath, [
  path.join(root, 'node_modules/typescript/bin/tsc'),
  '-p',
  'tsconfig.json',
  '--noEmit',
]);
// The module-boundary lint rule reads Nx's project graph; compute it first (a fresh clone has none cached).
step('graph', process.execPath, [path.join(root, 'node_modules/nx', 'dist/bin/nx.js'), 'show', 'projects'], {
  env: { NX_DAEMON: 'false' },
});
step('lint', process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.']);
step('format', process.execPath, [
  path.join(root, 'node_modules/prettier/bin/prettier.cjs'),
  '--check',
  '--log-level=warn',
  '.',
]);
step('contracts', process.execPath, [path.join(root, 'tools/proto/check.js')]);
jestStep('unit', projectsWith('jest.config.js'));
jestStep('integration', projectsWith('jest.int.config.js'), ['--maxWorkers=2']);
jestStep('e2e', [path.join('e2e', 'jest.config.js')], ['--runInBand']);

process.stdout.write('\n=== summary\n');
let passed = 0;
let failed = 0;
for (const r of results) {
  const counts = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed)` : '';
  process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${r.seconds.padStart(6)} s${counts}\n`);
  if (r.counts) {
    passed += r.counts.passed;
    failed += r.counts.failed;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
