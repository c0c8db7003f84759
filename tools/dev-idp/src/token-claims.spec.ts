import { describe, expect, it } from '@jest/globals';

import { accessTokenClaims, profileClaims } from './token-claims.js';
import type { StoredUser } from './user-store.js';

const aUser = (overrides: Partial<StoredUser> = {}): StoredUser => ({
  id: '6b1f6f0e-8a55-4a0b-9f51-3f7f3b0c2d11',
  username: 'siti',
  firstName: 'Siti',
  lastName: 'Rahma',
  email: 'siti@example.invalid',
  enabled: true,
  emailVerified: true,
  createdTimestamp: 0,
  attributes: {
    tenant_id: ['0b7d2c4e-1a2b-4c3d-8e9f-001122334455'],
    employee_id: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f0a1b2c3d'],
  },
  realmRoles: ['employee', 'performance-manager'],
  ...overrides,
});

describe(accessTokenClaims.name, () => {
  it('shapes a tenant user as Keycloak does', () => {
    expect(
      accessTokenClaims({ user: aUser(), clientId: 'kinerja-portal', audience: 'kinerja-api', sid: 's-1' }),
    ).toEqual({
      typ: 'Bearer',
      azp: 'kinerja-portal',
      aud: ['kinerja-api'],
      sid: 's-1',
      realm_access: { roles: ['employee', 'performance-manager'] },
      preferred_username: 'siti',
      name: 'Siti Rahma',
      given_name: 'Siti',
      family_name: 'Rahma',
      email: 'siti@example.invalid',
      email_verified: true,
      tenant_id: '0b7d2c4e-1a2b-4c3d-8e9f-001122334455',
      employee_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f0a1b2c3d',
    });
  });

  it('leaves tenant_id and employee_id out for a platform-level user', () => {
    const claims = accessTokenClaims({
      user: aUser({ attributes: {}, realmRoles: ['platform-admin'], lastName: undefined }),
      clientId: 'kinerja-cli',
      audience: 'kinerja-api',
    });
    expect(claims).not.toHaveProperty('tenant_id');
    expect(claims).not.toHaveProperty('employee_id');
    expect(claims).not.toHaveProperty('sid');
    expect(claims).toMatchObject({ realm_access: { roles: ['platform-admin'] }, name: 'Siti' });
  });

  it('lists realm-management roles of a service account and adds that audience', () => {
    const claims = accessTokenClaims({
      user: aUser({
        username: 'service-account-kinerja-admin',
        attributes: {},
        realmRoles: [],
        serviceAccountClientId: 'kinerja-admin',
      }),
      clientId: 'kinerja-admin',
      audience: 'kinerja-api',
      realmManagementRoles: ['manage-users', 'view-users'],
    });
    expect(claims).toMatchObject({
      aud: ['kinerja-api', 'realm-management'],
      resource_access: { 'realm-management': { roles: ['manage-users', 'view-users'] } },
      realm_access: { roles: [] },
    });
  });
});

describe(profileClaims.name, () => {
  it('gives userinfo the subject, names, email and tenant context', () => {
    expect(profileClaims(aUser({ email: undefined }))).toEqual({
      sub: '6b1f6f0e-8a55-4a0b-9f51-3f7f3b0c2d11',
      preferred_username: 'siti',
      name: 'Siti Rahma',
      given_name: 'Siti',
      family_name: 'Rahma',
      tenant_id: '0b7d2c4e-1a2b-4c3d-8e9f-001122334455',
      employee_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f0a1b2c3d',
    });
  });
});
