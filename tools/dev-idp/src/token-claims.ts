import { employeeIdAttribute, tenantIdAttribute, type RealmManagementRole } from './realm.js';
import type { StoredUser } from './user-store.js';

// Claims shaped as Keycloak 26 puts them in its tokens, so the gateway and the services read one
// shape whichever provider issued the token (ARCHITECTURE.md "Identity and security").

type Claims = Record<string, unknown>;

function firstAttribute(user: StoredUser, name: string): string | undefined {
  return user.attributes[name]?.[0];
}

function fullName(user: StoredUser): string | undefined {
  const name = [user.firstName, user.lastName].filter((part) => part && part.trim() !== '').join(' ');
  return name === '' ? undefined : name;
}

function withoutUndefined(claims: Claims): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/** Profile claims: the ID token and the userinfo response carry these. */
export function profileClaims(user: StoredUser): Claims {
  return withoutUndefined({
    sub: user.id,
    preferred_username: user.username,
    name: fullName(user),
    given_name: user.firstName || undefined,
    family_name: user.lastName || undefined,
    email: user.email,
    email_verified: user.email ? user.emailVerified : undefined,
    // Absent for platform-level users, who belong to no tenant.
    tenant_id: firstAttribute(user, tenantIdAttribute),
    employee_id: firstAttribute(user, employeeIdAttribute),
  });
}

export type AccessTokenClaimsInput = {
  user: StoredUser;
  clientId: string;
  audience: string;
  sid?: string;
  // Only for a client's service account: Keycloak lists its realm-management roles here.
  realmManagementRoles?: readonly RealmManagementRole[];
};

/** Claims added to every access token on top of iss, sub, exp, iat, jti, scope and client_id. */
export function accessTokenClaims(input: AccessTokenClaimsInput): Claims {
  const { user, clientId, audience, sid } = input;
  const managementRoles = input.realmManagementRoles ?? [];
  const resourceAccess =
    managementRoles.length > 0 ? { 'realm-management': { roles: [...managementRoles] } } : undefined;
  const { sub: _sub, ...profile } = profileClaims(user);
  return withoutUndefined({
    typ: 'Bearer',
    azp: clientId,
    aud: resourceAccess ? [audience, 'realm-management'] : [audience],
    sid,
    realm_access: { roles: [...user.realmRoles] },
    resource_access: resourceAccess,
    ...profile,
  });
}
