// The verified caller. Realm roles are Keycloak realm roles (ARCHITECTURE.md "Users"); the rater, superior and
// unit head are derived from the org tree, never roles.
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

/** The roles a tenant admin grants and revokes; `employee` is every linked login's. Platform roles are never a tenant's. */
export const tenantRoles = ['employee', 'performance-manager', 'tenant-admin', 'regional-head'] as const;
export type TenantRole = (typeof tenantRoles)[number];

export const integrationScopes = ['results:read', 'attendance:write', 'personnel:write', 'webhooks:manage'] as const;
export type IntegrationScope = (typeof integrationScopes)[number];

export type Principal = {
  subject: string;
  /** Absent for platform-level accounts (platform-admin, national-monitor). */
  tenantId?: string;
  employeeId?: string;
  roles: RealmRole[];
  scopes: string[];
  username?: string;
  name?: string;
  /** The OAuth client the token was issued to. */
  clientId?: string;
};

export function hasRole(principal: Principal, ...roles: RealmRole[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
