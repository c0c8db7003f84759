import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { realmRoles, type Principal, type RealmRole } from './principal.js';

// Bearer verification (ARCHITECTURE.md "Identity and security"): RS256 only, issuer allowlist, `aud` must contain
// the API audience, `typ` must be Bearer (Keycloak's claim, which keeps ID and refresh tokens out), JWKS cached per
// issuer and refetched on an unknown `kid` (jose's remote key set does both, with a cooldown).

export type AuthFailure =
  | 'MISSING_TOKEN'
  | 'MALFORMED_TOKEN'
  | 'UNTRUSTED_ISSUER'
  | 'BAD_SIGNATURE'
  | 'BAD_ALGORITHM'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'WRONG_AUDIENCE'
  | 'WRONG_TOKEN_TYPE'
  | 'BAD_CLAIMS';

export class AuthError extends Error {
  constructor(readonly reason: AuthFailure) {
    super(`Token rejected: ${reason}`);
    this.name = 'AuthError';
  }
}

export type TokenVerifierOptions = {
  issuers: string[];
  audience: string;
  /** Override of the JWKS location; default `<issuer>/protocol/openid-connect/certs`. */
  jwksUrl?: string;
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember until they expire (0 turns the cache off). */
  cacheSize?: number;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const knownRoles = new Set<string>(realmRoles);

export class TokenVerifier {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  // A client reuses its token for minutes; verifying the RS256 signature once per token, not per request, takes
  // the signature off the hot path. Entries end at the token's own expiry; only successful verifications are kept.
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(private readonly options: TokenVerifierOptions) {
    for (const issuer of options.issuers) {
      const jwks = new URL(options.jwksUrl ?? `${issuer.replace(/\/$/, '')}/protocol/openid-connect/certs`);
      this.keySets.set(issuer, createRemoteJWKSet(jwks, { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 }));
    }
  }

  /** Parses `Authorization: Bearer <jwt>`. */
  static bearer(header: string | undefined): string {
    const match = header === undefined ? null : /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header.trim());
    if (!match?.[1]) throw new AuthError('MISSING_TOKEN');
    return match[1];
  }

  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAt > Date.now()) return cached.principal;
      this.verified.delete(token);
    }
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthError('MALFORMED_TOKEN');
    }
    const keySet = issuer === undefined ? undefined : this.keySets.get(issuer);
    if (!keySet || issuer === undefined) throw new AuthError('UNTRUSTED_ISSUER');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        algorithms: ['RS256'],
        issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new AuthError(failureOf(error));
    }
    if (payload.typ !== 'Bearer') throw new AuthError('WRONG_TOKEN_TYPE');
    const principal = principalOf(payload);
    this.remember(token, principal, (payload.exp ?? 0) * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expiresAt: number): void {
    const capacity = this.options.cacheSize ?? 10_000;
    if (capacity === 0) return;
    if (this.verified.size >= capacity) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { principal, expiresAt });
  }
}

function failureOf(error: unknown): AuthFailure {
  if (error instanceof errors.JWTExpired) return 'EXPIRED';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return 'NOT_YET_VALID';
    if (error.claim === 'aud') return 'WRONG_AUDIENCE';
    return 'BAD_CLAIMS';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'BAD_ALGORITHM';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed)
    return 'BAD_SIGNATURE';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'MALFORMED_TOKEN';
  return 'BAD_SIGNATURE';
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function principalOf(payload: JWTPayload): Principal {
  const realmAccess = payload.realm_access;
  const rawRoles =
    typeof realmAccess === 'object' && realmAccess !== null && Array.isArray((realmAccess as { roles?: unknown }).roles)
      ? ((realmAccess as { roles: unknown[] }).roles.filter((r) => typeof r === 'string') as string[])
      : [];
  const tenantId = stringClaim(payload, 'tenant_id');
  const employeeId = stringClaim(payload, 'employee_id');
  if ((tenantId && !uuid.test(tenantId)) || (employeeId && !uuid.test(employeeId)) || !payload.sub) {
    throw new AuthError('BAD_CLAIMS');
  }
  return {
    subject: payload.sub,
    tenantId,
    employeeId,
    roles: rawRoles.filter((r): r is RealmRole => knownRoles.has(r)),
    scopes: (stringClaim(payload, 'scope') ?? '').split(' ').filter(Boolean),
    username: stringClaim(payload, 'preferred_username'),
    name: stringClaim(payload, 'name'),
    clientId: stringClaim(payload, 'azp'),
  };
}
