import type { Explanation, LocalizedText, RuleId } from './explanation.js';

export const DOMAIN_ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_NUMBER',
  'NOT_AN_INTEGER',
  'NEGATIVE_VALUE',
  'OUT_OF_RANGE',
  'ZERO_TARGET',
  'EMPTY_GROUP',
  'UNKNOWN_ENUM',
  'INVALID_DATE',
  'INVALID_INSTANT',
  'DATES_OUT_OF_ORDER',
  'DUPLICATE_ENTRY',
  'INVALID_NIP',
  'INVALID_NI_PPPK',
  'INVALID_SETTINGS',
  'SETTINGS_NOT_IN_FORCE',
  'SETTING_MISSING',
  'TRANSITION_NOT_ALLOWED',
  'ACTOR_NOT_ALLOWED',
  'REASON_REQUIRED',
  'UNKNOWN_UNIT',
  'NO_ASSIGNMENT',
  'AMBIGUOUS_ASSIGNMENT',
  'AMBIGUOUS_ACTING_APPOINTMENT',
  'ORGANISATION_CYCLE',
  'RATER_UNRESOLVED',
  'PERIOD_MISSING',
  'OBJECTION_CLOSED',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** One problem with one input, shaped like the platform's FieldError (`field`, `code`, `message`). */
export type Issue = { readonly field: string; readonly code: string; readonly message: string };

export type DomainError = {
  readonly code: DomainErrorCode;
  /** English, for logs; `text` holds the user-facing sentences. */
  readonly message: string;
  readonly text: LocalizedText;
  readonly rules: readonly RuleId[];
  readonly issues: readonly Issue[];
};

export type Ok<T> = { readonly ok: true; readonly value: T; readonly explanation: Explanation };
export type Failure = { readonly ok: false; readonly error: DomainError };
export type Result<T> = Ok<T> | Failure;

export function ok<T>(value: T, explanation: Explanation): Ok<T> {
  return { ok: true, value, explanation };
}

export function failure(
  code: DomainErrorCode,
  text: LocalizedText,
  options: { rules?: readonly RuleId[]; issues?: readonly Issue[] } = {},
): Failure {
  return {
    ok: false,
    error: { code, message: text.en, text, rules: options.rules ?? [], issues: options.issues ?? [] },
  };
}
