import { CADENCES, type Cadence } from '../calendar/periods.js';
import { isLocalDate, isValidYmd, type LocalDate } from '../calendar/local-date.js';
import { TIME_ZONES, type TimeZone } from '../calendar/time-zone.js';
import {
  ANNUAL_DERIVATIONS,
  DISTRIBUTION_MODES,
  ORG_RATINGS,
  PREDIKATS,
  RATINGS,
  type AnnualDerivation,
  type DistributionMode,
  type OrgRating,
  type Predikat,
  type Rating,
} from '../evaluation/enums.js';
import { explanation } from '../explain/explanation.js';
import { checkArray, checkDate } from '../explain/guards.js';
import { failure, ok, type Issue, type Result } from '../explain/result.js';
import { EVIDENCE_TYPES, type EvidenceType } from '../realisation/evidence.js';

// One typed object per tenant with the defaults RULES.md names; stored versioned by effective date.

/** R37: one lateness (or early-leave) tier, `[fromMinutes, toMinutes)`; `toMinutes = null` is open-ended. */
export type LatenessTier = {
  readonly fromMinutes: number;
  readonly toMinutes: number | null;
  readonly percent: number;
};

export type NipSettingsGroup = { readonly minAppointmentAge: number };
export type PeriodSettings = { readonly cadence: Cadence; readonly inputDeadlineDays: number };
/** `fallbackDay` is a month-day `MM-DD` (R11). */
export type SkpSettings = { readonly fallbackDay: string };
export type DailyLogSettings = { readonly graceWorkingDays: number; readonly verificationSlaWorkingDays: number };
export type RealisasiSettings = { readonly prorate: boolean };
export type EvidenceSettings = { readonly maxBytes: number; readonly allowedTypes: readonly EvidenceType[] };
export type FeedbackSettings = { readonly minAnonymousGroup: number };
export type IkmSettings = { readonly minResponses: number };
export type OrgToHasilSettings = Readonly<Record<OrgRating, Rating>>;
export type RatingSettings = { readonly aboveThreshold: number };
export type DistributionSettings = { readonly mode: DistributionMode; readonly minGroupSize: number };
export type AnnualSettings = { readonly derivation: AnnualDerivation };
export type Pp30Settings = { readonly peerReview: boolean };
export type DisciplineSettings = { readonly supervisorSlaDays: number };
export type TppSettings = {
  readonly lateTiers: readonly LatenessTier[];
  readonly earlyLeaveTiers: readonly LatenessTier[];
  readonly noRecordPercent: number;
  readonly missedApelPercent: number;
  // R37: no national default for shares and factors; null until the tenant sets them.
  readonly performanceShare: number | null;
  readonly disciplineShare: number | null;
  readonly performanceFactor: Readonly<Record<Predikat, number>> | null;
};
export type DevelopmentSettings = { readonly pppkMaxJp: number };
export type NineBoxSettings = { readonly kinerjaByPredikat: Readonly<Record<Predikat, Rating>> };

export type TenantSettings = {
  readonly timeZone: TimeZone;
  readonly nip: NipSettingsGroup;
  readonly period: PeriodSettings;
  readonly skp: SkpSettings;
  readonly dailyLog: DailyLogSettings;
  readonly realisasi: RealisasiSettings;
  readonly evidence: EvidenceSettings;
  readonly feedback: FeedbackSettings;
  readonly ikm: IkmSettings;
  readonly orgToHasil: OrgToHasilSettings;
  readonly rating: RatingSettings;
  readonly distribution: DistributionSettings;
  readonly annual: AnnualSettings;
  readonly pp30: Pp30Settings;
  readonly discipline: DisciplineSettings;
  readonly tpp: TppSettings;
  readonly development: DevelopmentSettings;
  readonly nineBox: NineBoxSettings;
};

const DEFAULT_TIERS: readonly LatenessTier[] = [
  { fromMinutes: 1, toMinutes: 31, percent: 0.5 },
  { fromMinutes: 31, toMinutes: 61, percent: 1 },
  { fromMinutes: 61, toMinutes: 91, percent: 1.25 },
  { fromMinutes: 91, toMinutes: null, percent: 1.5 },
];

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  timeZone: 'Asia/Jakarta',
  nip: { minAppointmentAge: 18 },
  period: { cadence: 'QUARTERLY', inputDeadlineDays: 5 },
  skp: { fallbackDay: '01-14' },
  dailyLog: { graceWorkingDays: 1, verificationSlaWorkingDays: 3 },
  realisasi: { prorate: false },
  evidence: { maxBytes: 10 * 1024 * 1024, allowedTypes: EVIDENCE_TYPES },
  feedback: { minAnonymousGroup: 3 },
  ikm: { minResponses: 30 },
  orgToHasil: {
    ISTIMEWA: 'DI_ATAS',
    BAIK: 'SESUAI',
    BUTUH_PERBAIKAN: 'DI_BAWAH',
    KURANG: 'DI_BAWAH',
    SANGAT_KURANG: 'DI_BAWAH',
  },
  rating: { aboveThreshold: 1.1 },
  distribution: { mode: 'ENFORCE', minGroupSize: 5 },
  annual: { derivation: 'EXPLICIT_FINAL' },
  pp30: { peerReview: false },
  discipline: { supervisorSlaDays: 14 },
  tpp: {
    lateTiers: DEFAULT_TIERS,
    earlyLeaveTiers: DEFAULT_TIERS,
    noRecordPercent: 1.5,
    missedApelPercent: 2,
    performanceShare: null,
    disciplineShare: null,
    performanceFactor: null,
  },
  development: { pppkMaxJp: 24 },
  nineBox: {
    kinerjaByPredikat: {
      SANGAT_BAIK: 'DI_ATAS',
      BAIK: 'SESUAI',
      BUTUH_PERBAIKAN: 'DI_BAWAH',
      KURANG: 'DI_BAWAH',
      SANGAT_KURANG: 'DI_BAWAH',
    },
  },
};

// A small structural validator (the domain has no dependencies): each check appends issues with a dotted path.
type Check = (value: unknown, path: string, issues: Issue[]) => void;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const num =
  (rule: { integer?: boolean; min: number; max?: number }): Check =>
  (value, path, issues) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      issues.push({ field: path, code: 'INVALID_TYPE', message: 'expected a finite number' });
    else if (rule.integer === true && !Number.isInteger(value))
      issues.push({ field: path, code: 'NOT_AN_INTEGER', message: 'expected a whole number' });
    else if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
      issues.push({
        field: path,
        code: 'OUT_OF_RANGE',
        message: `expected ≥ ${rule.min}${rule.max === undefined ? '' : ` and ≤ ${rule.max}`}`,
      });
    }
  };

const bool: Check = (value, path, issues) => {
  if (typeof value !== 'boolean') issues.push({ field: path, code: 'INVALID_TYPE', message: 'expected true or false' });
};

const oneOf =
  (allowed: readonly string[]): Check =>
  (value, path, issues) => {
    if (typeof value !== 'string' || !allowed.includes(value))
      issues.push({ field: path, code: 'UNKNOWN_ENUM', message: `expected one of ${allowed.join(', ')}` });
  };

const nullable =
  (check: Check): Check =>
  (value, path, issues) => {
    if (value !== null) check(value, path, issues);
  };

const list =
  (item: Check, whole?: (items: readonly unknown[], path: string, issues: Issue[]) => void): Check =>
  (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ field: path, code: 'INVALID_TYPE', message: 'expected a list' });
      return;
    }
    const before = issues.length;
    value.forEach((entry, index) => item(entry, `${path}.${index}`, issues));
    if (whole !== undefined && issues.length === before) whole(value, path, issues);
  };

const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (value, path, issues) => {
    const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
    if (!isRecord(value)) {
      issues.push({ field: path === '' ? '(root)' : path, code: 'INVALID_TYPE', message: 'expected an object' });
      return;
    }
    for (const [key, check] of Object.entries(fields)) check(value[key], at(key), issues);
    for (const key of Object.keys(value))
      if (!(key in fields)) issues.push({ field: at(key), code: 'UNKNOWN_KEY', message: 'not a tenant setting' });
  };

const keyed = (keys: readonly string[], check: Check): Check =>
  shape(Object.fromEntries(keys.map((key) => [key, check])));

const monthDay: Check = (value, path, issues) => {
  const match = typeof value === 'string' ? /^(\d{2})-(\d{2})$/.exec(value) : null;
  // 2000 is a leap year, so 02-29 is accepted as a month-day.
  if (match === null || !isValidYmd(2000, Number(match[1]), Number(match[2])))
    issues.push({ field: path, code: 'INVALID_DATE', message: 'expected MM-DD' });
};

const tier: Check = shape({
  fromMinutes: num({ integer: true, min: 0 }),
  toMinutes: nullable(num({ integer: true, min: 1 })),
  percent: num({ min: 0, max: 100 }),
});

// R37: tiers are ordered, non-overlapping, each non-empty; only the last may be open-ended.
const tiers: Check = list(tier, (items, path, issues) => {
  const rows = items as readonly LatenessTier[];
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (
      (row.toMinutes !== null && row.toMinutes <= row.fromMinutes) ||
      (previous !== undefined && (previous.toMinutes === null || previous.toMinutes > row.fromMinutes))
    ) {
      issues.push({
        field: `${path}.${index}`,
        code: 'INVALID_ORDER',
        message: 'tiers must be ordered, non-empty and non-overlapping',
      });
    }
  });
});

const percentOrShare = num({ min: 0, max: 1 });

const settingsCheck: Check = shape({
  timeZone: oneOf(TIME_ZONES),
  nip: shape({ minAppointmentAge: num({ integer: true, min: 0, max: 100 }) }),
  period: shape({ cadence: oneOf(CADENCES), inputDeadlineDays: num({ integer: true, min: 0, max: 366 }) }),
  skp: shape({ fallbackDay: monthDay }),
  dailyLog: shape({
    graceWorkingDays: num({ integer: true, min: 0, max: 60 }),
    verificationSlaWorkingDays: num({ integer: true, min: 0, max: 60 }),
  }),
  realisasi: shape({ prorate: bool }),
  evidence: shape({ maxBytes: num({ integer: true, min: 1 }), allowedTypes: list(oneOf(EVIDENCE_TYPES)) }),
  feedback: shape({ minAnonymousGroup: num({ integer: true, min: 1 }) }),
  ikm: shape({ minResponses: num({ integer: true, min: 1 }) }),
  orgToHasil: keyed(ORG_RATINGS, oneOf(RATINGS)),
  rating: shape({ aboveThreshold: num({ min: 1 }) }),
  distribution: shape({ mode: oneOf(DISTRIBUTION_MODES), minGroupSize: num({ integer: true, min: 1 }) }),
  annual: shape({ derivation: oneOf(ANNUAL_DERIVATIONS) }),
  pp30: shape({ peerReview: bool }),
  discipline: shape({ supervisorSlaDays: num({ integer: true, min: 0, max: 366 }) }),
  tpp: (value, path, issues) => {
    shape({
      lateTiers: tiers,
      earlyLeaveTiers: tiers,
      noRecordPercent: num({ min: 0, max: 100 }),
      missedApelPercent: num({ min: 0, max: 100 }),
      performanceShare: nullable(percentOrShare),
      disciplineShare: nullable(percentOrShare),
      performanceFactor: nullable(keyed(PREDIKATS, num({ min: 0 }))),
    })(value, path, issues);
    const tpp: Partial<TppSettings> = isRecord(value) ? value : {};
    // R37: the two shares split one amount, so they sum to 1 when both are set.
    if (
      typeof tpp.performanceShare === 'number' &&
      typeof tpp.disciplineShare === 'number' &&
      Math.abs(tpp.performanceShare + tpp.disciplineShare - 1) > 1e-9
    ) {
      issues.push({
        field: `${path}.performanceShare`,
        code: 'INVALID_SUM',
        message: 'performanceShare + disciplineShare must equal 1',
      });
    }
  },
  development: shape({ pppkMaxJp: num({ integer: true, min: 0 }) }),
  nineBox: shape({ kinerjaByPredikat: keyed(PREDIKATS, oneOf(RATINGS)) }),
});

/** Validates a complete settings object from storage or a request. */
export function validateTenantSettings(value: unknown): Result<TenantSettings> {
  const issues: Issue[] = [];
  settingsCheck(value, '', issues);
  if (issues.length > 0) {
    return failure(
      'INVALID_SETTINGS',
      {
        id: `Pengaturan instansi tidak sah (${issues.length} masalah).`,
        en: `Invalid tenant settings (${issues.length} issues).`,
      },
      { rules: ['R30'], issues },
    );
  }
  const settings = value as TenantSettings;
  return ok(
    settings,
    explanation({
      decision: 'settings.validate',
      rules: ['R30'],
      inputs: {},
      settings,
      values: { valid: true },
      text: { id: 'Pengaturan instansi sah.', en: 'The tenant settings are valid.' },
    }),
  );
}

function merge(base: unknown, overrides: unknown): unknown {
  if (!isRecord(base) || !isRecord(overrides)) return overrides === undefined ? base : overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) merged[key] = merge(base[key], value);
  return merged;
}

export type SettingsOverrides = {
  readonly [K in keyof TenantSettings]?: TenantSettings[K] extends readonly unknown[]
    ? TenantSettings[K]
    : Partial<TenantSettings[K]>;
};

/** The defaults with a tenant's overrides applied (nested groups merge key by key), validated. */
export function tenantSettings(
  overrides: SettingsOverrides = {},
  base: TenantSettings = DEFAULT_TENANT_SETTINGS,
): Result<TenantSettings> {
  return validateTenantSettings(merge(base, overrides));
}

/** A settings version in force from `effectiveFrom` (tenant-local date) until the next version. */
export type SettingsVersion = { readonly effectiveFrom: LocalDate; readonly settings: TenantSettings };

/** R30: picks the version in force on `date`, so a re-run on stored inputs uses the same settings. */
export function settingsInForce(versions: readonly SettingsVersion[], date: LocalDate): Result<SettingsVersion> {
  const invalid = checkDate('date', date, ['R30']) ?? checkArray('versions', versions, { nonEmpty: true }, ['R30']);
  if (invalid !== null) return invalid;
  const seen = new Set<string>();
  for (const version of versions) {
    if (!isLocalDate(version.effectiveFrom))
      return failure(
        'INVALID_DATE',
        { id: 'Tanggal berlaku versi pengaturan tidak sah.', en: 'A settings version has an invalid effective date.' },
        { rules: ['R30'] },
      );
    if (seen.has(version.effectiveFrom)) {
      return failure(
        'DUPLICATE_ENTRY',
        {
          id: `Dua versi pengaturan berlaku sejak ${version.effectiveFrom}.`,
          en: `Two settings versions take effect on ${version.effectiveFrom}.`,
        },
        { rules: ['R30'] },
      );
    }
    seen.add(version.effectiveFrom);
  }
  const inForce = versions
    .filter((version) => version.effectiveFrom <= date)
    .reduce<SettingsVersion | undefined>(
      (latest, version) => (latest === undefined || version.effectiveFrom > latest.effectiveFrom ? version : latest),
      undefined,
    );
  if (inForce === undefined) {
    return failure(
      'SETTINGS_NOT_IN_FORCE',
      { id: `Tidak ada pengaturan yang berlaku pada ${date}.`, en: `No settings are in force on ${date}.` },
      { rules: ['R30'] },
    );
  }
  return ok(
    inForce,
    explanation({
      decision: 'settings.inForce',
      rules: ['R30'],
      inputs: { date, effectiveDates: versions.map((version) => version.effectiveFrom) },
      values: { effectiveFrom: inForce.effectiveFrom },
      text: {
        id: `Pada ${date} berlaku pengaturan sejak ${inForce.effectiveFrom}.`,
        en: `On ${date} the settings effective from ${inForce.effectiveFrom} apply.`,
      },
    }),
  );
}
