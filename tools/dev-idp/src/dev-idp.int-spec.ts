import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { createLogger } from '@kinerja/platform/logging';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';

import { startDevIdp, type DevIdp } from './index.js';

// The dev provider started on a random port with a temporary data dir, driven over HTTP as the
// gateway, the portal, scripts and the identity service drive Keycloak.

type Json = Record<string, unknown>;
type Discovery = {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
  authorization_endpoint: string;
  userinfo_endpoint: string;
  end_session_endpoint: string;
} & Json;
type TokenResponse = {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
  expires_in: number;
} & Json;
type AccessClaims = JWTPayload & {
  typ?: string;
  azp?: string;
  scope?: string;
  sid?: string;
  tenant_id?: string;
  employee_id?: string;
  preferred_username?: string;
  realm_access?: { roles: string[] };
  resource_access?: Record<string, { roles: string[] }>;
};

const silent = createLogger('dev-idp-test', { level: 'silent' });
const portal = { clientId: 'kinerja-portal', redirectUri: 'http://localhost:4200/auth/callback' };
const adminSecret = 'dev-only-kinerja-admin-secret';
const integrationSecret = 'dev-only-kinerja-integration-example-secret';

const suffix = () => randomBytes(4).toString('hex');

async function json<T = Json>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

// A minimal cookie jar, enough for the provider's session and interaction cookies.
class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function form(values: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}

function basic(clientId: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` };
}

describe('startDevIdp', () => {
  let idp: DevIdp;
  let dataDir: string;
  let discovery: Discovery;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  const adminPassword = `admin-${randomUUID()}`;

  const token = (values: Record<string, string>, headers: Record<string, string> = {}) => {
    const init = form(values);
    return fetch(discovery.token_endpoint, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...headers },
    });
  };

  const verify = async (accessToken: string): Promise<AccessClaims> => {
    const { payload } = await jwtVerify(accessToken, jwks, {
      issuer: idp.issuer,
      audience: 'kinerja-api',
      algorithms: ['RS256'],
    });
    return payload as AccessClaims;
  };

  const passwordGrant = (username: string, password: string, scope?: string) =>
    token({ grant_type: 'password', client_id: 'kinerja-cli', username, password, ...(scope ? { scope } : {}) });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kinerja-dev-idp-'));
    idp = await startDevIdp({ port: 0, dataDir, adminPassword, logger: silent });
    discovery = await json<Discovery>(await fetch(`${idp.url}/realms/kinerja/.well-known/openid-configuration`));
    jwks = createRemoteJWKSet(new URL(discovery.jwks_uri), { cacheMaxAge: 0, cooldownDuration: 0 });
  });

  afterAll(async () => {
    await idp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves discovery at Keycloak paths', () => {
    const base = `${idp.url}/realms/kinerja/protocol/openid-connect`;
    expect(discovery.issuer).toBe(idp.issuer);
    expect(idp.issuer).toBe(`${idp.url}/realms/kinerja`);
    expect(discovery.authorization_endpoint).toBe(`${base}/auth`);
    expect(discovery.token_endpoint).toBe(`${base}/token`);
    expect(discovery.jwks_uri).toBe(`${base}/certs`);
    expect(discovery.userinfo_endpoint).toBe(`${base}/userinfo`);
    expect(discovery.end_session_endpoint).toBe(`${base}/logout`);
    expect(discovery.introspection_endpoint).toBe(`${base}/token/introspect`);
    expect(discovery.revocation_endpoint).toBe(`${base}/revoke`);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'password']),
    );
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('publishes RS256 signing keys with a kid at certs', async () => {
    const body = await json<{ keys: Json[] }>(await fetch(discovery.jwks_uri));
    expect(body.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of body.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(typeof key.kid).toBe('string');
      expect(key.d).toBeUndefined();
    }
  });

  describe('password grant', () => {
    it('issues a Keycloak-shaped access token for a tenant user', async () => {
      const tenantId = randomUUID();
      const employeeId = randomUUID();
      const username = `pegawai-${suffix()}`;
      const userId = await idp.addUser({
        username,
        password: 'rahasia-123',
        firstName: 'Siti',
        lastName: 'Rahma',
        email: `${username}@example.invalid`,
        roles: ['employee', 'performance-manager'],
        tenantId,
        employeeId,
      });

      const res = await passwordGrant(username, 'rahasia-123');
      expect(res.status).toBe(200);
      const body = await json<TokenResponse>(res);
      expect(body.token_type).toBe('Bearer');
      expect(body.expires_in).toBe(300);
      expect(typeof body.refresh_token).toBe('string');

      expect(decodeProtectedHeader(body.access_token)).toMatchObject({
        alg: 'RS256',
        typ: 'JWT',
        kid: expect.any(String),
      });
      const claims = await verify(body.access_token);
      expect(claims).toMatchObject({
        iss: idp.issuer,
        sub: userId,
        typ: 'Bearer',
        azp: 'kinerja-cli',
        tenant_id: tenantId,
        employee_id: employeeId,
        preferred_username: username,
        name: 'Siti Rahma',
        email: `${username}@example.invalid`,
      });
      expect(claims.aud).toContain('kinerja-api');
      expect([...(claims.realm_access?.roles ?? [])].sort()).toEqual(['employee', 'performance-manager']);
      expect(typeof claims.jti).toBe('string');
      expect(typeof claims.sid).toBe('string');
      expect(claims.scope?.split(' ')).toEqual(expect.arrayContaining(['profile', 'email']));
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
    });

    it('gives the platform operator no tenant', async () => {
      const body = await json<TokenResponse>(await passwordGrant('admin', adminPassword));
      const claims = await verify(body.access_token);
      expect(claims.realm_access?.roles).toEqual(['platform-admin']);
      expect(claims.tenant_id).toBeUndefined();
      expect(claims.preferred_username).toBe('admin');
    });

    it('issues an ID token when openid is asked for', async () => {
      const username = `ahmad-${suffix()}`;
      await idp.addUser({ username, password: 'kata-sandi-1', tenantId: randomUUID() });
      const body = await json<TokenResponse>(await passwordGrant(username, 'kata-sandi-1', 'openid'));
      expect(typeof body.id_token).toBe('string');
      const { payload } = await jwtVerify(body.id_token!, jwks, { issuer: idp.issuer, audience: 'kinerja-cli' });
      expect(payload.preferred_username).toBe(username);
      // Default roles apply when a user is added without roles.
      expect((await verify(body.access_token)).realm_access?.roles).toEqual(['employee']);
    });

    it('refuses a wrong password', async () => {
      const res = await passwordGrant('admin', 'not-the-password');
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    });

    it('refuses an unknown user', async () => {
      const res = await passwordGrant(`nobody-${suffix()}`, 'whatever');
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_grant' });
    });

    it('refuses an unknown client', async () => {
      const res = await token({
        grant_type: 'password',
        client_id: 'no-such-client',
        username: 'admin',
        password: adminPassword,
      });
      expect(res.status).toBe(401);
      expect(await json(res)).toMatchObject({ error: 'invalid_client' });
    });

    it('refuses the password grant to a client not allowed to use it', async () => {
      const res = await token({
        grant_type: 'password',
        client_id: portal.clientId,
        username: 'admin',
        password: adminPassword,
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_request' });
    });

    it('refuses a disabled user', async () => {
      const username = `nonaktif-${suffix()}`;
      await idp.addUser({ username, password: 'kata-sandi-2', enabled: false });
      const res = await passwordGrant(username, 'kata-sandi-2');
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_grant', error_description: 'Account disabled' });
    });

    it('refreshes, then logs out by refresh token', async () => {
      const username = `refresh-${suffix()}`;
      await idp.addUser({ username, password: 'kata-sandi-3', roles: ['tenant-admin'], tenantId: randomUUID() });
      const first = await json<TokenResponse>(await passwordGrant(username, 'kata-sandi-3'));

      const refreshed = await token({
        grant_type: 'refresh_token',
        client_id: 'kinerja-cli',
        refresh_token: first.refresh_token!,
      });
      expect(refreshed.status).toBe(200);
      const second = await json<TokenResponse>(refreshed);
      const claims = await verify(second.access_token);
      expect(claims.realm_access?.roles).toEqual(['tenant-admin']);
      expect(claims.azp).toBe('kinerja-cli');

      const logout = await fetch(
        discovery.end_session_endpoint,
        form({ client_id: 'kinerja-cli', refresh_token: second.refresh_token! }),
      );
      expect(logout.status).toBe(204);
      const after = await token({
        grant_type: 'refresh_token',
        client_id: 'kinerja-cli',
        refresh_token: second.refresh_token!,
      });
      expect(after.status).toBe(400);
      expect(await json(after)).toMatchObject({ error: 'invalid_grant' });
    });
  });

  describe('client credentials', () => {
    it('issues an integration token with the requested scopes', async () => {
      const res = await token(
        { grant_type: 'client_credentials', scope: 'results:read attendance:write' },
        basic('kinerja-integration-example', integrationSecret),
      );
      expect(res.status).toBe(200);
      const body = await json<TokenResponse>(res);
      expect(body.refresh_token).toBeUndefined();
      const claims = await verify(body.access_token);
      expect(claims.scope?.split(' ').sort()).toEqual(['attendance:write', 'results:read']);
      expect(claims).toMatchObject({
        typ: 'Bearer',
        azp: 'kinerja-integration-example',
        preferred_username: 'service-account-kinerja-integration-example',
      });
      expect(claims.realm_access?.roles).toEqual(['integration']);
      expect(claims.tenant_id).toBeUndefined();
    });

    it('accepts the secret in the form body too', async () => {
      const res = await token({
        grant_type: 'client_credentials',
        client_id: 'kinerja-admin',
        client_secret: adminSecret,
      });
      expect(res.status).toBe(200);
      const claims = await verify((await json<TokenResponse>(res)).access_token);
      expect(claims.resource_access?.['realm-management']?.roles).toEqual(
        expect.arrayContaining(['manage-users', 'view-users']),
      );
    });

    it('refuses a scope the client was not given', async () => {
      const res = await token(
        { grant_type: 'client_credentials', scope: 'results:read' },
        basic('kinerja-admin', adminSecret),
      );
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_scope' });
    });

    it('refuses a wrong secret', async () => {
      const res = await token(
        { grant_type: 'client_credentials' },
        basic('kinerja-integration-example', 'dev-only-wrong'),
      );
      expect(res.status).toBe(401);
      expect(await json(res)).toMatchObject({ error: 'invalid_client' });
    });
  });

  describe('authorization code with PKCE', () => {
    const authorize = (browser: Browser, params: Record<string, string>) =>
      browser.fetch(`${discovery.authorization_endpoint}?${new URLSearchParams(params).toString()}`);

    const codeRequest = (challenge: string, extra: Record<string, string> = {}) => ({
      client_id: portal.clientId,
      redirect_uri: portal.redirectUri,
      response_type: 'code',
      scope: 'openid profile email',
      state: randomUUID(),
      nonce: randomUUID(),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });

    it('signs in through the login page, exchanges the code, refreshes, reads userinfo and logs out', async () => {
      const tenantId = randomUUID();
      const username = `penilai-${suffix()}`;
      const userId = await idp.addUser({
        username,
        password: 'sandi-portal-1',
        firstName: 'Budi',
        roles: ['employee'],
        tenantId,
      });
      const browser = new Browser();
      const { verifier, challenge } = pkcePair();
      const request = codeRequest(challenge);

      const start = await authorize(browser, request);
      expect(start.status).toBe(303);
      const loginUrl = new URL(start.headers.get('location')!, idp.url).href;
      expect(new URL(loginUrl).pathname).toMatch(/^\/realms\/kinerja\/login-actions\/[\w-]+$/);

      const page = await browser.fetch(loginUrl);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<html lang="id">');
      expect(html).toContain('<label for="username">Nama pengguna atau email</label>');
      expect(html).not.toMatch(/<(script|link)\b/);
      const english = await (await browser.fetch(`${loginUrl}?lang=en`)).text();
      expect(english).toContain('<html lang="en">');
      expect(english).toContain('Sign in to Kinerja');

      const wrong = await browser.fetch(loginUrl, form({ username, password: 'salah', lang: 'id' }));
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('role="alert"');

      const signedIn = await browser.fetch(loginUrl, form({ username, password: 'sandi-portal-1', lang: 'id' }));
      expect(signedIn.status).toBe(303);
      const resumed = await browser.fetch(new URL(signedIn.headers.get('location')!, idp.url).href);
      expect(resumed.status).toBe(303);
      const callback = new URL(resumed.headers.get('location')!);
      expect(`${callback.origin}${callback.pathname}`).toBe(portal.redirectUri);
      expect(callback.searchParams.get('state')).toBe(request.state);
      const code = callback.searchParams.get('code')!;
      expect(code).toBeTruthy();

      const exchanged = await token({
        grant_type: 'authorization_code',
        client_id: portal.clientId,
        redirect_uri: portal.redirectUri,
        code,
        code_verifier: verifier,
      });
      expect(exchanged.status).toBe(200);
      const tokens = await json<TokenResponse>(exchanged);
      const claims = await verify(tokens.access_token);
      expect(claims).toMatchObject({
        sub: userId,
        azp: portal.clientId,
        typ: 'Bearer',
        tenant_id: tenantId,
        preferred_username: username,
      });
      expect(typeof claims.sid).toBe('string');
      expect(claims.realm_access?.roles).toEqual(['employee']);
      const { payload: idClaims } = await jwtVerify(tokens.id_token!, jwks, {
        issuer: idp.issuer,
        audience: portal.clientId,
      });
      expect(idClaims.nonce).toBe(request.nonce);

      const refreshed = await token({
        grant_type: 'refresh_token',
        client_id: portal.clientId,
        refresh_token: tokens.refresh_token!,
      });
      expect(refreshed.status).toBe(200);
      const renewed = await json<TokenResponse>(refreshed);
      expect((await verify(renewed.access_token)).sub).toBe(userId);

      const userinfo = await fetch(discovery.userinfo_endpoint, {
        headers: { authorization: `Bearer ${renewed.access_token}` },
      });
      expect(userinfo.status).toBe(200);
      expect(await json(userinfo)).toMatchObject({
        sub: userId,
        preferred_username: username,
        tenant_id: tenantId,
        given_name: 'Budi',
      });

      const logoutStart = await browser.fetch(
        `${discovery.end_session_endpoint}?${new URLSearchParams({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://localhost:4200/', client_id: portal.clientId }).toString()}`,
      );
      expect(logoutStart.status).toBe(200);
      const logoutHtml = await logoutStart.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(logoutHtml)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutHtml)?.[1];
      expect(action).toBeTruthy();
      expect(xsrf).toBeTruthy();
      const confirmed = await browser.fetch(new URL(action!, idp.url).href, form({ xsrf: xsrf!, logout: 'yes' }));
      expect(confirmed.status).toBe(303);
      expect(confirmed.headers.get('location')).toBe('http://localhost:4200/');

      const afterLogout = await token({
        grant_type: 'refresh_token',
        client_id: portal.clientId,
        refresh_token: renewed.refresh_token!,
      });
      expect(afterLogout.status).toBe(400);
      expect(await json(afterLogout)).toMatchObject({ error: 'invalid_grant' });

      // A code is good once.
      const replay = await token({
        grant_type: 'authorization_code',
        client_id: portal.clientId,
        redirect_uri: portal.redirectUri,
        code,
        code_verifier: verifier,
      });
      expect(replay.status).toBe(400);
    });

    it('makes a user with a temporary password choose a new one on the login page', async () => {
      const username = `baru-${suffix()}`;
      const kc = new KcAdminClient({ baseUrl: idp.url, realmName: 'kinerja' });
      await kc.auth({ grantType: 'client_credentials', clientId: 'kinerja-admin', clientSecret: adminSecret });
      await kc.users.create({
        username,
        enabled: true,
        credentials: [{ type: 'password', value: 'sementara-9', temporary: true }],
      });

      const browser = new Browser();
      const { verifier, challenge } = pkcePair();
      const start = await authorize(browser, codeRequest(challenge, { ui_locales: 'en' }));
      const loginUrl = new URL(start.headers.get('location')!, idp.url).href;

      const asked = await browser.fetch(loginUrl, form({ username, password: 'sementara-9' }));
      expect(asked.status).toBe(200);
      const askedHtml = await asked.text();
      expect(askedHtml).toContain('<html lang="en">');
      expect(askedHtml).toContain('name="new_password"');

      const mismatch = await browser.fetch(
        loginUrl,
        form({ username, password: 'sementara-9', new_password: 'pilihan-1', confirm_password: 'pilihan-2' }),
      );
      expect(mismatch.status).toBe(400);

      const changed = await browser.fetch(
        loginUrl,
        form({
          username,
          password: 'sementara-9',
          new_password: 'pilihan-sendiri-1',
          confirm_password: 'pilihan-sendiri-1',
        }),
      );
      expect(changed.status).toBe(303);
      const resumed = await browser.fetch(new URL(changed.headers.get('location')!, idp.url).href);
      const code = new URL(resumed.headers.get('location')!).searchParams.get('code')!;
      const exchanged = await token({
        grant_type: 'authorization_code',
        client_id: portal.clientId,
        redirect_uri: portal.redirectUri,
        code,
        code_verifier: verifier,
      });
      expect(exchanged.status).toBe(200);
      expect((await passwordGrant(username, 'sementara-9')).status).toBe(400);
      expect((await passwordGrant(username, 'pilihan-sendiri-1')).status).toBe(200);
    });

    it('refuses an authorization request without PKCE', async () => {
      const browser = new Browser();
      const { state } = codeRequest('x');
      const res = await authorize(browser, {
        client_id: portal.clientId,
        redirect_uri: portal.redirectUri,
        response_type: 'code',
        scope: 'openid',
        state,
      });
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    });

    it('refuses a code exchanged with the wrong verifier', async () => {
      const username = `pkce-${suffix()}`;
      await idp.addUser({ username, password: 'sandi-pkce-1' });
      const browser = new Browser();
      const { challenge } = pkcePair();
      const start = await authorize(browser, codeRequest(challenge));
      const loginUrl = new URL(start.headers.get('location')!, idp.url).href;
      const signedIn = await browser.fetch(loginUrl, form({ username, password: 'sandi-pkce-1' }));
      const resumed = await browser.fetch(new URL(signedIn.headers.get('location')!, idp.url).href);
      const code = new URL(resumed.headers.get('location')!).searchParams.get('code')!;
      const res = await token({
        grant_type: 'authorization_code',
        client_id: portal.clientId,
        redirect_uri: portal.redirectUri,
        code,
        code_verifier: pkcePair().verifier,
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: 'invalid_grant' });
    });

    it('refuses a redirect URI the client did not register', async () => {
      const res = await authorize(
        new Browser(),
        codeRequest(pkcePair().challenge, { redirect_uri: 'http://evil.invalid/cb' }),
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    });
  });

  describe('admin API', () => {
    const adminClient = async () => {
      const client = new KcAdminClient({ baseUrl: idp.url, realmName: 'kinerja' });
      await client.auth({ grantType: 'client_credentials', clientId: 'kinerja-admin', clientSecret: adminSecret });
      return client;
    };

    it('creates an account through @keycloak/keycloak-admin-client that can then sign in with its roles and attributes', async () => {
      const kc = await adminClient();
      const tenantId = randomUUID();
      const employeeId = randomUUID();
      const username = `Kepala-${suffix()}`;

      const { id } = await kc.users.create({
        username,
        email: `${username.toLowerCase()}@example.invalid`,
        firstName: 'Dewi',
        lastName: 'Lestari',
        enabled: true,
        attributes: { tenant_id: [tenantId], employee_id: [employeeId], unmanaged: ['dropped'] },
        credentials: [{ type: 'password', value: 'sandi-awal-1', temporary: false }],
      });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      const found = await kc.users.find({ username, exact: true });
      expect(found.map((u) => u.id)).toEqual([id]);
      expect(found[0]).toMatchObject({
        username: username.toLowerCase(),
        enabled: true,
        attributes: { tenant_id: [tenantId], employee_id: [employeeId] },
      });
      expect(await kc.users.find({ username: username.slice(0, -1), exact: true })).toEqual([]);
      expect((await kc.users.find({ q: `tenant_id:${tenantId}` })).map((u) => u.id)).toEqual([id]);

      const roles = await kc.roles.find();
      expect(roles.map((r) => r.name).sort()).toEqual([
        'employee',
        'integration',
        'national-monitor',
        'performance-manager',
        'platform-admin',
        'regional-head',
        'tenant-admin',
      ]);
      const regionalHead = roles.find((r) => r.name === 'regional-head')!;
      await kc.users.addRealmRoleMappings({ id, roles: [{ id: regionalHead.id!, name: regionalHead.name! }] });
      const mapped = await kc.users.listRealmRoleMappings({ id });
      expect(mapped.map((r) => r.name).sort()).toEqual(['employee', 'regional-head']);

      const body = await json<TokenResponse>(await passwordGrant(username, 'sandi-awal-1'));
      const claims = await verify(body.access_token);
      expect(claims).toMatchObject({ sub: id, tenant_id: tenantId, employee_id: employeeId, name: 'Dewi Lestari' });
      expect([...(claims.realm_access?.roles ?? [])].sort()).toEqual(['employee', 'regional-head']);

      await kc.users.delRealmRoleMappings({ id, roles: [{ id: regionalHead.id!, name: regionalHead.name! }] });
      await kc.users.update({ id }, { firstName: 'Dewi Ayu' });
      await kc.users.resetPassword({ id, credential: { type: 'password', value: 'sandi-baru-2', temporary: false } });
      const one = await kc.users.findOne({ id });
      expect(one).toMatchObject({ firstName: 'Dewi Ayu', lastName: 'Lestari', attributes: { tenant_id: [tenantId] } });

      expect((await passwordGrant(username, 'sandi-awal-1')).status).toBe(400);
      const again = await verify(
        (await json<TokenResponse>(await passwordGrant(username, 'sandi-baru-2'))).access_token,
      );
      expect(again.realm_access?.roles).toEqual(['employee']);
      expect(again.name).toBe('Dewi Ayu Lestari');

      await kc.users.del({ id });
      expect(await kc.users.findOne({ id })).toBeNull();
      expect((await passwordGrant(username, 'sandi-baru-2')).status).toBe(400);
    });

    it('answers a duplicate username with 409', async () => {
      const kc = await adminClient();
      const username = `ganda-${suffix()}`;
      await kc.users.create({ username, enabled: true });
      await expect(kc.users.create({ username, enabled: true })).rejects.toMatchObject({ response: { status: 409 } });
    });

    it('refuses a tenant_id that is not a uuid', async () => {
      const kc = await adminClient();
      await expect(
        kc.users.create({ username: `salah-${suffix()}`, enabled: true, attributes: { tenant_id: ['bukan-uuid'] } }),
      ).rejects.toMatchObject({ response: { status: 400 } });
    });

    it('makes a user with a temporary password change it before a token is issued', async () => {
      const kc = await adminClient();
      const username = `sementara-${suffix()}`;
      await kc.users.create({
        username,
        enabled: true,
        credentials: [{ type: 'password', value: 'sementara-1', temporary: true }],
      });
      const res = await passwordGrant(username, 'sementara-1');
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({
        error: 'invalid_grant',
        error_description: 'Account is not fully set up',
      });
    });

    it('applies the realm password policy', async () => {
      const kc = await adminClient();
      const username = `kebijakan-${suffix()}`;
      await expect(
        kc.users.create({
          username,
          enabled: true,
          credentials: [{ type: 'password', value: 'pendek', temporary: false }],
        }),
      ).rejects.toMatchObject({ response: { status: 400 } });
      const { id } = await kc.users.create({ username, enabled: true });
      await expect(
        kc.users.resetPassword({ id, credential: { type: 'password', value: username, temporary: false } }),
      ).rejects.toMatchObject({ response: { status: 400 } });
    });

    it('refuses callers without a token or without realm-management roles', async () => {
      const users = `${idp.url}/admin/realms/kinerja/users`;
      expect((await fetch(users)).status).toBe(401);
      expect((await fetch(users, { headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
      const userToken = (await json<TokenResponse>(await passwordGrant('admin', adminPassword))).access_token;
      expect((await fetch(users, { headers: { authorization: `Bearer ${userToken}` } })).status).toBe(403);
      const integration = (
        await json<TokenResponse>(
          await token({ grant_type: 'client_credentials' }, basic('kinerja-integration-example', integrationSecret)),
        )
      ).access_token;
      const create = await fetch(users, {
        method: 'POST',
        headers: { authorization: `Bearer ${integration}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `x-${suffix()}` }),
      });
      expect(create.status).toBe(403);
    });
  });

  describe('key rotation', () => {
    it('signs with a new key and keeps the old one in the JWKS', async () => {
      const before = (await json<TokenResponse>(await passwordGrant('admin', adminPassword))).access_token;
      const oldKid = decodeProtectedHeader(before).kid;
      await idp.rotateKeys();
      const keys = await json<{ keys: { kid: string }[] }>(await fetch(discovery.jwks_uri));
      expect(keys.keys.map((k) => k.kid)).toContain(oldKid);
      expect(keys.keys.length).toBeGreaterThanOrEqual(2);

      const after = (await json<TokenResponse>(await passwordGrant('admin', adminPassword))).access_token;
      const newKid = decodeProtectedHeader(after).kid;
      expect(newKid).not.toBe(oldKid);
      expect(keys.keys[0]?.kid).toBe(newKid);
      await expect(verify(before)).resolves.toMatchObject({ preferred_username: 'admin' });
      await expect(verify(after)).resolves.toMatchObject({ preferred_username: 'admin' });
    });

    it('lets the platform operator rotate keys over HTTP', async () => {
      const adminToken = (await json<TokenResponse>(await passwordGrant('admin', adminPassword))).access_token;
      const before = await json<{ keys: { kid: string }[] }>(await fetch(discovery.jwks_uri));
      const res = await fetch(`${idp.url}/admin/realms/kinerja/dev-idp/rotate-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(res.status).toBe(204);
      const after = await json<{ keys: { kid: string }[] }>(await fetch(discovery.jwks_uri));
      expect(after.keys[0]?.kid).not.toBe(before.keys[0]?.kid);
    });
  });
});

describe('startDevIdp restarted on the same data dir', () => {
  const login = (url: string, username: string, password: string) =>
    fetch(
      `${url}/realms/kinerja/protocol/openid-connect/token`,
      form({ grant_type: 'password', client_id: 'kinerja-cli', username, password }),
    );
  const kidsAt = async (url: string) =>
    (
      await json<{ keys: { kid: string }[] }>(await fetch(`${url}/realms/kinerja/protocol/openid-connect/certs`))
    ).keys.map((k) => k.kid);

  it('keeps its users, the generated admin password and the signing keys', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kinerja-dev-idp-'));
    try {
      const first = await startDevIdp({ port: 0, dataDir, logger: silent });
      const generated = first.generatedAdminPassword;
      expect(generated).toMatch(/^[\w-]{16}$/);
      const kids = await kidsAt(first.url);
      const username = `tetap-${suffix()}`;
      const userId = await first.addUser({ username, password: 'sandi-tetap-1', tenantId: randomUUID() });
      await first.close();

      const second = await startDevIdp({ port: 0, dataDir, logger: silent });
      try {
        expect(second.generatedAdminPassword).toBeUndefined();
        expect(await kidsAt(second.url)).toEqual(kids);
        const user = await login(second.url, username, 'sandi-tetap-1');
        expect(user.status).toBe(200);
        const { payload } = await jwtVerify(
          (await json<TokenResponse>(user)).access_token,
          createRemoteJWKSet(new URL(`${second.url}/realms/kinerja/protocol/openid-connect/certs`)),
          { issuer: second.issuer },
        );
        expect(payload.sub).toBe(userId);
        expect((await login(second.url, 'admin', generated!)).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
