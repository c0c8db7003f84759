import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLogger, type Logger } from '@kinerja/platform/logging';
import type Provider from 'oidc-provider';

import { AdminApi } from './admin-api.js';
import { HttpError, readBody, sendJson } from './http-util.js';
import { loadOrCreateKeys, rotateSigningKey, type ProviderKeys } from './key-store.js';
import { LoginActions } from './login-actions.js';
import { MemoryStore } from './memory-adapter.js';
import { createProvider, keycloakRoutes, mountRequest } from './provider.js';
import type { ProviderContext } from './provider-context.js';
import { logoutByRefreshToken } from './refresh-token-logout.js';
import { loadSeed, parseSeedUser, type Seed, type SeedUser } from './seed.js';
import { TokenVerifier } from './token-verifier.js';
import { handleUserinfo } from './userinfo.js';
import { UserStore } from './user-store.js';

export type DevIdpOptions = {
  /** 0 picks a free port. Default 8081. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Public base URL (scheme, host, port, optional path) when reached through a proxy or another name. */
  publicUrl?: string;
  /** Keys and users live here; keep it out of the repository. */
  dataDir: string;
  seedFile?: string;
  /** Access token lifetime. Default: the seed's (300 s, Keycloak's default). */
  accessTokenTtlSeconds?: number;
  /** Users added (or updated) at start, after the seed's. */
  users?: SeedUser[];
  /** Password for seed users that have none in the seed file (the `admin` platform operator). */
  adminPassword?: string;
  logger?: Logger;
};

export type DevIdp = {
  issuer: string;
  /** Where the provider listens (may differ from the issuer's host when publicUrl is set). */
  url: string;
  close(): Promise<void>;
  /** Creates the user, or updates the one with that username; resolves to its id. */
  addUser(user: SeedUser): Promise<string>;
  /** Adds a new signing key; older keys stay in the JWKS. */
  rotateKeys(): Promise<void>;
  /** Set when the admin password was generated at this start (first start without adminPassword). */
  generatedAdminPassword?: string;
};

export const usersFileName = 'users.json';
const sweepIntervalMs = 60_000;

// The seed beside the sources, whether running from src/ (tests) or from the compiled dist/ tree.
export function defaultSeedFile(): string {
  const candidates = [
    fileURLToPath(new URL('../seed.json', import.meta.url)),
    fileURLToPath(new URL('../../../../tools/dev-idp/seed.json', import.meta.url)),
  ];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

async function upsertUser(users: UserStore, seed: Seed, input: SeedUser): Promise<string> {
  const user = parseSeedUser(input);
  const attributes: Record<string, string[]> = {
    ...(user.tenantId ? { tenant_id: [user.tenantId.toLowerCase()] } : {}),
    ...(user.employeeId ? { employee_id: [user.employeeId.toLowerCase()] } : {}),
  };
  const existing = users.byUsername(user.username);
  if (existing) {
    await users.update(existing.id, {
      email: user.email ?? existing.email,
      firstName: user.firstName ?? existing.firstName,
      lastName: user.lastName ?? existing.lastName,
      enabled: user.enabled ?? existing.enabled,
      realmRoles: user.roles ?? existing.realmRoles,
      attributes: { ...existing.attributes, ...attributes },
    });
    if (user.password) await users.setPassword(existing.id, user.password, false);
    return existing.id;
  }
  const created = await users.create({
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    enabled: user.enabled ?? true,
    emailVerified: user.email !== undefined,
    attributes,
    realmRoles: user.roles ?? [...seed.defaultRoles],
    password: user.password ? { value: user.password, temporary: false } : undefined,
  });
  return created.id;
}

// Keycloak keeps a user behind every client with a service account; its roles are the seed's.
async function ensureServiceAccounts(users: UserStore, seed: Seed): Promise<void> {
  for (const client of seed.clients) {
    if (!client.serviceAccount) continue;
    const existing = users.byServiceAccountClient(client.clientId);
    if (existing) {
      await users.update(existing.id, { realmRoles: client.serviceAccount.realmRoles });
    } else {
      await users.create({
        username: `service-account-${client.clientId}`,
        realmRoles: client.serviceAccount.realmRoles,
        serviceAccountClientId: client.clientId,
      });
    }
  }
}

async function seedUsers(users: UserStore, seed: Seed, adminPassword: string | undefined): Promise<string | undefined> {
  let generated: string | undefined;
  for (const user of seed.users) {
    if (user.password) {
      await upsertUser(users, seed, user);
      continue;
    }
    const exists = users.byUsername(user.username) !== undefined;
    // A fresh realm gets a generated password unless one is given; a given one always wins.
    const password = adminPassword ?? (exists ? undefined : (generated = randomBytes(12).toString('base64url')));
    await upsertUser(users, seed, { ...user, password });
  }
  return generated;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const logger = options.logger ?? createLogger('dev-idp');
  const seed = await loadSeed(options.seedFile ?? defaultSeedFile());
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  let keys: ProviderKeys = await loadOrCreateKeys(dataDir);
  const users = await UserStore.open(path.join(dataDir, usersFileName));
  await ensureServiceAccounts(users, seed);
  const generatedAdminPassword = await seedUsers(users, seed, options.adminPassword);
  for (const user of options.users ?? []) await upsertUser(users, seed, user);

  const host = options.host ?? '127.0.0.1';
  let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async (_req, res) =>
    sendJson(res, 503, { error: 'starting' });
  const server = createServer((req, res) => void handler(req, res));
  const address = await listen(server, options.port ?? 8081, host);
  const url = `http://${urlHost(host)}:${address.port}`;
  const publicBase = (options.publicUrl ?? url).replace(/\/+$/, '');
  const basePath = new URL(publicBase).pathname.replace(/\/+$/, '');
  const issuer = `${publicBase}/realms/${seed.realm}`;
  const issuerPath = `${basePath}/realms/${seed.realm}`;
  const adminPath = `${basePath}/admin/realms/${seed.realm}`;

  const store = new MemoryStore();
  const sweeper = setInterval(() => store.sweep(), sweepIntervalMs);
  sweeper.unref();

  const verifier = new TokenVerifier(issuer, keys);
  const context: ProviderContext = {
    issuer,
    seed,
    users,
    keys,
    store,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? seed.accessTokenLifespanSeconds,
    logger,
  };
  let provider: Provider = createProvider(context);
  let callback = provider.callback();

  const rotateKeys = async (): Promise<void> => {
    keys = await rotateSigningKey(dataDir, keys);
    verifier.useKeys(keys);
    // The key set is fixed per provider instance; a new one shares the same stored sessions.
    provider = createProvider({ ...context, keys });
    callback = provider.callback();
    logger.info({ kid: keys.signingKeys[0]?.kid }, 'signing key rotated');
  };

  const admin = new AdminApi({
    realm: seed.realm,
    seed,
    users,
    verifier,
    publicBase: `${publicBase}/admin/realms/${seed.realm}`,
    rotateKeys,
  });
  const loginActions = new LoginActions({ provider: () => provider, users, seed, issuerPath, logger });
  const userinfoPath = `${issuerPath}${keycloakRoutes.userinfo}`;
  const logoutPath = `${issuerPath}${keycloakRoutes.end_session}`;

  const route = async (req: IncomingMessage & { body?: string }, res: ServerResponse): Promise<void> => {
    const requestUrl = new URL(req.url ?? '/', 'http://dev-idp.invalid');
    const pathname = requestUrl.pathname;
    if (pathname === '/health/live' || pathname === '/health/ready') return sendJson(res, 200, { status: 'UP' });
    if (pathname === adminPath || pathname.startsWith(`${adminPath}/`)) {
      return admin.handle(req, res, pathname.slice(adminPath.length), requestUrl.searchParams);
    }
    if (pathname.startsWith(`${issuerPath}/login-actions/`)) {
      return loginActions.handle(
        req,
        res,
        pathname.slice(`${issuerPath}/login-actions/`.length),
        requestUrl.searchParams,
      );
    }
    if (pathname === userinfoPath) return handleUserinfo({ realm: seed.realm, seed, users, verifier }, req, res);
    if (pathname === logoutPath && req.method === 'POST') {
      const body = await readBody(req);
      const form = new URLSearchParams(body);
      if (form.has('refresh_token')) return logoutByRefreshToken(provider, seed, form, req.headers.authorization, res);
      // Hand the already-read form to oidc-provider's RP-initiated logout.
      req.body = body;
    }
    if (pathname === issuerPath || pathname.startsWith(`${issuerPath}/`)) {
      mountRequest(req, issuerPath);
      return callback(req, res);
    }
    return sendJson(res, 404, { error: 'Resource not found' });
  };

  handler = async (req, res) => {
    try {
      await route(req, res);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
      } else if (err instanceof HttpError) {
        sendJson(res, err.status, err.body);
      } else {
        logger.error(
          { err: { name: (err as Error).name, message: (err as Error).message }, path: req.url?.split('?')[0] },
          'request failed',
        );
        sendJson(res, 500, { error: 'server_error' });
      }
    }
  };

  logger.info({ issuer, url }, 'dev identity provider listening');

  return {
    issuer,
    url,
    generatedAdminPassword,
    addUser: (user) => upsertUser(users, seed, user),
    rotateKeys,
    close: async () => {
      clearInterval(sweeper);
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
