export { startDevIdp, type DevIdp, type DevIdpOptions } from './dev-idp.js';
export { integrationScopes, realmRoles, type IntegrationScope, type RealmRole } from './realm.js';
export type { SeedUser } from './seed.js';
