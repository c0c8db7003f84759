// The realm contract shared by the dev provider and deploy/keycloak/realm-kinerja.json
// (ARCHITECTURE.md "Identity and security"); a test keeps the two in step.

export const realmRoles = [
  'employee',
  'performance-manager',
  'tenant-admin',
  'regional-head',
  'national-monitor',
  'platform-admin',
  'integration',
] as const;
export type RealmRole = (typeof realmRoles)[number];

export function isRealmRole(value: string): value is RealmRole {
  return (realmRoles as readonly string[]).includes(value);
}

// Scopes an external system may ask for with client credentials.
export const integrationScopes = ['results:read', 'attendance:write', 'personnel:write', 'webhooks:manage'] as const;
export type IntegrationScope = (typeof integrationScopes)[number];

export const oidcScopes = ['openid', 'profile', 'email', 'offline_access'] as const;

// Keycloak's client roles of `realm-management` that guard its Admin REST API.
export const realmManagementRoles = [
  'manage-users',
  'view-users',
  'query-users',
  'view-realm',
  'manage-realm',
] as const;
export type RealmManagementRole = (typeof realmManagementRoles)[number];

// User attributes the tokens carry; they are the only attributes the realm's user profile accepts.
export const tenantIdAttribute = 'tenant_id';
export const employeeIdAttribute = 'employee_id';
export const managedAttributes = [tenantIdAttribute, employeeIdAttribute] as const;
