import { randomBytes } from 'node:crypto';
import type { RealmRole } from '@kinerja/platform/auth';
import { IdentityError } from '../identity-error.js';

// Logins live in the identity provider. This adapter speaks Keycloak's Admin REST API, which the dev identity
// provider serves too, so the same code runs against both.

export type AccountRequest = {
  username: string;
  email: string;
  name: string;
  tenantId: string;
  employeeId?: string;
  roles: RealmRole[];
  /** The request field errors name (default `username`). */
  field?: string;
};

export type ProvisionedAccount = { userId: string; created: boolean; temporaryPassword?: string };

export abstract class AccountProvisioner {
  /** Creates the login, or finds it by username in the same tenant and links it to the employee given. */
  abstract ensureAccount(request: AccountRequest): Promise<ProvisionedAccount>;
  /** Makes the login's realm roles among `managed` exactly `roles` (others are left alone). */
  abstract setRealmRoles(userId: string, managed: readonly RealmRole[], roles: readonly RealmRole[]): Promise<void>;
}

type UserRepresentation = {
  id: string;
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  attributes?: Record<string, string[]>;
};
type RoleRepresentation = { id: string; name: string };

export type KeycloakAdminOptions = {
  /** The realm's issuer, e.g. http://localhost:8081/realms/kinerja. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
};

export class KeycloakAdminAccounts extends AccountProvisioner {
  private readonly adminBase: string;
  private readonly realm: string;

  constructor(private readonly options: KeycloakAdminOptions) {
    super();
    const issuer = new URL(options.issuer);
    this.realm = issuer.pathname.split('/').filter(Boolean).at(-1) ?? 'kinerja';
    this.adminBase = `${issuer.origin}/admin/realms/${this.realm}`;
  }

  async ensureAccount(request: AccountRequest): Promise<ProvisionedAccount> {
    try {
      return await this.provision(request);
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'ACCOUNT_TAKEN' && request.field)
        throw new IdentityError(
          error.code,
          error.message,
          error.fields.map((f) => ({ ...f, field: request.field as string })),
        );
      throw error;
    }
  }

  private async provision(request: AccountRequest): Promise<ProvisionedAccount> {
    const token = await this.adminToken();
    const existing = await this.call<UserRepresentation[]>(
      token,
      'GET',
      `/users?username=${encodeURIComponent(request.username)}&exact=true`,
    );
    const found = existing?.[0];
    if (found) {
      // Re-running a request for the same tenant is idempotent; a username of another tenant, or a login already
      // linked to another employee, is taken.
      const linked = found.attributes?.employee_id?.[0];
      if (
        found.attributes?.tenant_id?.[0] !== request.tenantId ||
        (request.employeeId !== undefined && linked !== undefined && linked !== request.employeeId)
      ) {
        throw new IdentityError('ACCOUNT_TAKEN', 'Nama pengguna ini sudah dipakai.', [
          { field: 'username', code: 'USERNAME_TAKEN', message: 'Nama pengguna ini sudah dipakai.' },
        ]);
      }
      if (request.employeeId !== undefined && linked === undefined) {
        // Keycloak replaces the whole representation on PUT: send it back with the employee attribute added.
        const user = await this.call<UserRepresentation>(token, 'GET', `/users/${found.id}`);
        await this.call(token, 'PUT', `/users/${found.id}`, {
          ...user,
          attributes: { ...user?.attributes, tenant_id: [request.tenantId], employee_id: [request.employeeId] },
        });
      }
      await this.grantRoles(token, found.id, request.roles);
      return { userId: found.id, created: false };
    }
    const temporaryPassword = randomBytes(12).toString('base64url');
    const [firstName, ...rest] = request.name.split(' ');
    const location = await this.call<undefined>(token, 'POST', '/users', {
      username: request.username,
      email: request.email,
      firstName,
      lastName: rest.join(' '),
      enabled: true,
      emailVerified: false,
      attributes: {
        tenant_id: [request.tenantId],
        ...(request.employeeId ? { employee_id: [request.employeeId] } : {}),
      },
      credentials: [{ type: 'password', value: temporaryPassword, temporary: true }],
    });
    const userId =
      location ??
      (
        await this.call<{ id: string }[]>(
          token,
          'GET',
          `/users?username=${encodeURIComponent(request.username)}&exact=true`,
        )
      )?.[0]?.id;
    if (!userId)
      throw new IdentityError('IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider did not confirm the account.');
    await this.grantRoles(token, userId, request.roles);
    return { userId, created: true, temporaryPassword };
  }

  async setRealmRoles(userId: string, managed: readonly RealmRole[], roles: readonly RealmRole[]): Promise<void> {
    const token = await this.adminToken();
    const current = (await this.call<RoleRepresentation[]>(token, 'GET', `/users/${userId}/role-mappings/realm`)) ?? [];
    const held = new Set(current.map((r) => r.name));
    const revoke = current.filter(
      (r) => (managed as readonly string[]).includes(r.name) && !roles.includes(r.name as RealmRole),
    );
    await this.grantRoles(
      token,
      userId,
      roles.filter((role) => !held.has(role)),
    );
    if (revoke.length > 0) await this.call(token, 'DELETE', `/users/${userId}/role-mappings/realm`, revoke);
  }

  private async grantRoles(token: string, userId: string, roles: readonly RealmRole[]): Promise<void> {
    if (roles.length === 0) return;
    const mappings = await Promise.all(
      roles.map((role) => this.call<RoleRepresentation>(token, 'GET', `/roles/${role}`)),
    );
    await this.call(token, 'POST', `/users/${userId}/role-mappings/realm`, mappings.filter(Boolean));
  }

  private async adminToken(): Promise<string> {
    const response = await this.fetch(`${this.options.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token) {
      throw new IdentityError('IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider refused the admin client.');
    }
    return body.access_token;
  }

  /** Returns the parsed JSON body, or for a 201 the id at the end of the Location header. */
  private async call<T>(token: string, method: string, path: string, body?: unknown): Promise<T | undefined> {
    const response = await this.fetch(`${this.adminBase}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 201) return response.headers.get('location')?.split('/').at(-1) as T | undefined;
    if (response.status === 204) return undefined;
    if (response.status === 409)
      throw new IdentityError('ACCOUNT_TAKEN', 'Nama pengguna atau e-mail ini sudah dipakai di penyedia identitas.', [
        { field: 'username', code: 'USERNAME_TAKEN', message: 'Nama pengguna atau e-mail sudah dipakai.' },
      ]);
    if (!response.ok) {
      throw new IdentityError('IDENTITY_PROVIDER_UNAVAILABLE', `The identity provider answered ${response.status}.`);
    }
    return (await response.json()) as T;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
    } catch {
      throw new IdentityError('IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider cannot be reached.');
    }
  }
}
