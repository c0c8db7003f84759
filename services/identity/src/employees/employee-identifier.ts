import { DEFAULT_TENANT_SETTINGS, parseNip, parseNiPppk } from '@kinerja/domain';
import { IdentityError } from '../identity-error.js';

export type EmployeeIdentifier = { nip: string; birthDate: string; gender: 'L' | 'P' };

// R1 (PNS NIP) and R2 (NI PPPK): the identifier is checked by its employment type; every failure is reported
// under the field `nip` with its own code, and the normalised digits (spaces stripped) are what is stored.
export function parseIdentifier(
  employmentType: 'PNS' | 'PPPK',
  input: string,
  minAppointmentAge = DEFAULT_TENANT_SETTINGS.nip.minAppointmentAge,
): EmployeeIdentifier {
  const parsed = employmentType === 'PNS' ? parseNip(input, { minAppointmentAge }) : parseNiPppk(input);
  if (parsed.ok) {
    const nip = 'nip' in parsed.value ? parsed.value.nip : parsed.value.niPppk;
    return { nip, birthDate: parsed.value.birthDate, gender: parsed.value.gender === 'LAKI_LAKI' ? 'L' : 'P' };
  }
  throw new IdentityError(
    'VALIDATION_FAILED',
    parsed.error.text.id,
    parsed.error.issues.map((issue) => ({ field: 'nip', code: issue.code, message: issue.message })),
  );
}
