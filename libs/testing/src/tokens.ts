import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';

// A throwaway token issuer for tests: real RS256 keys, a JWKS served over HTTP at Keycloak's path, and tokens
// shaped as Keycloak issues them. Its signatures are real; only the issuer is local.

export type TestIssuer = {
  issuer: string;
  jwksUrl: string;
  token(claims?: TokenClaims, options?: MintOptions): Promise<string>;
  /** A second key the JWKS does not publish: tokens signed with it must be refused. */
  foreignToken(claims?: TokenClaims): Promise<string>;
  close(): Promise<void>;
};

export type TokenClaims = {
  sub?: string;
  tenant_id?: string;
  employee_id?: string;
  roles?: string[];
  scope?: string;
  preferred_username?: string;
  azp?: string;
  [claim: string]: unknown;
};

export type MintOptions = {
  issuer?: string;
  audience?: string | string[];
  expiresInSeconds?: number;
  notBeforeSeconds?: number;
  typ?: string;
  kid?: string;
};

async function keyPair(): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, jwk: await exportJWK(publicKey) };
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const kid = randomUUID();
  const main = await keyPair();
  const foreign = await keyPair();
  const server = http.createServer((req, res) => {
    if (req.url?.endsWith('/protocol/openid-connect/certs')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...main.jwk, kid, alg: 'RS256', use: 'sig' }] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}/realms/kinerja`;

  const sign = (key: CryptoKey, signingKid: string, claims: TokenClaims, options: MintOptions) => {
    const now = Math.floor(Date.now() / 1000);
    const { roles = ['employee'], ...rest } = claims;
    return new SignJWT({
      typ: options.typ ?? 'Bearer',
      azp: 'kinerja-cli',
      realm_access: { roles },
      scope: 'openid profile email',
      ...rest,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? signingKid })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? ['kinerja-api', 'account'])
      .setSubject(claims.sub ?? randomUUID())
      .setJti(randomUUID())
      .setIssuedAt(now + (options.notBeforeSeconds ?? 0))
      .setNotBefore(now + (options.notBeforeSeconds ?? 0))
      .setExpirationTime(now + (options.expiresInSeconds ?? 300))
      .sign(key);
  };

  return {
    issuer,
    jwksUrl: `${issuer}/protocol/openid-connect/certs`,
    token: (claims = {}, options = {}) => sign(main.privateKey, kid, claims, options),
    foreignToken: (claims = {}) => sign(foreign.privateKey, kid, claims, {}),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An unsigned token (`alg: none`) and an HS256 one keyed with a public value: both must be refused. */
export function unsignedToken(issuer: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ iss: issuer, aud: 'kinerja-api', sub: randomUUID(), typ: 'Bearer', iat: now, exp: now + 300, realm_access: { roles: ['platform-admin'] }, ...claims })}.`;
}

export async function hs256Token(
  issuer: string,
  secret = 'public-value',
  claims: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT({ typ: 'Bearer', realm_access: { roles: ['platform-admin'] }, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience('kinerja-api')
    .setSubject(randomUUID())
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}
