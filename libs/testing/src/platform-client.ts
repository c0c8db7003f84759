import { DEV_ADMIN_CLIENT_SECRET } from './dev-identity.js';

// The platform's public API as a script drives it (demo seed, synthetic tenants, benchmarks): JSON calls, logins in
// the dev identity provider through its Keycloak-compatible admin API, tenants, and file imports waited on.

type Json = Record<string, unknown>;

export async function call(
  url: string,
  init: RequestInit & { token?: string } = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** A call that must succeed (one of `ok`); anything else throws with the answer. */
export async function must(
  what: string,
  url: string,
  init: RequestInit & { token?: string },
  ok = [200, 201],
): Promise<Json> {
  const answer = await call(url, init);
  if (!ok.includes(answer.status)) throw new Error(`${what} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function adminToken(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'kinerja-admin',
      client_secret: DEV_ADMIN_CLIENT_SECRET,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('the dev identity provider refused the admin client');
  return body.access_token;
}

/** Creates or updates a login through the Keycloak-compatible admin API of the dev identity provider. */
export async function upsertLogin(
  issuer: string,
  login: {
    username: string;
    password: string;
    name: string;
    email: string;
    roles: string[];
    attributes: Record<string, string[]>;
  },
): Promise<string> {
  const admin = `${issuer.replace('/realms/', '/admin/realms/')}`;
  const token = await adminToken(issuer);
  const found = await call(`${admin}/users?username=${encodeURIComponent(login.username)}&exact=true`, { token });
  let id = (found.body as unknown as { id: string }[])[0]?.id;
  if (!id) {
    const [firstName, ...rest] = login.name.split(' ');
    const created = await fetch(`${admin}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: login.username,
        email: login.email,
        firstName,
        lastName: rest.join(' '),
        enabled: true,
        attributes: login.attributes,
      }),
    });
    id = created.headers.get('location')?.split('/').at(-1) ?? '';
    if (!id) throw new Error(`could not create login ${login.username}: ${created.status}`);
  }
  await call(`${admin}/users/${id}/reset-password`, {
    method: 'PUT',
    token,
    body: JSON.stringify({ type: 'password', value: login.password, temporary: false }),
  });
  const roles = await Promise.all(
    login.roles.map(async (role) => (await call(`${admin}/roles/${role}`, { token })).body),
  );
  await call(`${admin}/users/${id}/role-mappings/realm`, { method: 'POST', token, body: JSON.stringify(roles) });
  return id;
}

/** Uploads a file to the bulk import and waits for the job; anything but COMPLETED throws with the report. */
/** A bearer token, or a way to get a fresh one (a long import outlives an access token). */
export type Bearer = string | (() => Promise<string>);

export async function importFile(
  api: string,
  bearer: Bearer,
  bytes: Uint8Array,
  fileName: string,
  kind: 'units' | 'employees' = 'employees',
): Promise<string> {
  const token = async () => (typeof bearer === 'string' ? bearer : bearer());
  const form = new FormData();
  form.append('file', new Blob([bytes]), fileName);
  const response = await fetch(`${api}/imports/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token()}` },
    body: form,
  });
  const started = (await response.json()) as { job?: { id: string } };
  if (response.status !== 202 || !started.job)
    throw new Error(`import of ${fileName} refused: ${JSON.stringify(started)}`);
  for (;;) {
    const read = await must('reading the import', `${api}/imports/${started.job.id}?limit=20`, {
      token: await token(),
    });
    const job = read.job as { id: string; status: string };
    if (job.status === 'COMPLETED') return job.id;
    if (!['QUEUED', 'VALIDATING', 'WRITING'].includes(job.status))
      throw new Error(`import of ${fileName} ended ${job.status}: ${JSON.stringify(read.errors ?? read.job)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export type TenantSpec = { code: string; name: string; level: string; timeZone: string };

/** The tenant with this code, created by the platform admin (with its first tenant admin) when it does not exist. */
export async function ensureTenant(
  api: string,
  platformAdminToken: string,
  tenant: TenantSpec,
  admin: { username: string; email: string; name: string },
): Promise<{ id: string; created: boolean }> {
  const existing = await call(`${api}/tenants?code=${tenant.code}`, { token: platformAdminToken });
  const found = (existing.body.tenants as { id: string }[] | undefined)?.[0]?.id;
  if (found) return { id: found, created: false };
  const created = await must(`creating tenant ${tenant.code}`, `${api}/tenants`, {
    method: 'POST',
    token: platformAdminToken,
    body: JSON.stringify({ ...tenant, admin }),
  });
  return { id: (created.tenant as { id: string }).id, created: true };
}
