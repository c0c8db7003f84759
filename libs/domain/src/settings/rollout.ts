import { explanation } from '../explain/explanation.js';
import { checkArray, checkEnum, checkText } from '../explain/guards.js';
import { failure, ok, type Issue, type Result } from '../explain/result.js';

// Phased rollout: a tenant introduces a module unit by unit (a pilot first, then everyone). Per module the rollout
// is ALL, or the listed units with their descendants; a module without an entry is active everywhere. It is part of
// the tenant settings versions (R30), so every service decides from its own projection.

export const ROLLOUT_MODULES = ['DAILY_LOG', 'FEEDBACK_360', 'CITIZEN_FEEDBACK', 'CURVE_ENFORCEMENT', 'TPP'] as const;
export type RolloutModule = (typeof ROLLOUT_MODULES)[number];
export const ROLLOUT_SCOPES = ['ALL', 'UNITS'] as const;
export type RolloutScope = (typeof ROLLOUT_SCOPES)[number];

export type ModuleRollout = {
  readonly module: RolloutModule;
  readonly scope: RolloutScope;
  /** For UNITS: the units where the module is active, each with its descendants. */
  readonly unitIds: readonly string[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the shape: known modules, each once; ALL lists no units; UNITS lists at least one, each once. */
export function validateRollout(rollout: unknown): Result<readonly ModuleRollout[]> {
  const invalid = checkArray('rollout', rollout, {}, ['R30']);
  if (invalid !== null) return invalid;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  (rollout as readonly unknown[]).forEach((entry, index) => {
    const at = `rollout.${index}`;
    if (!isRecord(entry)) {
      issues.push({ field: at, code: 'INVALID_TYPE', message: 'expected an object' });
      return;
    }
    const { module, scope, unitIds } = entry;
    if (checkEnum('module', module, ROLLOUT_MODULES) !== null)
      issues.push({
        field: `${at}.module`,
        code: 'UNKNOWN_ENUM',
        message: `expected one of ${ROLLOUT_MODULES.join(', ')}`,
      });
    else if (seen.has(module as string))
      issues.push({ field: `${at}.module`, code: 'DUPLICATE_ENTRY', message: 'each module once' });
    else seen.add(module as string);
    if (checkEnum('scope', scope, ROLLOUT_SCOPES) !== null)
      issues.push({ field: `${at}.scope`, code: 'UNKNOWN_ENUM', message: 'expected ALL or UNITS' });
    const units = Array.isArray(unitIds) ? unitIds : null;
    if (units === null || units.some((id) => checkText('unitId', id) !== null))
      issues.push({ field: `${at}.unitIds`, code: 'INVALID_TYPE', message: 'expected a list of unit ids' });
    else if (scope === 'ALL' && units.length > 0)
      issues.push({ field: `${at}.unitIds`, code: 'NOT_ALLOWED', message: 'scope ALL lists no units' });
    else if (scope === 'UNITS' && units.length === 0)
      issues.push({ field: `${at}.unitIds`, code: 'REQUIRED', message: 'scope UNITS lists at least one unit' });
    else if (new Set(units).size !== units.length)
      issues.push({ field: `${at}.unitIds`, code: 'DUPLICATE_ENTRY', message: 'each unit once' });
  });
  if (issues.length > 0)
    return failure(
      'INVALID_SETTINGS',
      {
        id: `Pengaturan penerapan bertahap tidak sah (${issues.length} masalah).`,
        en: `Invalid module rollout (${issues.length} issues).`,
      },
      { rules: ['R30'], issues },
    );
  const value = rollout as readonly ModuleRollout[];
  return ok(
    value,
    explanation({
      decision: 'settings.validateRollout',
      rules: ['R30'],
      inputs: {},
      values: { modules: value.map((entry) => entry.module) },
      text: { id: 'Pengaturan penerapan bertahap sah.', en: 'The module rollout is valid.' },
    }),
  );
}

/**
 * Whether `module` is active for an employee of the unit whose chain on the date is `unitChain` (the unit first,
 * then its ancestors up to the top unit).
 */
export function moduleActive(
  rollout: readonly ModuleRollout[],
  module: RolloutModule,
  unitChain: readonly string[],
): Result<boolean> {
  const invalid =
    checkEnum('module', module, ROLLOUT_MODULES, ['R30']) ?? checkArray('unitChain', unitChain, {}, ['R30']);
  if (invalid !== null) return invalid;
  const entry = rollout.find((candidate) => candidate.module === module);
  const via = entry?.scope === 'UNITS' ? unitChain.find((unitId) => entry.unitIds.includes(unitId)) : undefined;
  const active = entry === undefined || entry.scope === 'ALL' || via !== undefined;
  const where =
    entry === undefined || entry.scope === 'ALL'
      ? { id: 'di seluruh instansi', en: 'across the tenant' }
      : via !== undefined
        ? { id: `di unit ${via} dan unit di bawahnya`, en: `in unit ${via} and the units below it` }
        : { id: 'hanya di unit percontohan', en: 'only in the pilot units' };
  return ok(
    active,
    explanation({
      decision: 'settings.moduleActive',
      rules: ['R30'],
      inputs: { module, unitChain: [...unitChain] },
      values: { active, scope: entry?.scope ?? 'ALL', via: via ?? null },
      text: {
        id: `Modul ${module} ${active ? 'aktif' : 'belum aktif'} untuk unit ini; modul aktif ${where.id}.`,
        en: `Module ${module} is ${active ? 'active' : 'not yet active'} for this unit; it is active ${where.en}.`,
      },
    }),
  );
}
