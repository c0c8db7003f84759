import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { isInstant } from '../calendar/time-zone.js';
import type { RuleId } from './explanation.js';
import { failure, type Failure } from './result.js';

// Input checks shared by every function: each returns a typed Failure or null, never throws.

export type NumberRule = { readonly integer?: boolean; readonly min?: number; readonly max?: number };

export function checkNumber(
  field: string,
  value: unknown,
  rule: NumberRule = {},
  rules: readonly RuleId[] = [],
): Failure | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return failure(
      'INVALID_NUMBER',
      { id: `${field} harus berupa angka yang sah.`, en: `${field} must be a finite number.` },
      { rules },
    );
  }
  if (rule.integer === true && !Number.isInteger(value)) {
    return failure(
      'NOT_AN_INTEGER',
      { id: `${field} harus bilangan bulat.`, en: `${field} must be a whole number.` },
      { rules },
    );
  }
  if (rule.min === 0 && value < 0) {
    return failure(
      'NEGATIVE_VALUE',
      { id: `${field} tidak boleh negatif.`, en: `${field} must not be negative.` },
      { rules },
    );
  }
  if ((rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)) {
    const range = `${rule.min ?? '-∞'}–${rule.max ?? '∞'}`;
    return failure(
      'OUT_OF_RANGE',
      { id: `${field} harus dalam rentang ${range}.`, en: `${field} must be within ${range}.` },
      { rules },
    );
  }
  return null;
}

/** A divisor such as a target: finite, not negative, not zero. */
export function checkPositive(field: string, value: unknown, rules: readonly RuleId[] = []): Failure | null {
  const invalid = checkNumber(field, value, { min: 0 }, rules);
  if (invalid !== null) return invalid;
  return value === 0
    ? failure('ZERO_TARGET', { id: `${field} tidak boleh nol.`, en: `${field} must not be zero.` }, { rules })
    : null;
}

export function checkEnum(
  field: string,
  value: unknown,
  allowed: readonly string[],
  rules: readonly RuleId[] = [],
): Failure | null {
  return typeof value === 'string' && allowed.includes(value)
    ? null
    : failure(
        'UNKNOWN_ENUM',
        {
          id: `${field} tidak dikenal; nilai yang sah: ${allowed.join(', ')}.`,
          en: `${field} is unknown; allowed: ${allowed.join(', ')}.`,
        },
        { rules },
      );
}

export function checkDate(field: string, value: unknown, rules: readonly RuleId[] = []): Failure | null {
  return isLocalDate(value)
    ? null
    : failure(
        'INVALID_DATE',
        { id: `${field} harus tanggal YYYY-MM-DD yang sah.`, en: `${field} must be a valid YYYY-MM-DD date.` },
        { rules },
      );
}

export function checkInstant(field: string, value: unknown, rules: readonly RuleId[] = []): Failure | null {
  return isInstant(value)
    ? null
    : failure(
        'INVALID_INSTANT',
        {
          id: `${field} harus waktu ISO 8601 dengan zona (mis. 2024-01-05T10:00:00+07:00).`,
          en: `${field} must be an ISO 8601 instant with an offset.`,
        },
        { rules },
      );
}

/** `to` must not be before `from` (both already valid). */
export function checkOrder(
  fromField: string,
  from: LocalDate | string,
  toField: string,
  to: LocalDate | string,
  rules: readonly RuleId[] = [],
): Failure | null {
  return to < from
    ? failure(
        'DATES_OUT_OF_ORDER',
        { id: `${toField} tidak boleh sebelum ${fromField}.`, en: `${toField} must not be before ${fromField}.` },
        { rules },
      )
    : null;
}

export function checkArray(
  field: string,
  value: unknown,
  options: { nonEmpty?: boolean } = {},
  rules: readonly RuleId[] = [],
): Failure | null {
  if (!Array.isArray(value)) {
    return failure('INVALID_INPUT', { id: `${field} harus berupa daftar.`, en: `${field} must be a list.` }, { rules });
  }
  return options.nonEmpty === true && value.length === 0
    ? failure('EMPTY_GROUP', { id: `${field} tidak boleh kosong.`, en: `${field} must not be empty.` }, { rules })
    : null;
}

export function checkText(field: string, value: unknown, rules: readonly RuleId[] = []): Failure | null {
  return typeof value === 'string' && value.trim() !== ''
    ? null
    : failure('INVALID_INPUT', { id: `${field} wajib diisi.`, en: `${field} is required.` }, { rules });
}

export function firstFailure(...checks: readonly (Failure | null)[]): Failure | null {
  return checks.find((check): check is Failure => check !== null) ?? null;
}
