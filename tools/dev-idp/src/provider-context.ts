import type { Logger } from '@kinerja/platform/logging';
import type { ResourceServer } from 'oidc-provider';

import type { ProviderKeys } from './key-store.js';
import type { MemoryStore } from './memory-adapter.js';
import type { Seed, SeedClient } from './seed.js';
import type { UserStore } from './user-store.js';

// The resource indicator the API's tokens are issued for. Clients never send it (Keycloak has no
// such parameter); it is the default, and the tokens' `aud` carries the realm's audience instead.
export const apiResource = 'urn:kinerja:api';

// Keycloak's default client scopes: granted without being asked for.
export const defaultScopes = ['profile', 'email'] as const;
export const standardScopes = ['openid', 'profile', 'email'] as const;

export const lifetimes = {
  authorizationCodeSeconds: 60,
  // Keycloak's defaults: SSO session idle 30 min (the refresh token lifetime), max 10 h.
  refreshTokenSeconds: 1_800,
  sessionSeconds: 36_000,
  interactionSeconds: 1_800,
} as const;

export type ProviderContext = {
  issuer: string;
  seed: Seed;
  users: UserStore;
  keys: ProviderKeys;
  store: MemoryStore;
  accessTokenTtlSeconds: number;
  logger: Logger;
};

export function seedClientOf(seed: Seed, clientId: string): SeedClient | undefined {
  return seed.clients.find((c) => c.clientId === clientId);
}

export function allowedScopes(client: SeedClient): string[] {
  return [...standardScopes, ...client.optionalScopes];
}

export function defaultScopesOf(client: SeedClient): string[] {
  return client.grants.includes('client_credentials') ? [] : [...defaultScopes];
}

export function resourceServerInfo(ctx: ProviderContext, client: SeedClient | undefined): ResourceServer {
  return {
    scope: client ? allowedScopes(client).join(' ') : standardScopes.join(' '),
    audience: ctx.seed.audience,
    accessTokenTTL: ctx.accessTokenTtlSeconds,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
}
