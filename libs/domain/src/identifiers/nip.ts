import { isValidYmd, localDate, type LocalDate } from '../calendar/local-date.js';
import { explanation } from '../explain/explanation.js';
import { checkNumber } from '../explain/guards.js';
import { failure, ok, type Issue, type Result } from '../explain/result.js';

export const NIP_ISSUE_CODES = [
  'NIP_FORMAT',
  'NIP_BIRTH_DATE',
  'NIP_APPOINTMENT_DATE',
  'NIP_GENDER_DIGIT',
  'NIP_SEQUENCE',
] as const;
export type NipIssueCode = (typeof NIP_ISSUE_CODES)[number];
export const NI_PPPK_ISSUE_CODES = [
  'NI_PPPK_FORMAT',
  'NI_PPPK_BIRTH_DATE',
  'NI_PPPK_APPOINTMENT_YEAR',
  'NI_PPPK_GENDER_DIGIT',
  'NI_PPPK_SEQUENCE',
] as const;
export type NiPppkIssueCode = (typeof NI_PPPK_ISSUE_CODES)[number];

export type JenisKelamin = 'LAKI_LAKI' | 'PEREMPUAN';

/** The parts of a NIP (R1): `YYYYMMDD YYYYMM G NNN`. */
export type NipParts = {
  readonly nip: string;
  readonly birthDate: LocalDate;
  /** TMT CPNS as `YYYY-MM`. */
  readonly appointmentMonth: string;
  readonly gender: JenisKelamin;
  readonly sequence: string;
};

/** The parts of an NI PPPK (R2): `YYYYMMDD YYYY CC G NNN`. */
export type NiPppkParts = {
  readonly niPppk: string;
  readonly birthDate: LocalDate;
  readonly appointmentYear: number;
  readonly code: string;
  readonly gender: JenisKelamin;
  readonly sequence: string;
};

export type NipSettings = { readonly minAppointmentAge: number };

// R2 fixes the PPPK age floor at 18; R1 makes the PNS floor a tenant setting with the same default.
const PPPK_MIN_APPOINTMENT_AGE = 18;

function issue(code: string, message: string): Issue {
  return { field: 'nip', code, message };
}

// R1: spaces are stripped before validation and never stored.
function digitsOf(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const stripped = input.replace(/\s+/g, '');
  return /^\d{18}$/.test(stripped) ? stripped : null;
}

function genderOf(digit: string): JenisKelamin {
  return digit === '1' ? 'LAKI_LAKI' : 'PEREMPUAN';
}

function birthDateIssue(digits: string): boolean {
  return !isValidYmd(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
}

/** R1: validates a NIP, returning its parts or every failure with its own code. */
export function parseNip(input: unknown, settings: NipSettings): Result<NipParts> {
  const badSetting = checkNumber('nip.minAppointmentAge', settings.minAppointmentAge, { integer: true, min: 0 }, [
    'R1',
  ]);
  if (badSetting !== null) return badSetting;
  const digits = digitsOf(input);
  if (digits === null) {
    return failure(
      'INVALID_NIP',
      { id: 'NIP harus terdiri dari 18 angka.', en: 'A NIP must consist of 18 digits.' },
      { rules: ['R1'], issues: [issue('NIP_FORMAT', 'expected 18 digits after removing spaces')] },
    );
  }
  const issues: Issue[] = [];
  const birthYear = Number(digits.slice(0, 4));
  if (birthDateIssue(digits)) issues.push(issue('NIP_BIRTH_DATE', 'digits 1–8 are not a real calendar date'));
  const appointmentYear = Number(digits.slice(8, 12));
  const appointmentMonth = Number(digits.slice(12, 14));
  if (appointmentMonth < 1 || appointmentMonth > 12 || appointmentYear < birthYear + settings.minAppointmentAge) {
    issues.push(
      issue(
        'NIP_APPOINTMENT_DATE',
        `digits 9–14 must be a year-month with month 01–12 and year ≥ birth year + ${settings.minAppointmentAge}`,
      ),
    );
  }
  if (digits[14] !== '1' && digits[14] !== '2')
    issues.push(issue('NIP_GENDER_DIGIT', 'digit 15 must be 1 (male) or 2 (female)'));
  if (digits.slice(15) === '000') issues.push(issue('NIP_SEQUENCE', 'digits 16–18 must not be 000'));
  if (issues.length > 0) {
    return failure(
      'INVALID_NIP',
      {
        id: `NIP tidak sah: ${issues.map((i) => i.code).join(', ')}.`,
        en: `Invalid NIP: ${issues.map((i) => i.code).join(', ')}.`,
      },
      { rules: ['R1'], issues },
    );
  }
  const parts: NipParts = {
    nip: digits,
    birthDate: localDate(birthYear, Number(digits.slice(4, 6)), Number(digits.slice(6, 8))),
    appointmentMonth: `${digits.slice(8, 12)}-${digits.slice(12, 14)}`,
    gender: genderOf(digits[14] as string),
    sequence: digits.slice(15),
  };
  return ok(
    parts,
    explanation({
      decision: 'identifiers.nip',
      rules: ['R1'],
      inputs: { nip: digits },
      settings: { minAppointmentAge: settings.minAppointmentAge },
      values: parts,
      text: {
        id: `NIP sah: lahir ${parts.birthDate}, TMT CPNS ${parts.appointmentMonth}, nomor urut ${parts.sequence}.`,
        en: `Valid NIP: born ${parts.birthDate}, appointed ${parts.appointmentMonth}, sequence ${parts.sequence}.`,
      },
    }),
  );
}

/** R2: validates an NI PPPK, returning its parts or every failure with its own code. */
export function parseNiPppk(input: unknown): Result<NiPppkParts> {
  const digits = digitsOf(input);
  const pppkIssue = (code: NiPppkIssueCode, message: string): Issue => ({ field: 'niPppk', code, message });
  if (digits === null) {
    return failure(
      'INVALID_NI_PPPK',
      { id: 'NI PPPK harus terdiri dari 18 angka.', en: 'An NI PPPK must consist of 18 digits.' },
      { rules: ['R2'], issues: [pppkIssue('NI_PPPK_FORMAT', 'expected 18 digits after removing spaces')] },
    );
  }
  const issues: Issue[] = [];
  const birthYear = Number(digits.slice(0, 4));
  const appointmentYear = Number(digits.slice(8, 12));
  if (birthDateIssue(digits)) issues.push(pppkIssue('NI_PPPK_BIRTH_DATE', 'digits 1–8 are not a real calendar date'));
  if (appointmentYear < birthYear + PPPK_MIN_APPOINTMENT_AGE) {
    issues.push(
      pppkIssue('NI_PPPK_APPOINTMENT_YEAR', `digits 9–12 must be a year ≥ birth year + ${PPPK_MIN_APPOINTMENT_AGE}`),
    );
  }
  if (digits[14] !== '1' && digits[14] !== '2')
    issues.push(pppkIssue('NI_PPPK_GENDER_DIGIT', 'digit 15 must be 1 or 2'));
  if (digits.slice(15) === '000') issues.push(pppkIssue('NI_PPPK_SEQUENCE', 'digits 16–18 must not be 000'));
  if (issues.length > 0) {
    return failure(
      'INVALID_NI_PPPK',
      {
        id: `NI PPPK tidak sah: ${issues.map((i) => i.code).join(', ')}.`,
        en: `Invalid NI PPPK: ${issues.map((i) => i.code).join(', ')}.`,
      },
      { rules: ['R2'], issues },
    );
  }
  const parts: NiPppkParts = {
    niPppk: digits,
    birthDate: localDate(birthYear, Number(digits.slice(4, 6)), Number(digits.slice(6, 8))),
    appointmentYear,
    code: digits.slice(12, 14),
    gender: genderOf(digits[14] as string),
    sequence: digits.slice(15),
  };
  return ok(
    parts,
    explanation({
      decision: 'identifiers.niPppk',
      rules: ['R2'],
      inputs: { niPppk: digits },
      values: parts,
      text: {
        id: `NI PPPK sah: lahir ${parts.birthDate}, diangkat ${appointmentYear}, nomor urut ${parts.sequence}.`,
        en: `Valid NI PPPK: born ${parts.birthDate}, appointed ${appointmentYear}, sequence ${parts.sequence}.`,
      },
    }),
  );
}
