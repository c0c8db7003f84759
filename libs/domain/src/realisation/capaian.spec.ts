import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bad, expectError, valueOf } from '../../test/support.js';
import { capaian, realisationOf, type CapaianInput, type OutputEntry, type RealisationAdjustment } from './capaian.js';

const off = { prorate: false };
const on = { prorate: true };
const numeric = (
  value: number,
  realisation: number,
  direction: CapaianInput['direction'] = 'HIGHER_IS_BETTER',
): CapaianInput => ({
  target: { kind: 'NUMERIC', value, unit: 'dokumen' },
  realisation,
  direction,
  periodShare: 1,
});
const range = (
  min: number,
  max: number,
  realisation: number,
  direction: CapaianInput['direction'] = 'HIGHER_IS_BETTER',
): CapaianInput => ({
  target: { kind: 'RANGE', min, max, unit: '%' },
  realisation,
  direction,
  periodShare: 1,
});

describe('capaian (R16)', () => {
  it('R16: realisation / target for HIGHER_IS_BETTER', () => {
    expect(valueOf(capaian(numeric(10, 8), off))).toMatchObject({
      capaian: 0.8,
      percentDisplay: 80,
      reference: 10,
      position: 'POINT',
    });
  });

  it('R16: 2 − realisation / target for LOWER_IS_BETTER', () => {
    expect(valueOf(capaian(numeric(10, 8, 'LOWER_IS_BETTER'), off)).capaian).toBeCloseTo(1.2, 12);
    expect(valueOf(capaian(numeric(10, 12, 'LOWER_IS_BETTER'), off)).capaian).toBeCloseTo(0.8, 12);
  });

  it('R16: a range target uses its upper bound above, its lower bound below, and 100 % inside', () => {
    // REGULATIONS.md §4.6 C: target 80–90 %, realisation 92 % → 102.2 %.
    expect(valueOf(capaian(range(80, 90, 92), off))).toMatchObject({ position: 'ABOVE', reference: 90 });
    expect(valueOf(capaian(range(80, 90, 92), off)).capaian).toBeCloseTo(92 / 90, 12);
    expect(valueOf(capaian(range(80, 90, 72), off))).toMatchObject({ position: 'BELOW', reference: 80, capaian: 0.9 });
    expect(valueOf(capaian(range(80, 90, 85), off))).toMatchObject({ position: 'INSIDE', reference: null, capaian: 1 });
    expect(valueOf(capaian(range(80, 90, 80), off)).capaian).toBe(1);
    expect(valueOf(capaian(range(80, 90, 90), off)).capaian).toBe(1);
    expect(valueOf(capaian(range(80, 90, 72, 'LOWER_IS_BETTER'), off)).capaian).toBeCloseTo(1.1, 12);
  });

  it('R16: prorates the target to the period only when the tenant turns it on', () => {
    expect(valueOf(capaian({ ...numeric(12, 3), periodShare: 0.25 }, off)).capaian).toBe(0.25);
    const prorated = capaian({ ...numeric(12, 3), periodShare: 0.25 }, on);
    expect(valueOf(prorated)).toMatchObject({ capaian: 1, reference: 3 });
    expect(prorated.ok && prorated.explanation.settings).toEqual({ prorate: true });
    expect(valueOf(capaian({ ...range(40, 80, 15), periodShare: 0.25 }, on))).toMatchObject({
      position: 'INSIDE',
      capaian: 1,
    });
  });

  it('R16: capaian is monotone in realisation for HIGHER_IS_BETTER and anti-monotone for LOWER_IS_BETTER', () => {
    const target = fc.oneof(
      fc.double({ min: 0.01, max: 1e6, noNaN: true }).map((value) => ({ kind: 'NUMERIC' as const, value, unit: 'x' })),
      fc
        .tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1e6, noNaN: true }))
        .map(([a, b]) => ({ kind: 'RANGE' as const, min: Math.min(a, b), max: Math.max(a, b), unit: 'x' })),
    );
    fc.assert(
      fc.property(
        target,
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.boolean(),
        (t, r1, r2, prorate) => {
          const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];
          const at = (realisation: number, direction: CapaianInput['direction']) =>
            valueOf(capaian({ target: t, realisation, direction, periodShare: 0.5 }, { prorate })).capaian;
          expect(at(low, 'HIGHER_IS_BETTER')).toBeLessThanOrEqual(at(high, 'HIGHER_IS_BETTER'));
          expect(at(low, 'LOWER_IS_BETTER')).toBeGreaterThanOrEqual(at(high, 'LOWER_IS_BETTER'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('R16: refuses NaN, negative or zero targets, reversed ranges, negative realisation and bad settings', () => {
    expectError(capaian(numeric(Number.NaN, 1), off), 'INVALID_NUMBER');
    expectError(capaian(numeric(-5, 1), off), 'NEGATIVE_VALUE');
    expectError(capaian(numeric(0, 1), off), 'ZERO_TARGET');
    expectError(capaian(range(90, 80, 85), off), 'OUT_OF_RANGE');
    expectError(capaian(range(-1, 80, 85), off), 'NEGATIVE_VALUE');
    expectError(capaian(range(0, 0, 85), off), 'ZERO_TARGET');
    expectError(capaian(numeric(10, -1), off), 'NEGATIVE_VALUE');
    expectError(capaian(numeric(10, 1, bad('UP')), off), 'UNKNOWN_ENUM');
    expectError(capaian({ ...numeric(10, 1), target: bad({ kind: 'TEXT', text: 'x' }) }, off), 'UNKNOWN_ENUM');
    expectError(capaian(numeric(10, 1), bad({ prorate: 'yes' })), 'INVALID_INPUT');
    expectError(capaian({ ...numeric(10, 1), periodShare: 0 }, on), 'OUT_OF_RANGE');
    expectError(capaian({ ...numeric(10, 1), periodShare: 1.5 }, on), 'OUT_OF_RANGE');
  });
});

describe('realisationOf (R16)', () => {
  const period = { start: '2024-01-01', end: '2024-03-31' };
  const entry = (patch: Partial<OutputEntry>): OutputEntry => ({
    ikiId: 'iki-1',
    date: '2024-02-01',
    state: 'APPROVED',
    quantity: 1,
    ...patch,
  });
  const adjustment = (patch: Partial<RealisationAdjustment>): RealisationAdjustment => ({
    ikiId: 'iki-1',
    quantity: 2,
    sourceNote: 'Laporan SIMDA',
    evidenceIds: ['ev-1'],
    ...patch,
  });

  it('R16: sums APPROVED entries of the IKI in the period, plus manual adjustments', () => {
    const entries = [
      entry({ quantity: 3 }),
      entry({ quantity: 2, date: '2024-03-31' }),
      entry({ quantity: 5, state: 'SUBMITTED' }),
      entry({ quantity: 7, state: 'RETURNED' }),
      entry({ quantity: 11, ikiId: 'iki-2' }),
      entry({ quantity: 13, date: '2024-04-01' }),
      entry({ quantity: 17, date: '2023-12-31' }),
    ];
    const value = valueOf(
      realisationOf('iki-1', period, entries, [
        adjustment({}),
        adjustment({ ikiId: 'iki-2', quantity: 100 }),
        adjustment({ quantity: -1 }),
      ]),
    );
    expect(value).toEqual({ fromEntries: 5, fromAdjustments: 1, total: 6, entriesCounted: 2 });
  });

  it('R16: an adjustment needs a source note and evidence', () => {
    expectError(realisationOf('iki-1', period, [], [adjustment({ sourceNote: '' })]), 'INVALID_INPUT');
    expectError(realisationOf('iki-1', period, [], [adjustment({ evidenceIds: [] })]), 'EMPTY_GROUP');
    expectError(realisationOf('iki-1', period, [], [adjustment({ quantity: Number.NaN })]), 'INVALID_NUMBER');
  });

  it('R16: refuses reversed periods, invalid entries and a negative total', () => {
    expectError(realisationOf('iki-1', { start: '2024-03-31', end: '2024-01-01' }, [], []), 'DATES_OUT_OF_ORDER');
    expectError(realisationOf('iki-1', { start: '2024-01-01', end: '2024-02-30' }, [], []), 'INVALID_DATE');
    expectError(realisationOf('iki-1', { start: 'x', end: '2024-02-01' }, [], []), 'INVALID_DATE');
    expectError(realisationOf('iki-1', period, [entry({ date: '2024-02-30' })], []), 'INVALID_DATE');
    expectError(realisationOf('iki-1', period, [entry({ quantity: -1 })], []), 'NEGATIVE_VALUE');
    expectError(realisationOf('iki-1', period, bad(null), []), 'INVALID_INPUT');
    expectError(realisationOf('iki-1', period, [], bad(null)), 'INVALID_INPUT');
    expectError(
      realisationOf('iki-1', period, [entry({ quantity: 1 })], [adjustment({ quantity: -2 })]),
      'NEGATIVE_VALUE',
    );
  });
});
