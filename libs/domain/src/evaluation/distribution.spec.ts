import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bad, expectError, valueOf } from '../../test/support.js';
import type { DistributionSettings } from '../settings/tenant-settings.js';
import { validateDistribution, validateDistributionCounts } from './distribution.js';
import { ORG_RATINGS, PREDIKATS, type OrgRating, type Predikat } from './enums.js';

const enforce: DistributionSettings = { mode: 'ENFORCE', minGroupSize: 5 };
const advisory: DistributionSettings = { mode: 'ADVISORY', minGroupSize: 5 };

// The clauses of R27 restated for the tests: [id, predikats counted, kind, percent or fixed bound].
type Clause = { id: string; of: readonly Predikat[]; kind: 'MAX' | 'MIN'; percent: number | null; fixed: number };
const clauses: Readonly<Record<OrgRating, readonly Clause[]>> = {
  ISTIMEWA: [{ id: 'ISTIMEWA_SB_MAX_70', of: ['SANGAT_BAIK'], kind: 'MAX', percent: 70, fixed: 0 }],
  BAIK: [
    { id: 'BAIK_B_MAX_70', of: ['BAIK'], kind: 'MAX', percent: 70, fixed: 0 },
    { id: 'BAIK_BP_K_MIN_1', of: ['BUTUH_PERBAIKAN', 'KURANG'], kind: 'MIN', percent: null, fixed: 1 },
  ],
  BUTUH_PERBAIKAN: [
    { id: 'BUTUH_PERBAIKAN_BP_MIN_60', of: ['BUTUH_PERBAIKAN'], kind: 'MIN', percent: 60, fixed: 0 },
    { id: 'BUTUH_PERBAIKAN_SB_MAX_10', of: ['SANGAT_BAIK'], kind: 'MAX', percent: 10, fixed: 0 },
  ],
  KURANG: [
    { id: 'KURANG_K_MIN_60', of: ['KURANG'], kind: 'MIN', percent: 60, fixed: 0 },
    { id: 'KURANG_BP_MIN_10', of: ['BUTUH_PERBAIKAN'], kind: 'MIN', percent: 10, fixed: 0 },
    { id: 'KURANG_SB_MAX_10', of: ['SANGAT_BAIK'], kind: 'MAX', percent: 10, fixed: 0 },
  ],
  SANGAT_KURANG: [
    { id: 'SANGAT_KURANG_SK_MIN_60', of: ['SANGAT_KURANG'], kind: 'MIN', percent: 60, fixed: 0 },
    { id: 'SANGAT_KURANG_K_BP_MIN_10', of: ['KURANG', 'BUTUH_PERBAIKAN'], kind: 'MIN', percent: 10, fixed: 0 },
    { id: 'SANGAT_KURANG_SB_ZERO', of: ['SANGAT_BAIK'], kind: 'MAX', percent: null, fixed: 0 },
  ],
};

// Bounds by search over whole numbers: the largest k with k ≤ p·N (floor) or the smallest k with k ≥ p·N (ceil).
function expectedBound(clause: Clause, n: number): number {
  if (clause.percent === null) return clause.fixed;
  const p = clause.percent;
  if (clause.kind === 'MAX') {
    let k = 0;
    while (100 * (k + 1) <= p * n) k += 1;
    return k;
  }
  let k = 0;
  while (100 * k < p * n) k += 1;
  return k;
}

function holds(clause: Clause, group: readonly Predikat[]): boolean {
  const actual = group.filter((p) => clause.of.includes(p)).length;
  const bound = expectedBound(clause, group.length);
  return clause.kind === 'MAX' ? actual <= bound : actual >= bound;
}

function groupOf(counts: Partial<Record<Predikat, number>>): Predikat[] {
  return PREDIKATS.flatMap((p) => Array.from({ length: counts[p] ?? 0 }, () => p));
}

const SIZES = [1, 4, 5, 10, 11, 23, 100] as const;

describe('validateDistribution (R27)', () => {
  // R27: every clause on both sides of its threshold, for each group size the issue names.
  for (const org of ORG_RATINGS) {
    for (const clause of clauses[org]) {
      for (const n of SIZES) {
        const bound = expectedBound(clause, n);
        const sides = clause.kind === 'MAX' ? [bound, bound + 1] : [bound - 1, bound];
        for (const k of sides.filter((value) => value >= 0 && value <= n)) {
          it(`R27: ${clause.id} with N = ${n} and ${k} counted`, () => {
            // The counted members take the first predikat of the clause; everyone else one the clause does not count.
            const other = PREDIKATS.find((p) => !clause.of.includes(p)) as Predikat;
            const group = groupOf({ [clause.of[0] as Predikat]: k, [other]: n - k });
            const report = valueOf(validateDistribution(org, group, enforce));
            const evaluated = report.clauses.find((c) => c.id === clause.id);
            const satisfied = clause.kind === 'MAX' ? k <= bound : k >= bound;
            expect(evaluated).toMatchObject({ bound, actual: k, satisfied });
            expect(report.violations.some((v) => v.id === clause.id)).toBe(!satisfied);
            const anyViolation = report.violations.length > 0;
            expect(report.verdict).toBe(!anyViolation ? 'VALID' : n >= 5 ? 'BLOCKED' : 'WARNING');
            expect(report.canFinalise).toBe(report.verdict !== 'BLOCKED');
            const advisoryReport = valueOf(validateDistribution(org, group, advisory));
            expect(advisoryReport.verdict).toBe(anyViolation ? 'WARNING' : 'VALID');
            expect(advisoryReport.canFinalise).toBe(true);
          });
        }
      }
    }
  }

  it('R27: ISTIMEWA with 10 employees allows 7 SANGAT_BAIK and blocks 8', () => {
    expect(valueOf(validateDistributionCounts('ISTIMEWA', { SANGAT_BAIK: 7, BAIK: 3 }, enforce)).verdict).toBe('VALID');
    const blocked = validateDistributionCounts('ISTIMEWA', { SANGAT_BAIK: 8, BAIK: 2 }, enforce);
    expect(valueOf(blocked)).toMatchObject({ verdict: 'BLOCKED', enforced: true, canFinalise: false });
    expect(blocked.ok && blocked.explanation.text.id).toContain('paling banyak 7 (70% dari 10), ada 8');
    expect(blocked.ok && blocked.explanation.settings).toEqual({ mode: 'ENFORCE', minGroupSize: 5 });
  });

  it('R27: lists every violated clause with its numbers', () => {
    const report = valueOf(validateDistributionCounts('SANGAT_KURANG', { SANGAT_BAIK: 1, BAIK: 9 }, enforce));
    expect(report.violations.map((v) => [v.id, v.bound, v.actual])).toEqual([
      ['SANGAT_KURANG_SK_MIN_60', 6, 0],
      ['SANGAT_KURANG_K_BP_MIN_10', 1, 0],
      ['SANGAT_KURANG_SB_ZERO', 0, 1],
    ]);
  });

  it('R27: a group below minGroupSize only gets a warning, and the tenant minimum is used', () => {
    const group = { SANGAT_BAIK: 4, BAIK: 1 };
    expect(valueOf(validateDistributionCounts('ISTIMEWA', group, enforce)).verdict).toBe('BLOCKED');
    const small = valueOf(validateDistributionCounts('ISTIMEWA', group, { mode: 'ENFORCE', minGroupSize: 6 }));
    expect(small).toMatchObject({ verdict: 'WARNING', enforced: false, canFinalise: true });
  });

  it('R27: agrees with a brute-force count over random groups', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORG_RATINGS),
        fc.array(fc.constantFrom(...PREDIKATS), { minLength: 1, maxLength: 150 }),
        fc.constantFrom('ENFORCE' as const, 'ADVISORY' as const),
        fc.integer({ min: 1, max: 20 }),
        (org, group, mode, minGroupSize) => {
          const report = valueOf(validateDistribution(org, group, { mode, minGroupSize }));
          const violated = clauses[org].filter((c) => !holds(c, group)).map((c) => c.id);
          expect(report.violations.map((v) => v.id)).toEqual(violated);
          expect(report.groupSize).toBe(group.length);
          for (const p of PREDIKATS) expect(report.counts[p]).toBe(group.filter((x) => x === p).length);
          const blocked = violated.length > 0 && mode === 'ENFORCE' && group.length >= minGroupSize;
          expect(report.verdict).toBe(violated.length === 0 ? 'VALID' : blocked ? 'BLOCKED' : 'WARNING');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('R27: refuses an empty group, unknown values, bad counts and bad settings', () => {
    expectError(validateDistribution('BAIK', [], enforce), 'EMPTY_GROUP');
    expectError(validateDistribution('BAIK', bad(null), enforce), 'INVALID_INPUT');
    expectError(validateDistribution('BAIK', bad(['BAIK', 'HEBAT']), enforce), 'UNKNOWN_ENUM');
    expectError(validateDistribution('BAIK', bad(['toString']), enforce), 'UNKNOWN_ENUM');
    expectError(validateDistribution(bad('LUAR_BIASA'), ['BAIK'], enforce), 'UNKNOWN_ENUM');
    expectError(validateDistributionCounts('BAIK', {}, enforce), 'EMPTY_GROUP');
    expectError(validateDistributionCounts('BAIK', { BAIK: 0 }, enforce), 'EMPTY_GROUP');
    expectError(validateDistributionCounts('BAIK', { BAIK: -1 }, enforce), 'NEGATIVE_VALUE');
    expectError(validateDistributionCounts('BAIK', { BAIK: 1.5 }, enforce), 'NOT_AN_INTEGER');
    expectError(validateDistributionCounts('BAIK', { BAIK: Number.NaN }, enforce), 'INVALID_NUMBER');
    expectError(
      validateDistributionCounts('BAIK', { BAIK: 3 }, { mode: bad('STRICT'), minGroupSize: 5 }),
      'UNKNOWN_ENUM',
    );
    expectError(validateDistributionCounts('BAIK', { BAIK: 3 }, { mode: 'ENFORCE', minGroupSize: 0 }), 'OUT_OF_RANGE');
  });
});
