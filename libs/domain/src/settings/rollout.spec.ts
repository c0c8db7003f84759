import { describe, expect, it } from '@jest/globals';
import { bad, expectError, expectOk, valueOf } from '../../test/support.js';
import { UNIT_KIND_LABELS, UNIT_KINDS } from '../organisation/units.js';
import { moduleActive, ROLLOUT_MODULES, validateRollout, type ModuleRollout } from './rollout.js';

const issuesOf = (value: unknown): string[] => {
  const result = validateRollout(value);
  return result.ok ? [] : expectError(result, 'INVALID_SETTINGS').issues.map((i) => `${i.field}:${i.code}`);
};

const pilot: readonly ModuleRollout[] = [
  { module: 'DAILY_LOG', scope: 'UNITS', unitIds: ['dinkes', 'bkd'] },
  { module: 'TPP', scope: 'ALL', unitIds: [] },
];

describe('module rollout (R30 settings)', () => {
  it('accepts an empty rollout and one entry per module', () => {
    expect(valueOf(validateRollout([]))).toEqual([]);
    expect(valueOf(validateRollout(pilot))).toBe(pilot);
    expect(ROLLOUT_MODULES).toEqual(['DAILY_LOG', 'FEEDBACK_360', 'CITIZEN_FEEDBACK', 'CURVE_ENFORCEMENT', 'TPP']);
  });

  it('refuses what is not a list', () => {
    expectError(validateRollout(bad({ module: 'TPP' })), 'INVALID_INPUT');
  });

  it('names every bad entry with its field', () => {
    expect(
      issuesOf([
        'TPP',
        { module: 'GAJI', scope: 'ALL', unitIds: [] },
        { module: 'TPP', scope: 'SOME', unitIds: [] },
        { module: 'TPP', scope: 'ALL', unitIds: [] },
        { module: 'DAILY_LOG', scope: 'ALL', unitIds: ['u1'] },
        { module: 'FEEDBACK_360', scope: 'UNITS', unitIds: [] },
        { module: 'CITIZEN_FEEDBACK', scope: 'UNITS', unitIds: ['u1', 'u1'] },
        { module: 'CURVE_ENFORCEMENT', scope: 'UNITS', unitIds: 'u1' },
        { module: 'CURVE_ENFORCEMENT', scope: 'UNITS', unitIds: [' '] },
      ]),
    ).toEqual([
      'rollout.0:INVALID_TYPE',
      'rollout.1.module:UNKNOWN_ENUM',
      'rollout.2.scope:UNKNOWN_ENUM',
      'rollout.3.module:DUPLICATE_ENTRY',
      'rollout.4.unitIds:NOT_ALLOWED',
      'rollout.5.unitIds:REQUIRED',
      'rollout.6.unitIds:DUPLICATE_ENTRY',
      'rollout.7.unitIds:INVALID_TYPE',
      'rollout.8.module:DUPLICATE_ENTRY',
      'rollout.8.unitIds:INVALID_TYPE',
    ]);
  });

  it('is active everywhere for a module without an entry, and for scope ALL', () => {
    const absent = expectOk(moduleActive(pilot, 'FEEDBACK_360', ['seksi', 'bidang']));
    expect(absent.value).toBe(true);
    expect(absent.explanation.values).toMatchObject({ scope: 'ALL', via: null });
    expect(valueOf(moduleActive(pilot, 'TPP', []))).toBe(true);
  });

  it('is active in a pilot unit and in the units below it, and nowhere else', () => {
    const below = expectOk(moduleActive(pilot, 'DAILY_LOG', ['seksi-gizi', 'bidang-kesmas', 'dinkes']));
    expect(below.value).toBe(true);
    expect(below.explanation.values).toMatchObject({ scope: 'UNITS', via: 'dinkes' });
    expect(valueOf(moduleActive(pilot, 'DAILY_LOG', ['bkd']))).toBe(true);
    const elsewhere = expectOk(moduleActive(pilot, 'DAILY_LOG', ['seksi-jalan', 'dinas-pu']));
    expect(elsewhere.value).toBe(false);
    expect(elsewhere.explanation.text.id).toContain('percontohan');
  });

  it('refuses an unknown module or a chain that is not a list', () => {
    expectError(moduleActive(pilot, bad('GAJI'), []), 'UNKNOWN_ENUM');
    expectError(moduleActive(pilot, 'TPP', bad('dinkes')), 'INVALID_INPUT');
  });

  it('labels every unit kind in both languages', () => {
    for (const kind of UNIT_KINDS) expect(UNIT_KIND_LABELS[kind].id.length).toBeGreaterThan(0);
  });
});
