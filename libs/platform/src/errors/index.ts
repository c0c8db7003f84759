// Typed errors. Each service declares its own code union; expected failures are codes, never bare Errors
// (STYLE.md "Types and errors"). Codes cross NATS as an RpcErrorBody and are mapped to problem+json
// once, at the gateway.

/** Codes every service may raise. A service's union extends these with its own. */
export const commonErrorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'DEADLINE_PASSED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type CommonErrorCode = (typeof commonErrorCodes)[number];

/** One field's problem, with a JSON-pointer-like dotted path (`rhk.0.iki.1.target`). */
export type FieldError = { field: string; code: string; message: string };

/** The shape an error takes on the wire (RPC reply) and inside the gateway. */
export type RpcErrorBody = { code: string; message: string; fields?: FieldError[] };

export class ServiceError<C extends string = CommonErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toBody(): RpcErrorBody {
    return this.fields.length > 0
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export function assertNever(value: never, context = 'value'): never {
  throw new Error(`Unhandled ${context}: ${String(value)}`);
}

// Codes of each service, beyond the common ones. The gateway maps every one of them exhaustively; a service's
// exception type is `ServiceError<CommonErrorCode | <Service>ErrorCode>`.
export const gatewayErrorCodes = [
  ...commonErrorCodes,
  'MALFORMED_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  // An upload that is not a well-formed multipart/form-data body with one file.
  'MALFORMED_UPLOAD',
] as const;
export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

export const identityErrorCodes = [
  ...commonErrorCodes,
  'TENANT_CODE_TAKEN',
  'NIP_TAKEN',
  'IDENTITY_PROVIDER_UNAVAILABLE',
  'UNIT_CODE_TAKEN',
  // A unit cannot become its own ancestor.
  'UNIT_CYCLE',
  // Two acting heads (PLT/PLH) of one unit on one date.
  'ACTING_OVERLAP',
  // A dated change before the last recorded change of the same history (heads, parents, placements, statuses).
  'HISTORY_CONFLICT',
  'UNIT_NOT_EMPTY',
  'ACCOUNT_MISSING',
  'ACCOUNT_TAKEN',
  'ROLE_NOT_GRANTABLE',
  // R5: no rater on that date (no placement, ambiguous data).
  'RATER_UNRESOLVED',
  // Bulk import: a file with no data rows, without a required column, or not readable as CSV/XLSX.
  'IMPORT_FILE_UNSUPPORTED',
  'IMPORT_FILE_EMPTY',
  'IMPORT_COLUMNS_MISSING',
  'IMPORT_FILE_MALFORMED',
  // Another import of the tenant is still running.
  'IMPORT_IN_PROGRESS',
] as const;
export type IdentityErrorCode = (typeof identityErrorCodes)[number];

export const targetsErrorCodes = [
  ...commonErrorCodes,
  // A PUT without If-Match: the editor must say which version it edits (RFC 6585).
  'PRECONDITION_REQUIRED',
  'SKP_EXISTS',
  // R12: submission refused; `fields` lists every missing item.
  'SKP_INCOMPLETE',
  // R11: the action is not allowed in the SKP's (or period's) current state.
  'INVALID_STATE',
  // The org projection has no placement, unit or rater for the date (identity's events not yet applied).
  'ORG_DATA_MISSING',
  // Decision 0012: the SKP's document is larger than one RPC reply may carry.
  'DOCUMENT_TOO_LARGE',
] as const;
export type TargetsErrorCode = (typeof targetsErrorCodes)[number];
