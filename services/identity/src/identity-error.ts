import { hasRole, type Principal, type RealmRole } from '@kinerja/platform/auth';
import { ServiceError, type FieldError, type IdentityErrorCode } from '@kinerja/platform/errors';

/** The identity service's one exception type, carrying its code union. */
export class IdentityError extends ServiceError<IdentityErrorCode> {
  constructor(code: IdentityErrorCode, message: string, fields: FieldError[] = []) {
    super(code, message, fields);
  }
}

export function requireRole(principal: Principal, ...roles: RealmRole[]): void {
  if (!hasRole(principal, ...roles)) throw new IdentityError('FORBIDDEN', 'Your roles do not allow this action.');
}

/** Another tenant's id reads as not found: RLS hides the row (R41). */
export function notFound(what: string): IdentityError {
  return new IdentityError('NOT_FOUND', `${what} tidak ditemukan.`);
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown; constraint?: unknown }; constraint?: unknown };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
