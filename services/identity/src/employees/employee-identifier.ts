import { DEFAULT_TENANT_SETTINGS, parseNip, parseNiPppk } from '@kinerja/domain';
import { IdentityError } from '../identity-error.js';

// R1 (PNS NIP) and R2 (NI PPPK): the identifier is checked by its employment type; every failure is reported
// under the field `nip` with its own code, and the normalised digits (spaces stripped) are what is stored.
export function validIdentifier(
  employmentType: 'PNS' | 'PPPK',
  input: string,
  minAppointmentAge = DEFAULT_TENANT_SETTINGS.nip.minAppointmentAge,
): string {
  const parsed = employmentType === 'PNS' ? parseNip(input, { minAppointmentAge }) : parseNiPppk(input);
  if (parsed.ok) return 'nip' in parsed.value ? parsed.value.nip : parsed.value.niPppk;
  throw new IdentityError(
    'VALIDATION_FAILED',
    parsed.error.text.en,
    parsed.error.issues.map((issue) => ({ field: 'nip', code: issue.code, message: issue.message })),
  );
}
