import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hs256Token, startTestIssuer, unsignedToken, type TestIssuer } from '@kinerja/testing';
import { AuthError, TokenVerifier, type AuthFailure } from './token-verifier.js';

describe(TokenVerifier.name, () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    verifier = new TokenVerifier({ issuers: [issuer.issuer], audience: 'kinerja-api' });
  });
  afterAll(() => issuer.close());

  const reason = (token: string) =>
    verifier.verify(token).then(
      () => 'accepted',
      (e: unknown) => (e instanceof AuthError ? e.reason : `untyped: ${String(e)}`),
    );

  it('accepts a Keycloak-shaped token and reads the principal from it', async () => {
    const tenantId = randomUUID();
    const employeeId = randomUUID();
    const principal = await verifier.verify(
      await issuer.token({
        sub: 'u-1',
        tenant_id: tenantId,
        employee_id: employeeId,
        roles: ['employee', 'tenant-admin', 'offline_access'],
        preferred_username: 'siti',
      }),
    );
    expect(principal).toEqual({
      subject: 'u-1',
      tenantId,
      employeeId,
      roles: ['employee', 'tenant-admin'],
      scopes: ['openid', 'profile', 'email'],
      username: 'siti',
      name: undefined,
      clientId: 'kinerja-cli',
    });
  });

  const refusals: [string, () => Promise<string>, AuthFailure][] = [
    ['an expired token', () => issuer.token({}, { expiresInSeconds: -60 }), 'EXPIRED'],
    [
      'a token not yet valid',
      () => issuer.token({}, { notBeforeSeconds: 120, expiresInSeconds: 600 }),
      'NOT_YET_VALID',
    ],
    [
      'a token of another issuer',
      () => issuer.token({}, { issuer: 'http://evil.example/realms/kinerja' }),
      'UNTRUSTED_ISSUER',
    ],
    ['a token for another audience', () => issuer.token({}, { audience: 'account' }), 'WRONG_AUDIENCE'],
    ['an ID token (typ ID)', () => issuer.token({}, { typ: 'ID' }), 'WRONG_TOKEN_TYPE'],
    ['a token signed with a key the JWKS does not have', () => issuer.foreignToken(), 'BAD_SIGNATURE'],
    ['an unsigned alg:none token', async () => unsignedToken(issuer.issuer), 'BAD_ALGORITHM'],
    ['an HS256 token', () => hs256Token(issuer.issuer), 'BAD_ALGORITHM'],
    ['garbage', async () => 'not.a.jwt', 'MALFORMED_TOKEN'],
    ['a tenant_id that is not a UUID', () => issuer.token({ tenant_id: "x' or 1=1" }), 'BAD_CLAIMS'],
  ];

  it.each(refusals)('refuses %s', async (_label, make, expected) => {
    expect(await reason(await make())).toBe(expected);
  });

  it('reads only well-formed bearer headers', () => {
    expect(TokenVerifier.bearer('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b']) {
      expect(() => TokenVerifier.bearer(header)).toThrow(AuthError);
    }
  });
});

describe(`${TokenVerifier.name} cache`, () => {
  it('does not accept a remembered token after it expires', async () => {
    const issuer = await startTestIssuer();
    try {
      const verifier = new TokenVerifier({
        issuers: [issuer.issuer],
        audience: 'kinerja-api',
        clockToleranceSeconds: 0,
      });
      // Three seconds of life leave room for a slow first check on a loaded machine; then wait past `exp` itself.
      const token = await issuer.token({}, { expiresInSeconds: 3 });
      await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['employee'] });
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
      await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 50));
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'EXPIRED' });
    } finally {
      await issuer.close();
    }
  });
});
