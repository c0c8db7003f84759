import { IdentityError } from './identity-error.js';

// Cursor pagination (ARCHITECTURE.md "API"): the cursor is the sort key of the last row returned, opaque to clients.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function pageSize(limit: number): number {
  if (limit < 0 || limit > MAX_PAGE_SIZE)
    throw new IdentityError('VALIDATION_FAILED', 'Ukuran halaman tidak sah.', [
      { field: 'limit', code: 'OUT_OF_RANGE', message: `1 sampai ${MAX_PAGE_SIZE}.` },
    ]);
  return limit === 0 ? DEFAULT_PAGE_SIZE : limit;
}

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, parts: number): string[] | null {
  if (cursor === '') return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key;
  } catch {
    // falls through to the error
  }
  throw new IdentityError('VALIDATION_FAILED', 'Kursor halaman tidak sah.', [
    { field: 'cursor', code: 'INVALID_VALUE', message: 'Gunakan nextCursor dari halaman sebelumnya.' },
  ]);
}

/** Keeps `limit` rows and the cursor of the last one when a further row exists. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { items: T[]; nextCursor: string } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : '' };
}

/** `LIKE` pattern text with its wildcards escaped. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
