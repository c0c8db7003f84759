import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';

import { sendEmpty, sendJson } from './http-util.js';
import type { Seed } from './seed.js';

// Keycloak's back-channel logout: POST <issuer>/protocol/openid-connect/logout with client_id (and
// the secret for a confidential client) and refresh_token ends that login. Scripts and the CLI use
// it; browsers use the RP-initiated logout that oidc-provider serves on the same path.

function sameSecret(actual: string, expected: string): boolean {
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  if (at < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, at)),
    secret: decodeURIComponent(decoded.slice(at + 1)),
  };
}

export async function logoutByRefreshToken(
  provider: Provider,
  seed: Seed,
  form: URLSearchParams,
  authorization: string | undefined,
  res: ServerResponse,
): Promise<void> {
  const basic = basicCredentials(authorization);
  const clientId = basic?.clientId ?? form.get('client_id') ?? '';
  const secret = basic?.secret ?? form.get('client_secret') ?? '';
  const client = seed.clients.find((c) => c.clientId === clientId);
  if (!client || (!client.public && !sameSecret(secret, client.devOnlySecret ?? ''))) {
    return sendJson(res, 401, {
      error: 'unauthorized_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  }
  const refreshToken = await provider.RefreshToken.find(form.get('refresh_token') ?? '');
  if (!refreshToken || refreshToken.clientId !== client.clientId || !refreshToken.grantId) {
    return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
  }
  const { grantId } = refreshToken;
  const grant = await provider.Grant.find(grantId);
  await grant?.destroy();
  await refreshToken.adapter.revokeByGrantId(grantId);
  if (refreshToken.sessionUid) {
    const session = await provider.Session.findByUid(refreshToken.sessionUid);
    await session?.destroy();
  }
  return sendEmpty(res, 204);
}
