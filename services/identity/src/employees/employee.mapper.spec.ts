import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { EmployeeEntity } from './employee.entity.js';
import { toEmployeeJson, toEmployeeMessage } from './employee.mapper.js';

// The list's direct JSON writer must say exactly what the contract's reflective path says, for every employee.
const text = (nullable: boolean) =>
  nullable ? fc.option(fc.string({ maxLength: 12 }), { nil: null }) : fc.string({ maxLength: 12 });
// Whole seconds, whole milliseconds, the epoch and dates far apart: every shape of a Timestamp's JSON.
const instant = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }),
  fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000)),
);
const employee = fc.record({
  tenantId: fc.uuid(),
  id: fc.uuid(),
  nip: fc.stringMatching(/^\d{18}$/),
  name: fc.string({ maxLength: 30 }),
  employmentType: fc.constantFrom('PNS' as const, 'PPPK' as const),
  status: fc.constantFrom('AKTIF', 'CLTN', ''),
  unitId: fc.option(fc.uuid(), { nil: null }),
  positionName: text(true),
  jenisJabatan: text(true),
  email: text(true),
  createdAt: instant,
  updatedAt: instant,
  version: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 31 - 1 })),
  golongan: text(true),
  jenjang: text(true),
  statusSince: text(false),
  birthDate: text(true),
  gender: fc.constantFrom('L' as const, 'P' as const, null),
  accountSubject: text(true),
  username: text(true),
  roles: fc.array(fc.constantFrom('employee', 'tenant-admin', 'performance-manager', ''), { maxLength: 3 }),
});

describe('toEmployeeJson (the direct JSON of a list entry)', () => {
  it('equals the contract JSON of the message, key order included, for any employee', () => {
    fc.assert(
      fc.property(employee, (fields) => {
        const entity = Object.assign(new EmployeeEntity(), fields);
        const reflective = toRpcJson(identityV1.EmployeeSchema, toEmployeeMessage(entity));
        expect(JSON.stringify(toEmployeeJson(entity))).toBe(JSON.stringify(reflective));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes a Timestamp with no fraction on a whole second and three digits otherwise, and leaves defaults out', () => {
    const entity = Object.assign(new EmployeeEntity(), {
      tenantId: 't',
      id: 'e',
      nip: '199001152015032002',
      name: 'Siti',
      employmentType: 'PNS',
      status: 'AKTIF',
      unitId: null,
      positionName: '',
      jenisJabatan: null,
      email: null,
      createdAt: new Date('2026-01-05T02:30:00.000Z'),
      updatedAt: new Date('2026-01-05T02:30:00.120Z'),
      version: 3,
      golongan: null,
      jenjang: null,
      statusSince: '2024-01-01',
      birthDate: null,
      gender: null,
      accountSubject: null,
      username: null,
      roles: [],
    });
    expect(toEmployeeJson(entity)).toEqual({
      id: 'e',
      tenantId: 't',
      nip: '199001152015032002',
      name: 'Siti',
      employmentType: 'PNS',
      status: 'AKTIF',
      createdAt: '2026-01-05T02:30:00Z',
      updatedAt: '2026-01-05T02:30:00.120Z',
      version: '3',
      statusSince: '2024-01-01',
    });
  });
});
