import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bad } from '../test/support.js';
import {
  absenceSanctionFor,
  addWorkingDays,
  allowedSkpActions,
  angkaKredit,
  canFinalisePredikats,
  DEFAULT_TENANT_SETTINGS as S,
  developmentFlags,
  displayValue,
  ikiValue,
  isWorkingDay,
  monthsInPosition,
  nineBox,
  objectionWindow,
  pangkatOf,
  parseNiPppk,
  parseNip,
  periodContaining,
  periodsOfYear,
  positionChange,
  pp30Nilai,
  pp46BandOf,
  predikat,
  requiresPerformanceManagement,
  skpFallbackActive,
  skpLateness,
  supervisorAccountabilityFlag,
  tenantDate,
  tppAmount,
  underperformanceFollowUps,
  unitHeadRatingHasil,
  workingDaysBetween,
  type Result,
} from './index.js';

// Arbitrary primitive arguments (strings, NaN, ±∞, negatives, null, undefined) never throw: each function
// answers with ok or a typed error (R30: failures are values, not exceptions).
const primitive = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer({ min: -1000, max: 3000 }),
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
    0,
    '',
    '2024-02-29',
    '2024-02-30',
    '2024-05-01T10:00:00+07:00',
    'SESUAI',
    'BAIK',
    'PNS',
  ),
);

const calls: readonly (readonly [string, (a: unknown, b: unknown, c: unknown) => Result<unknown>])[] = [
  ['predikat', (a, b) => predikat(bad(a), bad(b))],
  ['unitHeadRatingHasil', (a) => unitHeadRatingHasil(bad(a), S.orgToHasil)],
  ['canFinalisePredikats', (a) => canFinalisePredikats(bad(a))],
  ['parseNip', (a) => parseNip(a, S.nip)],
  ['parseNiPppk', (a) => parseNiPppk(a)],
  ['requiresPerformanceManagement', (a) => requiresPerformanceManagement(bad(a))],
  ['pangkatOf', (a) => pangkatOf(bad(a))],
  ['periodsOfYear', (a, b) => periodsOfYear(bad(a), S.period, bad(b))],
  ['periodContaining', (a) => periodContaining(bad(a), S.period, S.timeZone)],
  ['tenantDate', (a, b) => tenantDate(bad(a), bad(b))],
  ['isWorkingDay', (a) => isWorkingDay(bad(a), [])],
  ['addWorkingDays', (a, b) => addWorkingDays(bad(a), bad(b), [])],
  ['workingDaysBetween', (a, b) => workingDaysBetween(bad(a), bad(b), [])],
  ['skpFallbackActive', (a, b, c) => skpFallbackActive(bad(a), bad(b), bad(c), S.skp)],
  ['skpLateness', (a, b, c) => skpLateness(bad(a), bad(b), bad(c))],
  ['positionChange', (a, b) => positionChange(bad(a), bad(b))],
  ['allowedSkpActions', (a, b, c) => allowedSkpActions(bad(a), bad(b), bad(c))],
  ['objectionWindow', (a, b, c) => objectionWindow(bad(a), bad(b), bad(c))],
  ['displayValue', (a, b) => displayValue(bad(a), bad(b))],
  ['ikiValue', (a) => ikiValue(bad(a))],
  ['pp46BandOf', (a) => pp46BandOf(bad(a))],
  ['pp30Nilai', (a, b, c) => pp30Nilai(bad(a), bad(b), bad(c), S.pp30)],
  ['angkaKredit', (a, b, c) => angkaKredit(bad(a), bad(b), bad(c))],
  ['monthsInPosition', (a, b) => monthsInPosition(bad(a), bad(b))],
  ['absenceSanctionFor', (a, b) => absenceSanctionFor(bad(a), bad(b))],
  ['supervisorAccountabilityFlag', (a, b, c) => supervisorAccountabilityFlag(bad(a), bad(b), bad(c), S.discipline)],
  ['tppAmount', (a, b, c) => tppAmount(bad(a), bad(b), bad(c), S.tpp)],
  ['developmentFlags', (a, b, c) => developmentFlags(bad(a), bad(b), bad(c), S.development)],
  ['nineBox', (a, b) => nineBox(bad(a), bad(b), S.nineBox)],
  ['underperformanceFollowUps', (a, b, c) => underperformanceFollowUps(bad(a), bad(b), bad(c))],
];

describe('robustness (R30)', () => {
  it.each(calls)('%s never throws on arbitrary primitive arguments', (_, call) => {
    fc.assert(
      fc.property(primitive, primitive, primitive, (a, b, c) => {
        const result = call(a, b, c);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
