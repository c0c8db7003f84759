import { isLocalDate } from '@kinerja/domain';
import { isUuid } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { IdentityError } from './identity-error.js';

// Field checks of an RPC request after its contract decoded it: each problem is collected with its field, so the
// caller gets every error at once (messages in Bahasa Indonesia, the platform's default).

export class Fields {
  readonly errors: FieldError[] = [];

  add(field: string, code: string, message: string): void {
    this.errors.push({ field, code, message });
  }

  /** A `YYYY-MM-DD` date; empty is `fallback` (or REQUIRED when there is none). */
  date(field: string, value: string, fallback?: string): string {
    if (value === '') {
      if (fallback === undefined) this.add(field, 'REQUIRED', 'Wajib diisi.');
      return fallback ?? '';
    }
    if (!isLocalDate(value)) this.add(field, 'INVALID_DATE', 'Tanggal harus berformat YYYY-MM-DD yang sah.');
    return value;
  }

  /** An optional `YYYY-MM-DD` date: empty is null. */
  optionalDate(field: string, value: string): string | null {
    return value === '' ? null : this.date(field, value);
  }

  /** R5 and every dated term: `to` is not before `from`. */
  order(fromField: string, from: string, toField: string, to: string | null): void {
    if (to !== null && isLocalDate(from) && isLocalDate(to) && to < from)
      this.add(toField, 'DATES_OUT_OF_ORDER', `Tidak boleh sebelum ${fromField}.`);
  }

  uuid(field: string, value: string, required = true): string | null {
    if (value === '') {
      if (required) this.add(field, 'REQUIRED', 'Wajib diisi.');
      return null;
    }
    if (!isUuid(value)) this.add(field, 'INVALID_VALUE', 'Bukan UUID.');
    return value.toLowerCase();
  }

  text(field: string, value: string, max: number, required = true): string | null {
    const trimmed = value.trim();
    if (trimmed === '') {
      if (required) this.add(field, 'REQUIRED', 'Wajib diisi.');
      return null;
    }
    if (trimmed.length > max) this.add(field, 'TOO_LONG', `Paling banyak ${max} karakter.`);
    return trimmed;
  }

  oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T | null {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.add(field, value === '' ? 'REQUIRED' : 'INVALID_VALUE', `Salah satu dari: ${allowed.join(', ')}.`);
    return null;
  }

  email(field: string, value: string): string | null {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) || trimmed.length > 254)
      this.add(field, 'INVALID_VALUE', 'Bukan alamat e-mail.');
    return trimmed.toLowerCase();
  }

  take(fields: readonly FieldError[]): void {
    this.errors.push(...fields);
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Throws VALIDATION_FAILED with every collected error, if there is one. */
  check(message = 'Permintaan memiliki isian yang tidak sah.'): void {
    if (this.errors.length > 0) throw new IdentityError('VALIDATION_FAILED', message, this.errors);
  }
}

/** The version the caller read (If-Match) must still be the current one. */
export function checkVersion(expected: bigint, actual: number): void {
  if (expected !== 0n && expected !== BigInt(actual))
    throw new IdentityError(
      'PRECONDITION_FAILED',
      `Data telah diubah orang lain (versi ${actual}); muat ulang lalu coba lagi.`,
      [{ field: 'version', code: 'VERSION_MISMATCH', message: `Versi saat ini ${actual}.` }],
    );
}

/** A dated change before the latest recorded one of the same history. */
export function historyConflict(field: string, latestFrom: string): IdentityError {
  return new IdentityError(
    'HISTORY_CONFLICT',
    `Perubahan tidak boleh berlaku sebelum perubahan terakhir (${latestFrom}).`,
    [{ field, code: 'HISTORY_CONFLICT', message: `Harus pada atau setelah ${latestFrom}.` }],
  );
}
