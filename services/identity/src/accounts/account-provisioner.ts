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
};

export type ProvisionedAccount = { userId: string; created: boolean; temporaryPassword?: string };

export abstract class AccountProvisioner {
  abstract ensureAccount(request: AccountRequest): Promise<ProvisionedAccount>;
}

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
    const token = await this.adminToken();
    const existing = await this.call<{ id: string; attributes?: Record<string, string[]> }[]>(
      token,
      'GET',
      `/users?username=${encodeURIComponent(request.username)}&exact=true`,
    );
    const found = existing?.[0];
    if (found) {
      // Re-running a request for the same tenant is idempotent; a username of another tenant is a conflict.
      if (found.attributes?.tenant_id?.[0] !== request.tenantId) {
        throw new IdentityError('CONFLICT', 'This username is taken.', [
          { field: 'admin.username', code: 'USERNAME_TAKEN', message: 'This username is taken.' },
        ]);
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

  private async grantRoles(token: string, userId: string, roles: RealmRole[]): Promise<void> {
    const mappings = await Promise.all(
      roles.map((role) => this.call<{ id: string; name: string }>(token, 'GET', `/roles/${role}`)),
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
