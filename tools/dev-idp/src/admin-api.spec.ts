import { describe, expect, it } from '@jest/globals';

import { managedAttributesFrom, passwordPolicyProblem, stableUuid } from './admin-api.js';
import { HttpError } from './http-util.js';

const tenant = '0B7D2C4E-1A2B-4C3D-8E9F-001122334455';

describe(managedAttributesFrom.name, () => {
  it('keeps tenant_id and employee_id, lower-cased, and drops unmanaged attributes', () => {
    expect(managedAttributesFrom({ tenant_id: [tenant], employee_id: [], nickname: ['x'] })).toEqual({
      tenant_id: [tenant.toLowerCase()],
    });
  });

  it.each([
    ['not a uuid', { tenant_id: ['instansi-1'] }],
    ['two values', { employee_id: [tenant, tenant] }],
  ])('refuses %s with a 400 naming the attribute', (_label, input) => {
    let thrown: unknown;
    try {
      managedAttributesFrom(input);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect(thrown).toMatchObject({ status: 400, body: { field: Object.keys(input)[0] } });
  });
});

describe(passwordPolicyProblem.name, () => {
  it.each([
    ['pendek', 'budi', 'invalidPasswordMinLengthMessage'],
    ['budi.santoso', 'Budi.Santoso', 'invalidPasswordNotUsernameMessage'],
    ['cukup-panjang', 'budi', undefined],
  ])('judges %s for user %s', (password, username, expected) => {
    expect(passwordPolicyProblem(password, username)).toBe(expected);
  });
});

describe(stableUuid.name, () => {
  it('gives the same uuid-shaped id for the same name and different ones otherwise', () => {
    const a = stableUuid('kinerja-role:employee');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('kinerja-role:employee')).toBe(a);
    expect(stableUuid('kinerja-role:tenant-admin')).not.toBe(a);
  });
});
