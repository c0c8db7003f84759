// CI gate for the contracts: lint, formatting, breaking changes against the committed baseline,
// and generated code that matches the proto sources. Exits non-zero naming every failed step.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseline, buf, genDir, generate, generatedPackages, packageNames, protoDir, root } from './buf.js';

const failures = [];

function step(name, run) {
  const problem = run();
  if (problem) {
    failures.push(`${name}: ${problem}`);
    console.error(`✗ ${name}\n${problem}\n`);
  } else {
    console.log(`✓ ${name}`);
  }
}

function bufStep(args, hint) {
  const { status, output } = buf(args, { capture: true });
  return status === 0 ? undefined : `${output.trim()}\n${hint}`;
}

function listFiles(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

function compareTrees(expectedDir, actualDir) {
  const expected = new Set(listFiles(expectedDir));
  const actual = new Set(listFiles(actualDir));
  const problems = [];
  for (const file of expected) {
    if (!actual.has(file)) problems.push(`missing ${file}`);
    else if (readFileSync(path.join(expectedDir, file), 'utf8') !== readFileSync(path.join(actualDir, file), 'utf8'))
      problems.push(`stale ${file}`);
  }
  for (const file of actual) if (!expected.has(file)) problems.push(`unexpected ${file}`);
  return problems;
}

step('buf lint', () => bufStep(['lint', protoDir], 'Fix the proto files (rules: STANDARD).'));

step('buf format', () => bufStep(['format', protoDir, '--diff', '--exit-code'], 'Run `npm run proto` to format.'));

step('buf breaking', () =>
  existsSync(path.join(root, baseline))
    ? bufStep(
        ['breaking', protoDir, '--against', baseline],
        'A published contract changed incompatibly: add a field or a new package version (v2) instead.',
      )
    : `${baseline} is missing; create it with \`node tools/proto/baseline.js\`.`,
);

step('generated code is up to date', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kinerja-proto-'));
  try {
    if (generate(scratch) !== 0) return 'buf generate failed.';
    const problems = compareTrees(path.join(scratch, genDir), path.join(root, genDir));
    return problems.length === 0
      ? undefined
      : `${problems.join('\n')}\n${genDir} does not match proto/: run \`npm run proto\` (never edit generated code).`;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

step('every proto package is exported', () => {
  const index = readFileSync(path.join(root, 'libs/contracts/src/index.ts'), 'utf8');
  const missing = generatedPackages(path.join(root, genDir))
    .map(({ dir }) => packageNames(dir))
    .map(({ file, namespace }) => `export * as ${namespace} from './gen/${file}.js';`)
    .filter((line) => !index.includes(line));
  return missing.length === 0 ? undefined : `Add to libs/contracts/src/index.ts:\n${missing.join('\n')}`;
});

if (failures.length > 0) {
  console.error(`proto check failed (${failures.length} of 5 steps).`);
  process.exit(1);
}
console.log('proto check passed.');
