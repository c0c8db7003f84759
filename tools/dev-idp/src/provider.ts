import type { IncomingMessage } from 'node:http';

import Provider, {
  errors,
  type Account,
  type Client,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';

import { errorPage, loggedOutPage, logoutPage, pickLang, type Lang } from './pages.js';
import { registerPasswordGrant } from './password-grant.js';
import {
  allowedScopes,
  apiResource,
  lifetimes,
  resourceServerInfo,
  seedClientOf,
  standardScopes,
  type ProviderContext,
} from './provider-context.js';
import type { SeedClient } from './seed.js';
import { accessTokenClaims, profileClaims } from './token-claims.js';

// Keycloak's endpoint paths under the realm's issuer, so a client configured for Keycloak works here.
export const keycloakRoutes = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  userinfo: '/protocol/openid-connect/userinfo',
  end_session: '/protocol/openid-connect/logout',
  introspection: '/protocol/openid-connect/token/introspect',
  revocation: '/protocol/openid-connect/revoke',
  pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
} as const;

function clientMetadata(client: SeedClient): ClientMetadata {
  const usesCode = client.grants.includes('authorization_code');
  return {
    client_id: client.clientId,
    client_name: client.name,
    ...(client.public
      ? { token_endpoint_auth_method: 'none' }
      : { token_endpoint_auth_method: 'client_secret_basic', client_secret: client.devOnlySecret }),
    grant_types: [...client.grants],
    response_types: usesCode ? ['code'] : [],
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    scope: allowedScopes(client).join(' '),
  };
}

export function langOf(ctx: KoaContextWithOIDC): Lang {
  const params = ctx.oidc?.params;
  const uiLocales = typeof params?.ui_locales === 'string' ? params.ui_locales : undefined;
  const query = typeof ctx.query.lang === 'string' ? ctx.query.lang : undefined;
  return pickLang(query, uiLocales, ctx.get('accept-language'));
}

async function findAccount(ctx: ProviderContext, sub: string): Promise<Account | undefined> {
  const user = ctx.users.byId(sub);
  if (!user || !user.enabled) return undefined;
  return {
    accountId: user.id,
    claims: () => {
      const current = ctx.users.byId(sub) ?? user;
      return { ...profileClaims(current), sub: current.id };
    },
  };
}

// Every seeded client is first-party (Keycloak's consentRequired=false): what a client may ask for
// is granted without a consent screen.
async function loadExistingGrant(ctx: ProviderContext, koa: KoaContextWithOIDC) {
  const { oidc } = koa;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId || !oidc.session) return undefined;
  const seedClient = seedClientOf(ctx.seed, client.clientId);
  const allowed = new Set(seedClient ? allowedScopes(seedClient) : standardScopes);
  const requested = [...oidc.requestParamScopes].filter((s) => allowed.has(s));

  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant = existing ?? new oidc.provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope(
    requested.filter((s) => (standardScopes as readonly string[]).includes(s) || s === 'offline_access'),
  );
  for (const resource of Object.keys(oidc.resourceServers ?? {})) grant.addResourceScope(resource, requested);
  await grant.save();
  return grant;
}

async function customizeAccessToken(
  ctx: ProviderContext,
  token: { kind: string; clientId?: string; accountId?: string; sid?: string; sessionUid?: string },
  jwt: { header?: Record<string, unknown>; payload: Record<string, unknown> },
): Promise<void> {
  const clientId = token.clientId ?? '';
  const seedClient = seedClientOf(ctx.seed, clientId);
  // Client credentials: the token speaks for the client's service-account user, as in Keycloak.
  const user =
    token.kind === 'ClientCredentials'
      ? ctx.users.byServiceAccountClient(clientId)
      : token.accountId
        ? ctx.users.byId(token.accountId)
        : undefined;
  if (!user) throw new errors.InvalidGrant('the account behind this token no longer exists');
  const claims = accessTokenClaims({
    user,
    clientId,
    audience: ctx.seed.audience,
    // Keycloak's sid names the SSO session; the session uid is its stable equivalent here.
    sid: token.sid ?? token.sessionUid,
    realmManagementRoles: user.serviceAccountClientId ? seedClient?.serviceAccount?.realmManagementRoles : undefined,
  });
  jwt.header = { ...jwt.header, typ: 'JWT' };
  jwt.payload = { ...jwt.payload, ...claims, sub: user.id };
}

function clientBasedCors(_koa: KoaContextWithOIDC, origin: string, client: Client): boolean {
  return (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin);
}

export function createProvider(ctx: ProviderContext): Provider {
  const issuerPath = new URL(ctx.issuer).pathname.replace(/\/$/, '');
  const ttl = ctx.accessTokenTtlSeconds;
  const configuration: Configuration = {
    adapter: ctx.store.adapterFactory(),
    clients: ctx.seed.clients.map(clientMetadata),
    jwks: { keys: ctx.keys.signingKeys },
    cookies: {
      keys: ctx.keys.cookieKeys,
      names: { session: 'KINERJA_DEV_SESSION', interaction: 'KINERJA_DEV_INTERACTION', resume: 'KINERJA_DEV_RESUME' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: { ...keycloakRoutes },
    scopes: ctx.seed.clientScopes,
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub', 'tenant_id', 'employee_id'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    findAccount: (_koa, sub) => findAccount(ctx, sub),
    loadExistingGrant: (koa) => loadExistingGrant(ctx, koa),
    // A refresh token whenever the client may use one, not only with offline_access (Keycloak does so).
    issueRefreshToken: async (_koa, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_koa, interaction) => `${issuerPath}/login-actions/${interaction.uid}` },
    clientBasedCORS: clientBasedCors,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (koa, form) => {
          koa.type = 'html';
          koa.body = logoutPage(langOf(koa), form);
        },
        postLogoutSuccessSource: (koa) => {
          koa.type = 'html';
          koa.body = loggedOutPage(langOf(koa));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (koa, resource, client) => {
          if (resource !== apiResource) throw new errors.InvalidTarget();
          return resourceServerInfo(ctx, seedClientOf(ctx.seed, client.clientId));
        },
      },
    },
    formats: { customizers: { jwt: (_koa, token, jwt) => customizeAccessToken(ctx, token, jwt) } },
    renderError: (koa, out) => {
      koa.type = 'html';
      koa.body = errorPage(langOf(koa), out.error, out.error_description);
    },
    discovery: { ui_locales_supported: ['id', 'en'] },
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: ttl,
      AuthorizationCode: lifetimes.authorizationCodeSeconds,
      RefreshToken: lifetimes.refreshTokenSeconds,
      Session: lifetimes.sessionSeconds,
      Grant: lifetimes.sessionSeconds,
      Interaction: lifetimes.interactionSeconds,
    },
  };

  const provider = new Provider(ctx.issuer, configuration);
  // Honour X-Forwarded-* when the provider sits behind a proxy at its public URL.
  provider.proxy = true;
  registerPasswordGrant(provider, ctx);
  provider.on('server_error', (_koa: KoaContextWithOIDC, err: Error) => {
    ctx.logger.error({ err: { name: err.name, message: err.message } }, 'identity provider request failed');
  });
  return provider;
}

/** Rewrites a request for a provider mounted under the issuer's path, as Koa mounting does. */
export function mountRequest(req: IncomingMessage & { originalUrl?: string }, issuerPath: string): void {
  const url = req.url ?? '/';
  req.originalUrl = url;
  const rest = url.slice(issuerPath.length);
  req.url = rest.startsWith('/') ? rest : `/${rest}`;
}
