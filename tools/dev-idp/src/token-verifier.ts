import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';

import { publicJwks, type ProviderKeys } from './key-store.js';

// Verifies the provider's own access tokens, for the endpoints it serves outside oidc-provider
// (userinfo, the admin API): RS256 only, this issuer only, not expired.

export type VerifiedToken = JWTPayload & {
  azp?: string;
  realm_access?: { roles?: string[] };
  resource_access?: Record<string, { roles?: string[] }>;
};

export class TokenVerifier {
  private jwks: ReturnType<typeof createLocalJWKSet>;

  constructor(
    private readonly issuer: string,
    keys: ProviderKeys,
  ) {
    this.jwks = createLocalJWKSet(publicJwks(keys));
  }

  useKeys(keys: ProviderKeys): void {
    this.jwks = createLocalJWKSet(publicJwks(keys));
  }

  async verify(token: string): Promise<VerifiedToken | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, { issuer: this.issuer, algorithms: ['RS256'] });
      return payload.typ === 'Bearer' ? (payload as VerifiedToken) : undefined;
    } catch {
      return undefined;
    }
  }
}

export function realmManagementRolesOf(token: VerifiedToken): string[] {
  return token.resource_access?.['realm-management']?.roles ?? [];
}

export function realmRolesOf(token: VerifiedToken): string[] {
  return token.realm_access?.roles ?? [];
}
