import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import {
  DEFAULT_TENANT_SETTINGS,
  settingsInForce,
  tenantSettings,
  validateTenantSettings,
  type TenantSettings,
} from './tenant-settings.js';

const fields = (value: unknown): string[] => {
  const result = validateTenantSettings(value);
  return result.ok ? [] : result.error.issues.map((i) => `${i.field}:${i.code}`);
};

describe('tenant settings (R30)', () => {
  it('holds the defaults RULES.md names', () => {
    const d = DEFAULT_TENANT_SETTINGS;
    expect(d.nip.minAppointmentAge).toBe(18);
    expect(d.period).toEqual({ cadence: 'QUARTERLY', inputDeadlineDays: 5 });
    expect(d.skp.fallbackDay).toBe('01-14');
    expect(d.dailyLog).toEqual({ graceWorkingDays: 1, verificationSlaWorkingDays: 3 });
    expect(d.realisasi.prorate).toBe(false);
    expect(d.evidence.maxBytes).toBe(10 * 1024 * 1024);
    expect(d.feedback.minAnonymousGroup).toBe(3);
    expect(d.ikm.minResponses).toBe(30);
    expect(d.rating.aboveThreshold).toBe(1.1);
    expect(d.distribution).toEqual({ mode: 'ENFORCE', minGroupSize: 5 });
    expect(d.annual.derivation).toBe('EXPLICIT_FINAL');
    expect(d.pp30.peerReview).toBe(false);
    expect(d.discipline.supervisorSlaDays).toBe(14);
    expect(d.development.pppkMaxJp).toBe(24);
    expect(d.tpp.performanceShare).toBeNull();
    expect(valueOf(validateTenantSettings(d))).toBe(d);
  });

  it('merges overrides group by group and validates the result', () => {
    const settings = valueOf(tenantSettings({ distribution: { mode: 'ADVISORY' }, timeZone: 'Asia/Makassar' }));
    expect(settings.distribution).toEqual({ mode: 'ADVISORY', minGroupSize: 5 });
    expect(settings.timeZone).toBe('Asia/Makassar');
    expect(settings.period).toEqual(DEFAULT_TENANT_SETTINGS.period);
    expect(valueOf(tenantSettings()).ikm).toEqual(DEFAULT_TENANT_SETTINGS.ikm);
    expect(valueOf(tenantSettings({ ikm: undefined })).ikm).toEqual(DEFAULT_TENANT_SETTINGS.ikm);
  });

  it('lists every invalid field with its path', () => {
    expect(
      fields({
        ...DEFAULT_TENANT_SETTINGS,
        timeZone: 'Asia/Singapore',
        nip: { minAppointmentAge: 17.5 },
        period: { cadence: 'WEEKLY', inputDeadlineDays: -1 },
        skp: { fallbackDay: '02-30' },
        realisasi: { prorate: 'yes' },
        ikm: { minResponses: '30' },
        rating: { aboveThreshold: 0.9 },
        evidence: { maxBytes: 1, allowedTypes: 'PDF' },
        extra: true,
      }),
    ).toEqual([
      'timeZone:UNKNOWN_ENUM',
      'nip.minAppointmentAge:NOT_AN_INTEGER',
      'period.cadence:UNKNOWN_ENUM',
      'period.inputDeadlineDays:OUT_OF_RANGE',
      'skp.fallbackDay:INVALID_DATE',
      'realisasi.prorate:INVALID_TYPE',
      'evidence.allowedTypes:INVALID_TYPE',
      'ikm.minResponses:INVALID_TYPE',
      'rating.aboveThreshold:OUT_OF_RANGE',
      'extra:UNKNOWN_KEY',
    ]);
    expect(fields(null)).toEqual(['(root):INVALID_TYPE']);
    expect(fields({ ...DEFAULT_TENANT_SETTINGS, orgToHasil: [] })).toEqual(['orgToHasil:INVALID_TYPE']);
    expect(fields({ ...DEFAULT_TENANT_SETTINGS, skp: { fallbackDay: 14 } })).toEqual(['skp.fallbackDay:INVALID_DATE']);
    expect(fields({ ...DEFAULT_TENANT_SETTINGS, evidence: { maxBytes: 10, allowedTypes: ['PDF', 'EXE'] } })).toEqual([
      'evidence.allowedTypes.1:UNKNOWN_ENUM',
    ]);
    expectError(validateTenantSettings({}), 'INVALID_SETTINGS');
  });

  it('R37: checks the TPP tiers, shares and factors', () => {
    const tpp = DEFAULT_TENANT_SETTINGS.tpp;
    const withTpp = (patch: Partial<TenantSettings['tpp']>): string[] =>
      fields({ ...DEFAULT_TENANT_SETTINGS, tpp: { ...tpp, ...patch } });
    expect(
      withTpp({
        performanceShare: 0.6,
        disciplineShare: 0.4,
        performanceFactor: { SANGAT_BAIK: 1.2, BAIK: 1, BUTUH_PERBAIKAN: 0.8, KURANG: 0.5, SANGAT_KURANG: 0 },
      }),
    ).toEqual([]);
    expect(withTpp({ performanceShare: 0.6, disciplineShare: 0.5 })).toEqual(['tpp.performanceShare:INVALID_SUM']);
    expect(withTpp({ performanceShare: 0.6 })).toEqual([]);
    expect(withTpp({ performanceFactor: bad({ BAIK: 1 }) })).toEqual([
      'tpp.performanceFactor.SANGAT_BAIK:INVALID_TYPE',
      'tpp.performanceFactor.BUTUH_PERBAIKAN:INVALID_TYPE',
      'tpp.performanceFactor.KURANG:INVALID_TYPE',
      'tpp.performanceFactor.SANGAT_KURANG:INVALID_TYPE',
    ]);
    expect(
      withTpp({
        lateTiers: [
          { fromMinutes: 1, toMinutes: 31, percent: 0.5 },
          { fromMinutes: 30, toMinutes: null, percent: 1 },
        ],
      }),
    ).toEqual(['tpp.lateTiers.1:INVALID_ORDER']);
    expect(
      withTpp({
        lateTiers: [
          { fromMinutes: 1, toMinutes: null, percent: 0.5 },
          { fromMinutes: 30, toMinutes: null, percent: 1 },
        ],
      }),
    ).toEqual(['tpp.lateTiers.1:INVALID_ORDER']);
    expect(withTpp({ earlyLeaveTiers: [{ fromMinutes: 10, toMinutes: 10, percent: 0.5 }] })).toEqual([
      'tpp.earlyLeaveTiers.0:INVALID_ORDER',
    ]);
    expect(withTpp({ earlyLeaveTiers: [{ fromMinutes: 10, toMinutes: 5.5, percent: 101 }] })).toEqual([
      'tpp.earlyLeaveTiers.0.toMinutes:NOT_AN_INTEGER',
      'tpp.earlyLeaveTiers.0.percent:OUT_OF_RANGE',
    ]);
    expect(withTpp({ lateTiers: bad('none') })).toEqual(['tpp.lateTiers:INVALID_TYPE']);
    expect(fields({ ...DEFAULT_TENANT_SETTINGS, tpp: null })).toEqual(['tpp:INVALID_TYPE']);
  });

  it('accepts a leap-day fallback month-day', () => {
    expect(fields({ ...DEFAULT_TENANT_SETTINGS, skp: { fallbackDay: '02-29' } })).toEqual([]);
  });
});

describe('settingsInForce (R30)', () => {
  const v2023 = { effectiveFrom: '2023-01-01', settings: DEFAULT_TENANT_SETTINGS };
  const v2024 = {
    effectiveFrom: '2024-01-01',
    settings: { ...DEFAULT_TENANT_SETTINGS, timeZone: 'Asia/Jayapura' as const },
  };
  const v2024b = {
    effectiveFrom: '2024-07-01',
    settings: { ...DEFAULT_TENANT_SETTINGS, timeZone: 'Asia/Makassar' as const },
  };

  it('picks the latest version effective on or before the date', () => {
    expect(valueOf(settingsInForce([v2024b, v2023, v2024], '2024-06-30')).effectiveFrom).toBe('2024-01-01');
    expect(valueOf(settingsInForce([v2023, v2024, v2024b], '2024-07-01')).effectiveFrom).toBe('2024-07-01');
    expect(valueOf(settingsInForce([v2024, v2023], '2023-12-31')).effectiveFrom).toBe('2023-01-01');
    expect(valueOf(settingsInForce([v2024, v2023], '2024-06-30')).effectiveFrom).toBe('2024-01-01');
  });

  it('refuses a date before every version, duplicates, invalid dates and an empty list', () => {
    expectError(settingsInForce([v2024], '2023-12-31'), 'SETTINGS_NOT_IN_FORCE');
    expectError(settingsInForce([v2024, { ...v2023, effectiveFrom: '2024-01-01' }], '2024-05-01'), 'DUPLICATE_ENTRY');
    expectError(settingsInForce([{ ...v2023, effectiveFrom: '2023-1-1' }], '2024-05-01'), 'INVALID_DATE');
    expectError(settingsInForce([v2023], '2024-13-01'), 'INVALID_DATE');
    expectError(settingsInForce([], '2024-05-01'), 'EMPTY_GROUP');
  });
});
