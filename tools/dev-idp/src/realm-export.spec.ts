import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

import { integrationScopes, realmRoles } from './realm.js';
import { parseSeed, type SeedClient } from './seed.js';

// The dev provider (seed.json) and the production realm (deploy/keycloak/realm-kinerja.json) must
// agree on what the code relies on: clients and their flows, realm roles, token claims, lifetimes.

type Mapper = { name: string; protocolMapper: string; config: Record<string, string> };
type ClientScope = { name: string; protocolMappers?: Mapper[]; attributes?: Record<string, string> };
type RealmClient = {
  clientId: string;
  publicClient: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  consentRequired: boolean;
  secret?: string;
  attributes: Record<string, string>;
  defaultClientScopes: string[];
  optionalClientScopes: string[];
};
type RealmUser = {
  username: string;
  serviceAccountClientId?: string;
  realmRoles?: string[];
  clientRoles?: Record<string, string[]>;
};
type RealmExport = {
  realm: string;
  accessTokenLifespan: number;
  organizationsEnabled: boolean;
  roles: { realm: { name: string; composite: boolean; composites?: { realm?: string[] } }[] };
  defaultRole: { name: string };
  clientScopes: ClientScope[];
  defaultDefaultClientScopes: string[];
  clients: RealmClient[];
  users: RealmUser[];
  components: Record<string, { providerId: string; config: Record<string, string[]> }[]>;
};

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
const realmText = readFileSync(new URL('../../../deploy/keycloak/realm-kinerja.json', import.meta.url), 'utf8');
const realm = JSON.parse(realmText) as RealmExport;
const seed = parseSeed(readJson('../seed.json'));

const realmClient = (clientId: string): RealmClient => {
  const client = realm.clients.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`realm export has no client ${clientId}`);
  return client;
};
const scope = (name: string): ClientScope => {
  const found = realm.clientScopes.find((s) => s.name === name);
  if (!found) throw new Error(`realm export has no client scope ${name}`);
  return found;
};
// Mappers every client's access tokens get: those of the client scopes all clients have by default.
const defaultMappers = (client: RealmClient): Mapper[] =>
  client.defaultClientScopes.flatMap((name) => scope(name).protocolMappers ?? []);

const keycloakBuiltInRoles = new Set(['default-roles-kinerja', 'offline_access', 'uma_authorization']);

describe('deploy/keycloak/realm-kinerja.json', () => {
  it('is the kinerja realm with the same access token lifespan and Organizations enabled', () => {
    expect(realm.realm).toBe(seed.realm);
    expect(realm.accessTokenLifespan).toBe(seed.accessTokenLifespanSeconds);
    expect(realm.accessTokenLifespan).toBe(300);
    expect(realm.organizationsEnabled).toBe(true);
  });

  it('has the same realm roles and default role', () => {
    const names = realm.roles.realm.map((r) => r.name).filter((n) => !keycloakBuiltInRoles.has(n));
    expect(names.sort()).toEqual([...seed.roles].sort());
    expect(names.sort()).toEqual([...realmRoles].sort());
    const defaultRole = realm.roles.realm.find((r) => r.name === realm.defaultRole.name);
    expect(defaultRole?.composites?.realm).toEqual(seed.defaultRoles);
  });

  it('has the same clients, public or confidential alike, with the same flows enabled', () => {
    expect(realm.clients.map((c) => c.clientId).sort()).toEqual(seed.clients.map((c) => c.clientId).sort());
    for (const client of seed.clients) {
      const kc = realmClient(client.clientId);
      const has = (grant: SeedClient['grants'][number]) => client.grants.includes(grant);
      expect({ clientId: kc.clientId, public: kc.publicClient }).toEqual({
        clientId: client.clientId,
        public: client.public,
      });
      expect({
        clientId: kc.clientId,
        code: kc.standardFlowEnabled,
        password: kc.directAccessGrantsEnabled,
        clientCredentials: kc.serviceAccountsEnabled,
        implicit: kc.implicitFlowEnabled,
        // Keycloak issues refresh tokens to user flows only when use.refresh.tokens is on.
        refresh:
          (kc.standardFlowEnabled || kc.directAccessGrantsEnabled) && kc.attributes['use.refresh.tokens'] === 'true',
        consent: kc.consentRequired,
      }).toEqual({
        clientId: client.clientId,
        code: has('authorization_code'),
        password: has('password'),
        clientCredentials: has('client_credentials'),
        implicit: false,
        refresh: has('refresh_token'),
        consent: false,
      });
      if (has('authorization_code')) expect(kc.attributes['pkce.code.challenge.method']).toBe('S256');
      if (has('client_credentials')) expect(kc.attributes['client_credentials.use_refresh_token']).toBe('false');
    }
  });

  it('gives clients the same optional (integration) scopes', () => {
    for (const client of seed.clients) {
      const optional = realmClient(client.clientId).optionalClientScopes.filter((s) => s !== 'offline_access');
      expect({ clientId: client.clientId, optional: optional.sort() }).toEqual({
        clientId: client.clientId,
        optional: client.optionalScopes.filter((s) => s !== 'offline_access').sort(),
      });
    }
    for (const name of integrationScopes) expect(scope(name).attributes?.['include.in.token.scope']).toBe('true');
  });

  it('gives service accounts the same roles', () => {
    for (const client of seed.clients.filter((c) => c.serviceAccount)) {
      const user = realm.users.find((u) => u.serviceAccountClientId === client.clientId);
      expect(user?.username).toBe(`service-account-${client.clientId}`);
      expect([...(user?.realmRoles ?? [])].sort()).toEqual([...(client.serviceAccount?.realmRoles ?? [])].sort());
      expect([...(user?.clientRoles?.['realm-management'] ?? [])].sort()).toEqual(
        [...(client.serviceAccount?.realmManagementRoles ?? [])].sort(),
      );
    }
  });

  it('puts the audience, sub, realm roles, tenant_id and employee_id into every client’s access tokens', () => {
    for (const client of realm.clients) {
      const mappers = defaultMappers(client);
      const inAccessToken = (m: Mapper) => m.config['access.token.claim'] === 'true';
      expect(mappers.filter(inAccessToken).map((m) => m.protocolMapper)).toEqual(
        expect.arrayContaining(['oidc-audience-mapper', 'oidc-sub-mapper', 'oidc-usermodel-realm-role-mapper']),
      );
      const audience = mappers.find((m) => m.protocolMapper === 'oidc-audience-mapper' && inAccessToken(m));
      expect(audience?.config['included.custom.audience']).toBe(seed.audience);
      const roles = mappers.find((m) => m.protocolMapper === 'oidc-usermodel-realm-role-mapper');
      expect(roles?.config['claim.name']).toBe('realm_access.roles');
      for (const attribute of ['tenant_id', 'employee_id']) {
        const mapper = mappers.find(
          (m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper' && m.config['user.attribute'] === attribute,
        );
        expect({
          attribute,
          claim: mapper?.config['claim.name'],
          access: mapper?.config['access.token.claim'],
        }).toEqual({
          attribute,
          claim: attribute,
          access: 'true',
        });
      }
    }
    expect(realm.defaultDefaultClientScopes).toEqual(expect.arrayContaining(['basic', 'roles', 'kinerja-api']));
  });

  it('declares tenant_id and employee_id in the user profile, editable by admins only', () => {
    const provider = realm.components['org.keycloak.userprofile.UserProfileProvider']?.[0];
    const config = JSON.parse(provider?.config['kc.user.profile.config']?.[0] ?? '{}') as {
      attributes: { name: string; permissions: { view: string[]; edit: string[] } }[];
      unmanagedAttributePolicy?: string;
    };
    for (const name of ['tenant_id', 'employee_id']) {
      expect(config.attributes.find((a) => a.name === name)?.permissions).toEqual({ view: ['admin'], edit: ['admin'] });
    }
    expect(config.unmanagedAttributePolicy).toBeUndefined();
  });

  it('holds no secret: confidential clients take theirs from the environment', () => {
    for (const client of realm.clients.filter((c) => !c.publicClient)) {
      expect(client.secret).toMatch(/^\$\{[A-Z0-9_]+\}$/);
    }
    for (const client of realm.clients.filter((c) => c.publicClient)) expect(client.secret).toBeUndefined();
    for (const client of seed.clients) {
      if (client.devOnlySecret) expect(realmText).not.toContain(client.devOnlySecret);
    }
  });
});
