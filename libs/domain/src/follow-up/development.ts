import { explanation } from '../explain/explanation.js';
import { checkEnum, checkNumber } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import { EMPLOYMENT_TYPES, type EmploymentType } from '../identifiers/master-data.js';
import type { DevelopmentSettings } from '../settings/tenant-settings.js';

// R38: PNS are entitled to at least 20 JP of competency development a year (PP 11/2017 jo. PP 17/2020).
export const PNS_MIN_JP = 20;

export type DevelopmentFlag = 'PNS_BELOW_MINIMUM_JP' | 'PPPK_ABOVE_MAXIMUM_JP';

/** R38: flags a PNS with fewer than 20 completed JP in the year, or a PPPK planned above `development.pppkMaxJp`. */
export function developmentFlags(
  employmentType: EmploymentType,
  completedJp: number,
  plannedJp: number,
  settings: DevelopmentSettings,
): Result<readonly DevelopmentFlag[]> {
  const invalid =
    checkEnum('employmentType', employmentType, EMPLOYMENT_TYPES, ['R38']) ??
    checkNumber('completedJp', completedJp, { min: 0 }, ['R38']) ??
    checkNumber('plannedJp', plannedJp, { min: 0 }, ['R38']) ??
    checkNumber('development.pppkMaxJp', settings.pppkMaxJp, { min: 0 }, ['R38']);
  if (invalid !== null) return invalid;
  const flags: DevelopmentFlag[] = [];
  if (employmentType === 'PNS' && completedJp < PNS_MIN_JP) flags.push('PNS_BELOW_MINIMUM_JP');
  if (employmentType === 'PPPK' && plannedJp > settings.pppkMaxJp) flags.push('PPPK_ABOVE_MAXIMUM_JP');
  return ok(
    flags,
    explanation({
      decision: 'followUp.developmentFlags',
      rules: ['R38'],
      inputs: { employmentType, completedJp, plannedJp },
      settings: { pppkMaxJp: settings.pppkMaxJp },
      values: { flags, pnsMinJp: PNS_MIN_JP },
      text:
        flags.length === 0
          ? {
              id: `Jam pelajaran pengembangan kompetensi ${employmentType} memenuhi ketentuan.`,
              en: `The ${employmentType} competency-development hours meet the rules.`,
            }
          : employmentType === 'PNS'
            ? {
                id: `PNS baru menyelesaikan ${completedJp} JP, kurang dari ${PNS_MIN_JP} JP setahun.`,
                en: `The PNS completed ${completedJp} JP, fewer than ${PNS_MIN_JP} JP a year.`,
              }
            : {
                id: `PPPK direncanakan ${plannedJp} JP, melebihi batas ${settings.pppkMaxJp} JP.`,
                en: `The PPPK is planned ${plannedJp} JP, above the ${settings.pppkMaxJp} JP cap.`,
              },
    }),
  );
}
