import { create, equals, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from '@jest/globals';
import {
  commonV1,
  ContractError,
  decodeEvent,
  encodeEvent,
  fromRpcJson,
  identityV1,
  toRpcJson,
  type ContractFieldError,
} from './index.js';

const aTenant = (init: Omit<Partial<identityV1.Tenant>, '$typeName' | '$unknown'> = {}) =>
  create(identityV1.TenantSchema, {
    id: '0b6f5a3e-2f7c-4d43-9a53-6f1b1c8e4a10',
    code: 'KOTA-BDG',
    name: 'Pemerintah Kota Bandung',
    level: 'KOTA',
    parentTenantId: '5d2e0c8a-93a1-4d7b-8a6e-0f0e4f6e2b21',
    timeZone: 'Asia/Jakarta',
    createdAt: timestampFromDate(new Date('2026-01-05T02:30:00.123Z')),
    ...init,
  });

const anEmployee = (init: Omit<Partial<identityV1.Employee>, '$typeName' | '$unknown'> = {}) =>
  create(identityV1.EmployeeSchema, {
    id: '7c1d1a0e-7f7e-4f1e-9d5e-2a0b7c3e9f11',
    tenantId: '0b6f5a3e-2f7c-4d43-9a53-6f1b1c8e4a10',
    nip: '198503152010011002',
    name: 'Siti Rahmawati',
    employmentType: 'PNS',
    status: 'AKTIF',
    unitId: '3e9a7b1c-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
    positionName: 'Analis Kepegawaian',
    jenisJabatan: 'JF_KEAHLIAN',
    email: 'siti@bandung.go.id',
    createdAt: timestampFromDate(new Date('2026-01-05T03:00:00Z')),
    updatedAt: timestampFromDate(new Date('2026-01-06T04:00:00Z')),
    version: 3n,
    ...init,
  });

function contractErrorOf(run: () => unknown): ContractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('expected a ContractError, nothing was thrown');
}

const fieldsOf = (run: () => unknown): ContractFieldError[] => contractErrorOf(run).fields;

describe('event codec', () => {
  it('round-trips an event through its binary body', () => {
    const event = create(identityV1.TenantCreatedSchema, { tenant: aTenant() });

    const decoded = decodeEvent(identityV1.TenantCreatedSchema, encodeEvent(identityV1.TenantCreatedSchema, event));

    expect(equals(identityV1.TenantCreatedSchema, decoded, event)).toBe(true);
    expect(decoded.tenant?.createdAt?.nanos).toBe(123_000_000);
  });

  it('encodes a plain initialiser the same as a created message', () => {
    const init = { employee: { nip: '198503152010011002', version: 7n } };

    expect(encodeEvent(identityV1.EmployeeCreatedSchema, init)).toEqual(
      encodeEvent(identityV1.EmployeeCreatedSchema, create(identityV1.EmployeeCreatedSchema, init)),
    );
  });

  it('names the ce-type of an event by its full message name', () => {
    expect(identityV1.TenantCreatedSchema.typeName).toBe('kinerja.identity.v1.TenantCreated');
    expect(identityV1.EmployeeCreatedSchema.typeName).toBe('kinerja.identity.v1.EmployeeCreated');
  });

  it('keeps fields it does not know, so a consumer older than the producer loses nothing', () => {
    const tenant = aTenant();
    const bytes = toBinary(identityV1.TenantSchema, tenant);

    // GetTenantRequest shares only field 1 (id) with Tenant: the rest are unknown to it.
    const older = decodeEvent(identityV1.GetTenantRequestSchema, bytes);
    const reread = decodeEvent(identityV1.TenantSchema, toBinary(identityV1.GetTenantRequestSchema, older));

    expect(older.id).toBe(tenant.id);
    expect(equals(identityV1.TenantSchema, reread, tenant)).toBe(true);
  });

  it('refuses a malformed body with a ContractError', () => {
    // Field 1, length-delimited, claiming 127 bytes that are not there.
    const error = contractErrorOf(() =>
      decodeEvent(identityV1.TenantCreatedSchema, new Uint8Array([0x0a, 0x7f, 0x01])),
    );

    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.typeName).toBe('kinerja.identity.v1.TenantCreated');
  });
});

describe('RPC JSON codec', () => {
  it('writes canonical proto3 JSON: camelCase names, defaults omitted, int64 and instants as strings', () => {
    const json = toRpcJson(identityV1.GetEmployeeResponseSchema, {
      employee: anEmployee({ email: '', createdAt: undefined, updatedAt: undefined }),
    });

    expect(json).toEqual({
      employee: {
        id: '7c1d1a0e-7f7e-4f1e-9d5e-2a0b7c3e9f11',
        tenantId: '0b6f5a3e-2f7c-4d43-9a53-6f1b1c8e4a10',
        nip: '198503152010011002',
        name: 'Siti Rahmawati',
        employmentType: 'PNS',
        status: 'AKTIF',
        unitId: '3e9a7b1c-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
        positionName: 'Analis Kepegawaian',
        jenisJabatan: 'JF_KEAHLIAN',
        version: '3',
      },
    });
    expect(toRpcJson(identityV1.TenantSchema, aTenant()).createdAt).toBe('2026-01-05T02:30:00.123Z');
  });

  it('round-trips every identity reply through JSON text', () => {
    const replies = [
      [identityV1.GetTenantResponseSchema, create(identityV1.GetTenantResponseSchema, { tenant: aTenant() })],
      [
        identityV1.CreateTenantResponseSchema,
        create(identityV1.CreateTenantResponseSchema, {
          tenant: aTenant(),
          adminAccount: { userId: 'u-1', username: 'admin.bandung', created: true, temporaryPassword: 'x7-Kq' },
        }),
      ],
      [
        identityV1.ListTenantsResponseSchema,
        create(identityV1.ListTenantsResponseSchema, {
          tenants: [aTenant(), aTenant({ id: 'other', parentTenantId: '' })],
        }),
      ],
      [
        identityV1.GetMeResponseSchema,
        create(identityV1.GetMeResponseSchema, { subject: 's-1', roles: ['employee'], employee: anEmployee() }),
      ],
      [
        identityV1.GetMeResponseSchema,
        create(identityV1.GetMeResponseSchema, { subject: 'admin', roles: ['platform-admin'] }),
      ],
    ] as const;

    for (const [schema, message] of replies) {
      const wire: unknown = JSON.parse(JSON.stringify(toRpcJson(schema, message)));
      expect(equals(schema, fromRpcJson(schema, wire), message)).toBe(true);
    }
  });

  it('leaves an absent employee unset in GetMeResponse', () => {
    const me = fromRpcJson(identityV1.GetMeResponseSchema, { subject: 'admin', roles: ['platform-admin'] });

    expect(me.employee).toBeUndefined();
    expect(me.tenantId).toBe('');
  });

  it('accepts proto field names as well as camelCase ones', () => {
    const request = fromRpcJson(identityV1.CreateTenantRequestSchema, {
      code: 'KAB-BGR',
      time_zone: 'Asia/Jakarta',
      adminUsername: 'admin.bogor',
    });

    expect(request.timeZone).toBe('Asia/Jakarta');
    expect(request.adminUsername).toBe('admin.bogor');
  });

  it('rejects unknown fields, naming each one with its path', () => {
    const error = contractErrorOf(() =>
      fromRpcJson(identityV1.CreateEmployeeRequestSchema, {
        nip: '198503152010011002',
        nama: 'Siti',
        gaji: 5000000,
      }),
    );

    expect(error).toBeInstanceOf(ContractError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.typeName).toBe('kinerja.identity.v1.CreateEmployeeRequest');
    expect(error.fields.map((f) => [f.field, f.code])).toEqual([
      ['nama', 'UNKNOWN_FIELD'],
      ['gaji', 'UNKNOWN_FIELD'],
    ]);
  });

  it('rejects unknown fields inside nested messages and list items', () => {
    expect(
      fieldsOf(() => fromRpcJson(identityV1.GetMeResponseSchema, { employee: { nip: '1', pangkat: 'Penata' } })),
    ).toEqual([{ field: 'employee.pangkat', code: 'UNKNOWN_FIELD', message: 'unknown field "pangkat"' }]);
    expect(
      fieldsOf(() =>
        fromRpcJson(commonV1.ErrorReplySchema, {
          code: 'VALIDATION_FAILED',
          fields: [
            { field: 'nip', code: 'REQUIRED' },
            { field: 'name', hint: 'x' },
          ],
        }),
      ).map((f) => f.field),
    ).toEqual(['fields.1.hint']);
  });

  it('reports values of the wrong type at their path', () => {
    const fields = fieldsOf(() =>
      fromRpcJson(identityV1.GetMeResponseSchema, {
        subject: 42,
        roles: ['employee', 7],
        employee: { name: 'Siti', version: 'three', createdAt: 'yesterday' },
      }),
    );

    expect(fields.map((f) => [f.field, f.code])).toEqual([
      ['subject', 'INVALID_VALUE'],
      ['roles', 'INVALID_VALUE'],
      ['employee.version', 'INVALID_VALUE'],
      ['employee.createdAt', 'INVALID_VALUE'],
    ]);
    expect(fields[0]?.message).toMatch(/string/);
  });

  it.each([null, 'text', 12, [{ id: 'x' }]])('rejects a payload that is not a JSON object: %j', (payload) => {
    expect(fieldsOf(() => fromRpcJson(identityV1.GetTenantRequestSchema, payload))).toEqual([
      { field: '', code: 'INVALID_VALUE', message: 'expected a JSON object' },
    ]);
  });

  it('parses an empty object into a request with default values', () => {
    const page = fromRpcJson(commonV1.PageRequestSchema, {});

    expect(page.cursor).toBe('');
    expect(page.limit).toBe(0);
  });
});
