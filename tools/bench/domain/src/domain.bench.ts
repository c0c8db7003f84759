// Benchmark of the two hottest domain rules: the R27 distribution validator over one large unit and the
// R23 predikat over a million rating pairs. Inputs come from a seeded generator, so runs are comparable.
import {
  PREDIKAT_MATRIX,
  PREDIKATS,
  ORG_RATINGS,
  RATINGS,
  predikat,
  validateDistribution,
  type Predikat,
  type Rating,
} from '@kinerja/domain';
import { performance } from 'node:perf_hooks';

const UNIT_SIZE = 10_000;
const DISTRIBUTION_RUNS = 50;
const PAIRS = 1_000_000;

// Park–Miller generator: deterministic and dependency-free.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

function pick<T>(values: readonly T[], next: () => number): T {
  return values[Math.floor(next() * values.length)] as T;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const next = generator(20_240_101);
const unit: Predikat[] = Array.from({ length: UNIT_SIZE }, () => pick(PREDIKATS, next));
const hasil: Rating[] = Array.from({ length: PAIRS }, () => pick(RATINGS, next));
const perilaku: Rating[] = Array.from({ length: PAIRS }, () => pick(RATINGS, next));
const settings = { mode: 'ENFORCE', minGroupSize: 5 } as const;

let verdicts = 0;
const distributionOnce = (): void => {
  for (const org of ORG_RATINGS) {
    const result = validateDistribution(org, unit, settings);
    if (!result.ok) throw new Error(result.error.message);
    verdicts += result.value.violations.length;
  }
};
distributionOnce();
const distributionTimes = Array.from({ length: DISTRIBUTION_RUNS }, () => time(distributionOnce) / ORG_RATINGS.length);

let sangatBaik = 0;
const predikatAll = (): void => {
  for (let i = 0; i < PAIRS; i += 1) {
    const result = predikat(hasil[i] as Rating, perilaku[i] as Rating);
    if (result.ok && result.value === 'SANGAT_BAIK') sangatBaik += 1;
  }
};
predikatAll();
const predikatTimes = Array.from({ length: 5 }, () => time(predikatAll));

let lookups = 0;
const lookupAll = (): void => {
  for (let i = 0; i < PAIRS; i += 1)
    if (PREDIKAT_MATRIX[hasil[i] as Rating][perilaku[i] as Rating] === 'SANGAT_BAIK') lookups += 1;
};
lookupAll();
const lookupTimes = Array.from({ length: 5 }, () => time(lookupAll));

const ms = (value: number): string => `${value.toFixed(2)} ms`;
const rows: [string, string, string][] = [
  [
    `validateDistribution, unit of ${UNIT_SIZE.toLocaleString('en')} (median of ${DISTRIBUTION_RUNS} × 5 org ratings)`,
    ms(median(distributionTimes)),
    `min ${ms(Math.min(...distributionTimes))}`,
  ],
  [
    `predikat() with explanation, ${PAIRS.toLocaleString('en')} pairs (median of 5)`,
    ms(median(predikatTimes)),
    `${((median(predikatTimes) * 1e6) / PAIRS).toFixed(0)} ns/pair`,
  ],
  [
    `PREDIKAT_MATRIX lookup only, ${PAIRS.toLocaleString('en')} pairs (median of 5)`,
    ms(median(lookupTimes)),
    `${((median(lookupTimes) * 1e6) / PAIRS).toFixed(1)} ns/pair`,
  ],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`@kinerja/domain benchmark (node ${process.version}, ${process.platform}/${process.arch})`);
for (const [label, value, note] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(11)}  ${note}`);
// Printed so the work cannot be optimised away, and as a sanity check of the inputs.
console.log(`checks: ${verdicts} clause violations, ${sangatBaik} + ${lookups} SANGAT_BAIK results`);
