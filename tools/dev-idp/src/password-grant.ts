import { randomUUID } from 'node:crypto';

import Provider, { errors, type TokenEndpointGrantContext } from 'oidc-provider';

import {
  allowedScopes,
  apiResource,
  defaultScopesOf,
  lifetimes,
  resourceServerInfo,
  seedClientOf,
  type ProviderContext,
} from './provider-context.js';
import { profileClaims } from './token-claims.js';
import type { StoredUser } from './user-store.js';

// Resource-owner password grant (Keycloak's "direct access grants"), for scripts and tests. oidc-provider
// does not ship it; it is registered as an extension grant that issues the same tokens as the code flow.

type PasswordParams = { username?: unknown; password?: unknown };

const oidcScopeNames = new Set(['openid', 'profile', 'email', 'offline_access']);

function invalidGrant(description: string): errors.CustomOIDCProviderError {
  return new errors.CustomOIDCProviderError('invalid_grant', description);
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function findUser(ctx: ProviderContext, login: string): StoredUser | undefined {
  // Keycloak lets users sign in with their email address too.
  const user = ctx.users.byUsername(login) ?? ctx.users.all().find((u) => u.email === login.toLowerCase());
  return user && !user.serviceAccountClientId ? user : undefined;
}

export function registerPasswordGrant(provider: Provider, ctx: ProviderContext): void {
  provider.registerGrantType<PasswordParams>(
    'password',
    async (koa: TokenEndpointGrantContext<PasswordParams>) => {
      const { client, params } = koa.oidc;
      const username = stringParam(params.username);
      const password = stringParam(params.password);
      if (!username || !password) throw new errors.InvalidRequest('username and password are required');

      const seedClient = seedClientOf(ctx.seed, client.clientId);
      if (!seedClient) throw new errors.InvalidClient('client not found');

      // Keycloak's error descriptions, so scripts written against it read the same messages.
      const user = findUser(ctx, username);
      const check = user ? await ctx.users.checkPassword(user, password) : 'invalid';
      if (!user || check === 'invalid') throw invalidGrant('Invalid user credentials');
      if (check === 'disabled') throw invalidGrant('Account disabled');
      if (check === 'temporary-password') throw invalidGrant('Account is not fully set up');

      const requested = stringParam(params.scope)?.split(' ').filter(Boolean) ?? [];
      const allowed = new Set(allowedScopes(seedClient));
      const refused = requested.filter((s) => !allowed.has(s));
      if (refused.length > 0) throw new errors.InvalidScope('Invalid scopes', refused.join(' '));
      const scopes = [...new Set([...requested, ...defaultScopesOf(seedClient)])];
      const scope = scopes.join(' ');

      const grant = new provider.Grant({ accountId: user.id, clientId: client.clientId });
      grant.addOIDCScope(scopes.filter((s) => oidcScopeNames.has(s)));
      grant.addResourceScope(apiResource, scopes);
      const grantId = await grant.save();

      // The session id Keycloak would give this login; logout by refresh token ends it.
      const sid = randomUUID();
      const authTime = Math.floor(Date.now() / 1000);

      const at = new provider.AccessToken({
        accountId: user.id,
        client,
        grantId,
        gty: 'password',
        sid,
        expiresWithSession: false,
      });
      at.resourceServer = new provider.ResourceServer(apiResource, resourceServerInfo(ctx, seedClient));
      at.scope = scope;
      koa.oidc.entity('AccessToken', at);
      const accessToken = await at.save();

      let refreshToken: string | undefined;
      if (client.grantTypeAllowed('refresh_token')) {
        const rt = new provider.RefreshToken({
          accountId: user.id,
          client,
          grantId,
          gty: 'password',
          scope,
          resource: apiResource,
          rotations: 0,
          expiresWithSession: false,
          sid,
          authTime,
        });
        koa.oidc.entity('RefreshToken', rt);
        refreshToken = await rt.save();
      }

      let idToken: string | undefined;
      if (scopes.includes('openid')) {
        const token = new provider.IdToken({ ...profileClaims(user), sub: user.id }, { ctx: koa });
        // The ID token's claims are filtered by scope, as for the code flow (`scope` is untyped upstream).
        Object.assign(token, { scope });
        token.set('auth_time', authTime);
        token.set('sid', sid);
        idToken = await token.issue({ use: 'idtoken' });
      }

      koa.body = {
        access_token: accessToken,
        expires_in: at.expiration,
        refresh_expires_in: refreshToken ? lifetimes.refreshTokenSeconds : undefined,
        refresh_token: refreshToken,
        token_type: 'Bearer',
        id_token: idToken,
        'not-before-policy': 0,
        session_state: sid,
        scope,
      };
    },
    ['username', 'password', 'scope'],
  );
}
