import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { ContractError, fromRpcJson } from '@kinerja/contracts';
import type { Issue } from '@kinerja/domain';
import { ServiceError, type FieldError, type TargetsErrorCode } from '@kinerja/platform/errors';

/** The targets service's one exception type, carrying its code union. */
export class TargetsError extends ServiceError<TargetsErrorCode> {
  constructor(code: TargetsErrorCode, message: string, fields: readonly FieldError[] = []) {
    super(code, message, [...fields]);
  }
}

export const forbidden = (message = 'Anda tidak berwenang melakukan ini.') => new TargetsError('FORBIDDEN', message);
export const notFound = (what: string) => new TargetsError('NOT_FOUND', `${what} tidak ditemukan.`);
export const invalid = (fields: readonly (FieldError | Issue)[], message = 'Isian tidak sah.') =>
  new TargetsError('VALIDATION_FAILED', message, fields);

/** Decodes an RPC payload once at the boundary; a payload that does not fit its contract is VALIDATION_FAILED. */
export function decodePayload<Desc extends DescMessage>(schema: Desc, payload: unknown): MessageShape<Desc> {
  try {
    return fromRpcJson(schema, payload);
  } catch (error) {
    if (error instanceof ContractError) throw invalid(error.fields, 'The request does not fit its contract.');
    throw error;
  }
}

/** Optimistic concurrency: `If-Match` carries the version the client read (`"7"`, `W/"7"` or `7`). */
export function checkIfMatch(ifMatch: string, current: number, required: boolean): void {
  const given = ifMatch.trim();
  if (given === '') {
    if (required)
      throw new TargetsError('PRECONDITION_REQUIRED', 'Sertakan If-Match dengan ETag versi yang diubah.', [
        { field: 'If-Match', code: 'REQUIRED', message: 'The ETag of the version you edit.' },
      ]);
    return;
  }
  const version = given.replace(/^W\//, '').replaceAll('"', '');
  if (version !== String(current))
    throw new TargetsError(
      'PRECONDITION_FAILED',
      'Data telah diubah orang lain; muat ulang lalu ulangi perubahan Anda.',
      [{ field: 'If-Match', code: 'STALE', message: `The current version is ${current}.` }],
    );
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in a payload are UUIDs (another value could never match a row, and must not reach a uuid column). */
export function requireUuids(values: Record<string, string>, optional: readonly string[] = []): void {
  const fields: FieldError[] = [];
  for (const [field, value] of Object.entries(values))
    if (!(uuid.test(value) || (value === '' && optional.includes(field))))
      fields.push({ field, code: 'INVALID_VALUE', message: 'Harus UUID.' });
  if (fields.length > 0) throw invalid(fields);
}
