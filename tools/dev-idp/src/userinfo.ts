import type { IncomingMessage, ServerResponse } from 'node:http';

import { bearerToken, sendEmpty, sendJson } from './http-util.js';
import type { Seed } from './seed.js';
import { profileClaims } from './token-claims.js';
import type { TokenVerifier } from './token-verifier.js';
import type { UserStore } from './user-store.js';

// Keycloak answers userinfo for its JWT access tokens; oidc-provider only does so for tokens issued
// to no resource server, so the dev provider serves this endpoint itself.

export type UserinfoDeps = { realm: string; seed: Seed; users: UserStore; verifier: TokenVerifier };

function allowedOrigin(seed: Seed, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  const origins = seed.clients.flatMap((c) => c.redirectUris.map((uri) => new URL(uri).origin));
  return origins.includes(origin) ? origin : undefined;
}

export async function handleUserinfo(deps: UserinfoDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = allowedOrigin(deps.seed, req.headers.origin);
  const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, vary: 'origin' } : {};
  if (req.method === 'OPTIONS') {
    return sendEmpty(res, 204, {
      ...cors,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization',
      'access-control-max-age': '600',
    });
  }
  if (req.method !== 'GET' && req.method !== 'POST') return sendEmpty(res, 405, { allow: 'GET, POST' });

  const raw = bearerToken(req);
  const token = raw ? await deps.verifier.verify(raw) : undefined;
  const user = typeof token?.sub === 'string' ? deps.users.byId(token.sub) : undefined;
  if (!user || !user.enabled) {
    return sendJson(
      res,
      401,
      { error: 'invalid_token', error_description: 'Token verification failed' },
      {
        ...cors,
        'www-authenticate': `Bearer realm="${deps.realm}", error="invalid_token", error_description="Token verification failed"`,
      },
    );
  }
  return sendJson(res, 200, profileClaims(user), cors);
}
