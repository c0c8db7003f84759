import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import { HttpError, bearerToken, readJson, sendEmpty, sendJson } from './http-util.js';
import { isRealmRole, managedAttributes, type RealmRole } from './realm.js';
import type { Seed } from './seed.js';
import { realmManagementRolesOf, realmRolesOf, type TokenVerifier, type VerifiedToken } from './token-verifier.js';
import { UserStoreError, type StoredUser, type UserStore } from './user-store.js';

// The part of Keycloak's Admin REST API the identity service uses to manage accounts, at Keycloak's
// paths and with its representations, so `@keycloak/keycloak-admin-client` works against either.
// Callers authenticate with a bearer token whose realm-management roles allow the call, as in Keycloak.

export type AdminApiDeps = {
  realm: string;
  seed: Seed;
  users: UserStore;
  verifier: TokenVerifier;
  /** The public URL of the admin API's realm root, for Location headers. */
  publicBase: string;
  rotateKeys: () => Promise<void>;
};

type Need = 'view-users' | 'query-users' | 'manage-users' | 'view-realm' | 'manage-realm';

// A role that implies another, as Keycloak's composite realm-management roles do.
const implied: Record<Need, readonly string[]> = {
  'view-users': ['view-users', 'manage-users'],
  'query-users': ['query-users', 'view-users', 'manage-users'],
  'manage-users': ['manage-users'],
  'view-realm': ['view-realm', 'manage-realm'],
  'manage-realm': ['manage-realm'],
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable uuid for a name (roles have no stored id; a hash keeps ids equal across restarts). */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const credentialSchema = z.object({
  type: z.string().default('password'),
  value: z.string(),
  temporary: z.boolean().default(false),
});

const attributeValues = z.union([z.array(z.string()), z.string().transform((v) => [v])]);

const userRepresentationSchema = z.object({
  username: z.string().trim().min(1).max(255).optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
  firstName: z.string().max(255).optional(),
  lastName: z.string().max(255).optional(),
  enabled: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  attributes: z.record(z.string(), attributeValues).optional(),
  credentials: z.array(credentialSchema).optional(),
});
type UserRepresentation = z.output<typeof userRepresentationSchema>;

const roleRefSchema = z.array(z.object({ id: z.string().optional(), name: z.string().optional() }));

function badRequest(errorMessage: string, field?: string): HttpError {
  return new HttpError(400, field ? { field, errorMessage } : { errorMessage });
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest(issue ? `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` : 'invalid body');
}

// The realm's user profile declares only tenant_id and employee_id, single-valued uuids; other
// attributes are dropped, as Keycloak does with unmanaged attributes disabled.
export function managedAttributesFrom(input: Record<string, string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const name of managedAttributes) {
    const values = (input[name] ?? []).filter((v) => v !== '');
    if (values.length === 0) continue;
    if (values.length > 1) throw badRequest(`${name} takes one value`, name);
    if (!uuidPattern.test(values[0] ?? '')) throw badRequest(`${name} must be a UUID`, name);
    result[name] = [values[0]!.toLowerCase()];
  }
  return result;
}

// The realm's password policy, `length(8) and notUsername`, with Keycloak's error keys.
export const minPasswordLength = 8;

export function passwordPolicyProblem(password: string, username: string): string | undefined {
  if (password.length < minPasswordLength) return 'invalidPasswordMinLengthMessage';
  if (password.toLowerCase() === username.toLowerCase()) return 'invalidPasswordNotUsernameMessage';
  return undefined;
}

function checkPasswordPolicy(password: string, username: string): void {
  const problem = passwordPolicyProblem(password, username);
  if (problem) throw new HttpError(400, { error: problem, error_description: 'Invalid password' });
}

export class AdminApi {
  constructor(private readonly deps: AdminApiDeps) {}

  roleRepresentation(name: RealmRole) {
    return {
      id: stableUuid(`kinerja-role:${name}`),
      name,
      composite: false,
      clientRole: false,
      containerId: stableUuid(`kinerja-realm:${this.deps.realm}`),
    };
  }

  userRepresentation(user: StoredUser, brief = false) {
    return {
      id: user.id,
      username: user.username,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      emailVerified: user.emailVerified,
      enabled: user.enabled,
      createdTimestamp: user.createdTimestamp,
      totp: false,
      ...(brief ? {} : { attributes: user.attributes }),
      ...(user.serviceAccountClientId ? { serviceAccountClientId: user.serviceAccountClientId } : {}),
      requiredActions: user.password?.temporary ? ['UPDATE_PASSWORD'] : [],
      disableableCredentialTypes: [],
      notBefore: 0,
      access: { manageGroupMembership: true, view: true, mapRoles: true, impersonate: false, manage: true },
    };
  }

  /** Handles `path`, relative to /admin/realms/<realm>. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const token = await this.authenticate(req);

    const [head, id, sub, subsub] = segments;
    if (head === 'roles' && method === 'GET') {
      this.require(token, 'view-realm');
      if (id === undefined)
        return sendJson(
          res,
          200,
          this.deps.seed.roles.map((r) => this.roleRepresentation(r)),
        );
      if (!isRealmRole(id) || !this.deps.seed.roles.includes(id))
        throw new HttpError(404, { error: 'Could not find role' });
      return sendJson(res, 200, this.roleRepresentation(id));
    }
    if (head === 'dev-idp' && id === 'rotate-keys' && method === 'POST' && segments.length === 2) {
      // Not a Keycloak endpoint: key rotation for the dev provider; the platform operator may call it.
      if (!realmRolesOf(token).includes('platform-admin')) this.require(token, 'manage-realm');
      await this.deps.rotateKeys();
      return sendEmpty(res, 204);
    }
    if (head !== 'users') throw new HttpError(404, { error: 'HTTP 404 Not Found' });

    if (id === undefined) {
      if (method === 'GET') {
        this.require(token, 'query-users');
        return sendJson(res, 200, this.search(query));
      }
      if (method === 'POST') {
        this.require(token, 'manage-users');
        return this.create(req, res);
      }
    } else if (id === 'count' && method === 'GET' && sub === undefined) {
      this.require(token, 'query-users');
      return sendJson(res, 200, this.filter(query).length);
    } else {
      const user = this.deps.users.byId(id);
      if (!user) throw new HttpError(404, { error: 'User not found' });
      if (sub === undefined) {
        if (method === 'GET') {
          this.require(token, 'view-users');
          return sendJson(res, 200, this.userRepresentation(user));
        }
        if (method === 'PUT') {
          this.require(token, 'manage-users');
          return this.update(req, res, user);
        }
        if (method === 'DELETE') {
          this.require(token, 'manage-users');
          if (user.serviceAccountClientId) throw badRequest('A service account user cannot be deleted');
          await this.deps.users.delete(user.id);
          return sendEmpty(res, 204);
        }
      } else if (sub === 'reset-password' && method === 'PUT' && subsub === undefined) {
        this.require(token, 'manage-users');
        const credential = parse(credentialSchema, await readJson(req));
        if (credential.type !== 'password') throw badRequest('Only password credentials are supported');
        checkPasswordPolicy(credential.value, user.username);
        await this.deps.users.setPassword(user.id, credential.value, credential.temporary);
        return sendEmpty(res, 204);
      } else if (sub === 'role-mappings') {
        return this.roleMappings(req, res, token, user, subsub, segments.length);
      }
    }
    throw new HttpError(405, { error: 'HTTP 405 Method Not Allowed' });
  }

  private async authenticate(req: IncomingMessage): Promise<VerifiedToken> {
    const raw = bearerToken(req);
    const token = raw ? await this.deps.verifier.verify(raw) : undefined;
    if (!token) throw new HttpError(401, { error: 'HTTP 401 Unauthorized' });
    return token;
  }

  private require(token: VerifiedToken, need: Need): void {
    const held = new Set(realmManagementRolesOf(token));
    if (!implied[need].some((r) => held.has(r))) throw new HttpError(403, { error: 'HTTP 403 Forbidden' });
  }

  private filter(query: URLSearchParams): StoredUser[] {
    const exact = query.get('exact') === 'true';
    const matches = (value: string | undefined, wanted: string | null): boolean => {
      if (wanted === null) return true;
      const v = (value ?? '').toLowerCase();
      const w = wanted.toLowerCase();
      return exact ? v === w : v.includes(w);
    };
    const search = query.get('search')?.toLowerCase().replaceAll('*', '');
    const attributeQuery = (query.get('q') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf(':');
        return [pair.slice(0, at), pair.slice(at + 1)] as const;
      });
    const enabled = query.get('enabled');
    return this.deps.users
      .all()
      .filter((u) => !u.serviceAccountClientId)
      .filter((u) => matches(u.username, query.get('username')))
      .filter((u) => matches(u.email, query.get('email')))
      .filter((u) => matches(u.firstName, query.get('firstName')))
      .filter((u) => matches(u.lastName, query.get('lastName')))
      .filter((u) => enabled === null || String(u.enabled) === enabled)
      .filter(
        (u) =>
          !search ||
          [u.username, u.email, u.firstName, u.lastName].some((v) => (v ?? '').toLowerCase().includes(search)),
      )
      .filter((u) => attributeQuery.every(([key, value]) => (u.attributes[key] ?? []).includes(value)));
  }

  private search(query: URLSearchParams) {
    const first = Math.max(0, Number.parseInt(query.get('first') ?? '0', 10) || 0);
    const maxParam = Number.parseInt(query.get('max') ?? '100', 10);
    const max = Number.isNaN(maxParam) || maxParam < 0 ? 100 : maxParam;
    const brief = query.get('briefRepresentation') === 'true';
    return this.filter(query)
      .slice(first, first + max)
      .map((u) => this.userRepresentation(u, brief));
  }

  private passwordOf(rep: UserRepresentation, username: string): { value: string; temporary: boolean } | undefined {
    const credential = rep.credentials?.find((c) => c.type === 'password');
    if (credential) checkPasswordPolicy(credential.value, username);
    return credential ? { value: credential.value, temporary: credential.temporary } : undefined;
  }

  private async create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rep = parse(userRepresentationSchema, await readJson(req));
    if (!rep.username) throw badRequest('username is required', 'username');
    try {
      const user = await this.deps.users.create({
        username: rep.username,
        email: rep.email || undefined,
        firstName: rep.firstName,
        lastName: rep.lastName,
        enabled: rep.enabled ?? false,
        emailVerified: rep.emailVerified,
        attributes: managedAttributesFrom(rep.attributes ?? {}),
        // Keycloak grants the realm's default roles to every new user.
        realmRoles: [...this.deps.seed.defaultRoles],
        password: this.passwordOf(rep, rep.username),
      });
      return sendEmpty(res, 201, { location: `${this.deps.publicBase}/users/${user.id}` });
    } catch (err) {
      throw this.conflict(err);
    }
  }

  private async update(req: IncomingMessage, res: ServerResponse, user: StoredUser): Promise<void> {
    const rep = parse(userRepresentationSchema, await readJson(req));
    // Usernames are not editable in the realm (editUsernameAllowed=false).
    if (rep.username !== undefined && rep.username.toLowerCase() !== user.username) {
      throw badRequest('error-user-attribute-read-only', 'username');
    }
    try {
      await this.deps.users.update(user.id, {
        email: rep.email,
        firstName: rep.firstName,
        lastName: rep.lastName,
        enabled: rep.enabled,
        emailVerified: rep.emailVerified,
        attributes: rep.attributes ? managedAttributesFrom(rep.attributes) : undefined,
      });
      const password = this.passwordOf(rep, user.username);
      if (password) await this.deps.users.setPassword(user.id, password.value, password.temporary);
      return sendEmpty(res, 204);
    } catch (err) {
      throw this.conflict(err);
    }
  }

  private async roleMappings(
    req: IncomingMessage,
    res: ServerResponse,
    token: VerifiedToken,
    user: StoredUser,
    kind: string | undefined,
    depth: number,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    if (kind === undefined && method === 'GET' && depth === 3) {
      this.require(token, 'view-users');
      return sendJson(res, 200, { realmMappings: user.realmRoles.map((r) => this.roleRepresentation(r)) });
    }
    const composite = depth === 5;
    if (kind !== 'realm' || (depth !== 4 && !(composite && method === 'GET'))) {
      throw new HttpError(404, { error: 'HTTP 404 Not Found' });
    }
    if (method === 'GET') {
      this.require(token, 'view-users');
      return sendJson(
        res,
        200,
        user.realmRoles.map((r) => this.roleRepresentation(r)),
      );
    }
    this.require(token, 'manage-users');
    const wanted = parse(roleRefSchema, (await readJson(req)) ?? []);
    const roles = wanted.map((ref) => {
      const role = this.deps.seed.roles.find(
        (r) => r === ref.name || (ref.id !== undefined && this.roleRepresentation(r).id === ref.id),
      );
      if (!role) throw new HttpError(404, { error: 'Role not found' });
      return role;
    });
    if (method === 'POST') {
      await this.deps.users.update(user.id, { realmRoles: [...user.realmRoles, ...roles] });
      return sendEmpty(res, 204);
    }
    if (method === 'DELETE') {
      await this.deps.users.update(user.id, { realmRoles: user.realmRoles.filter((r) => !roles.includes(r)) });
      return sendEmpty(res, 204);
    }
    throw new HttpError(405, { error: 'HTTP 405 Method Not Allowed' });
  }

  private conflict(err: unknown): unknown {
    if (err instanceof UserStoreError && err.code !== 'NOT_FOUND') {
      return new HttpError(409, { errorMessage: err.message });
    }
    return err;
  }
}
