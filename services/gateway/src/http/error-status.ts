import { assertNever, type CommonErrorCode } from '@kinerja/platform/errors';
import {
  gatewayErrorCodes,
  identityErrorCodes,
  targetsErrorCodes,
  type GatewayErrorCode,
  type IdentityErrorCode,
  type TargetsErrorCode,
} from '@kinerja/platform/errors';

export type ApiErrorCode = CommonErrorCode | GatewayErrorCode | IdentityErrorCode | TargetsErrorCode;

const known = new Set<string>([...gatewayErrorCodes, ...identityErrorCodes, ...targetsErrorCodes]);

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return known.has(code);
}

// The one place codes become HTTP statuses (STYLE.md "Types and errors"); exhaustive by construction.
export function statusOf(code: ApiErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'MALFORMED_JSON':
    case 'MALFORMED_UPLOAD':
    case 'IMPORT_FILE_EMPTY':
    case 'IMPORT_COLUMNS_MISSING':
    case 'IMPORT_FILE_MALFORMED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'ROLE_NOT_GRANTABLE':
      return 403;
    case 'NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'CONFLICT':
    case 'SKP_EXISTS':
    case 'INVALID_STATE':
    case 'TENANT_CODE_TAKEN':
    case 'NIP_TAKEN':
    case 'UNIT_CODE_TAKEN':
    case 'UNIT_CYCLE':
    case 'ACTING_OVERLAP':
    case 'HISTORY_CONFLICT':
    case 'UNIT_NOT_EMPTY':
    case 'ACCOUNT_MISSING':
    case 'ACCOUNT_TAKEN':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'IDEMPOTENCY_KEY_IN_PROGRESS':
    case 'IMPORT_IN_PROGRESS':
      return 409;
    case 'PRECONDITION_FAILED':
      return 412;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'IMPORT_FILE_UNSUPPORTED':
      return 415;
    case 'DEADLINE_PASSED':
    case 'RATER_UNRESOLVED':
    case 'SKP_INCOMPLETE':
    case 'ORG_DATA_MISSING':
    case 'DOCUMENT_TOO_LARGE':
      return 422;
    case 'PRECONDITION_REQUIRED':
      return 428;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'UNAVAILABLE':
    case 'IDENTITY_PROVIDER_UNAVAILABLE':
      return 503;
    default:
      return assertNever(code, 'error code');
  }
}
