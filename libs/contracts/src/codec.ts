import {
  create,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescField,
  type DescMessage,
  type JsonObject,
  type JsonValue,
  type MessageInitShape,
  type MessageJsonType,
  type MessageShape,
} from '@bufbuild/protobuf';

// Encoding of the two wire forms (ARCHITECTURE.md "Contracts"): events are binary protobuf,
// RPC payloads are proto3 JSON. Decoding is strict and fails with one typed error.

export type ContractFieldErrorCode = 'UNKNOWN_FIELD' | 'INVALID_VALUE';

/** Same shape as the platform's FieldError, so a caller can pass `fields` on unchanged. */
export type ContractFieldError = { field: string; code: ContractFieldErrorCode; message: string };

/** Input that does not fit its contract. Callers map it to VALIDATION_FAILED (RPC) or dead-letter it (events). */
export class ContractError extends Error {
  readonly code = 'VALIDATION_FAILED' as const;

  constructor(
    readonly typeName: string,
    message: string,
    readonly fields: ContractFieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ContractError';
  }
}

/** Binary body of an event; `message` may be a created message or a plain initialiser. */
export function encodeEvent<Desc extends DescMessage>(schema: Desc, message: MessageInitShape<Desc>): Uint8Array {
  return toBinary(schema, create(schema, message));
}

/** Parses an event body. Unknown fields are kept: a newer producer may have added some. */
export function decodeEvent<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  try {
    return fromBinary(schema, bytes);
  } catch (cause) {
    throw new ContractError(schema.typeName, `${schema.typeName}: malformed binary body`, [], { cause });
  }
}

/** Canonical proto3 JSON (lowerCamelCase names, defaults omitted, int64 as strings). */
export function toRpcJson<Desc extends DescMessage>(
  schema: Desc,
  message: MessageInitShape<Desc>,
): MessageJsonType<Desc> {
  return toJson<Desc, undefined>(schema, create(schema, message));
}

/**
 * Parses an RPC payload. Strict: a key the contract does not know is an error, not silently dropped,
 * so a client's typo cannot pass as an empty field. Every offending field is reported.
 */
export function fromRpcJson<Desc extends DescMessage>(schema: Desc, json: unknown): MessageShape<Desc> {
  if (!isJsonObject(json)) {
    throw new ContractError(schema.typeName, `${schema.typeName}: expected a JSON object`, [
      { field: '', code: 'INVALID_VALUE', message: 'expected a JSON object' },
    ]);
  }
  const unknown = unknownFields(schema, json, '');
  if (unknown.length > 0) {
    throw new ContractError(schema.typeName, `${schema.typeName}: unknown fields`, unknown);
  }
  try {
    return fromJson(schema, json, { ignoreUnknownFields: false });
  } catch (cause) {
    const invalid = invalidFields(schema, json, '');
    const fields: ContractFieldError[] =
      invalid.length > 0 ? invalid : [{ field: '', code: 'INVALID_VALUE', message: reason(cause) }];
    throw new ContractError(schema.typeName, `${schema.typeName}: invalid fields`, fields, { cause });
  }
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

// proto3 JSON parsers accept both the lowerCamelCase name and the proto field name.
function fieldFor(schema: DescMessage, key: string): DescField | undefined {
  return schema.fields.find((f) => f.jsonName === key || f.name === key);
}

// Well-known types have their own JSON forms (a Timestamp is a string), so they are leaves here.
function nestedMessage(field: DescField): DescMessage | undefined {
  const message =
    field.fieldKind === 'message'
      ? field.message
      : field.fieldKind === 'list' && field.listKind === 'message'
        ? field.message
        : field.fieldKind === 'map' && field.mapKind === 'message'
          ? field.message
          : undefined;
  return message && !message.typeName.startsWith('google.protobuf.') ? message : undefined;
}

// Each nested object of a field that holds messages, with its path: one for a message field,
// one per item of a list, one per value of a map.
function children(field: DescField, value: JsonValue, path: string): Array<[JsonObject, string]> {
  if (field.fieldKind === 'message') return isJsonObject(value) ? [[value, path]] : [];
  const entries: Array<[string | number, JsonValue]> =
    field.fieldKind === 'list' && Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : field.fieldKind === 'map' && isJsonObject(value)
        ? Object.entries(value)
        : [];
  return entries.flatMap(([k, v]) => (isJsonObject(v) ? [[v, join(path, k)] as [JsonObject, string]] : []));
}

function unknownFields(schema: DescMessage, json: JsonObject, path: string): ContractFieldError[] {
  return Object.entries(json).flatMap(([key, value]) => {
    const field = fieldFor(schema, key);
    const at = join(path, key);
    if (!field) return [{ field: at, code: 'UNKNOWN_FIELD' as const, message: `unknown field "${key}"` }];
    const nested = nestedMessage(field);
    return nested ? children(field, value, at).flatMap(([child, p]) => unknownFields(nested, child, p)) : [];
  });
}

// Runs only after a failed parse: tries each field alone to name the ones at fault, descending
// into nested messages so the path points at the innermost bad value.
function invalidFields(schema: DescMessage, json: JsonObject, path: string): ContractFieldError[] {
  return Object.entries(json).flatMap(([key, value]) => {
    const field = fieldFor(schema, key);
    const at = join(path, key);
    if (!field) return [];
    try {
      fromJson(schema, { [key]: value });
      return [];
    } catch (cause) {
      const nested = nestedMessage(field);
      const inner = nested ? children(field, value, at).flatMap(([child, p]) => invalidFields(nested, child, p)) : [];
      return inner.length > 0 ? inner : [{ field: at, code: 'INVALID_VALUE' as const, message: reason(cause) }];
    }
  });
}

// protobuf-es wraps the precise reason ("expected string, got 1") as the cause.
function reason(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
