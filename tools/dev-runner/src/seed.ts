import type { DemoCredentials } from './credentials.js';
import { DEV_ADMIN_CLIENT_SECRET } from './platform.js';

// Seeds a demo tenant through the public API, as a platform admin and then as the tenant admin would.
// Idempotent: what exists already is left as it is.

export const DEMO_TENANT = {
  code: 'DEMO-PROV',
  name: 'BKD Provinsi Demo',
  level: 'PROVINSI',
  timeZone: 'Asia/Jakarta',
} as const;
export const DEMO_TENANT_ADMIN = 'admin.demo';

export const demoEmployees = [
  {
    username: 'budi.santoso',
    nip: '198609262015051001',
    name: 'Budi Santoso',
    employmentType: 'PNS',
    positionName: 'Kepala Bidang Penilaian Kinerja',
    jenisJabatan: 'ADMINISTRATOR',
  },
  {
    username: 'siti.rahmawati',
    nip: '199001152015032002',
    name: 'Siti Rahmawati',
    employmentType: 'PNS',
    positionName: 'Analis SDM Aparatur',
    jenisJabatan: 'JF_KEAHLIAN',
  },
  {
    username: 'agus.wijaya',
    nip: '198203112008011003',
    name: 'Agus Wijaya',
    employmentType: 'PNS',
    positionName: 'Pengolah Data Kepegawaian',
    jenisJabatan: 'PELAKSANA',
  },
  {
    username: 'dewi.lestari',
    nip: '199207042022092004',
    name: 'Dewi Lestari',
    employmentType: 'PPPK',
    positionName: 'Pranata Komputer',
    jenisJabatan: 'JF_KETERAMPILAN',
  },
] as const;

type Json = Record<string, unknown>;

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: Json }> {
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

export async function passwordToken(issuer: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'kinerja-cli',
      username,
      password,
      scope: 'openid',
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`password grant for ${username} failed: ${body.error ?? response.status}`);
  return body.access_token;
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
): Promise<void> {
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
}

export async function seedDemo(
  gatewayUrl: string,
  issuer: string,
  credentials: DemoCredentials,
  log: (line: string) => void,
): Promise<void> {
  const api = `${gatewayUrl}/api/v1`;
  const platformToken = await passwordToken(issuer, 'admin', credentials.platformAdmin);
  const existing = await call(`${api}/tenants?code=${DEMO_TENANT.code}`, { token: platformToken });
  let tenantId: string | undefined = (existing.body.tenants as { id: string }[] | undefined)?.[0]?.id;
  if (!tenantId) {
    const created = await call(`${api}/tenants`, {
      method: 'POST',
      token: platformToken,
      body: JSON.stringify({
        ...DEMO_TENANT,
        admin: { username: DEMO_TENANT_ADMIN, email: 'admin.demo@kinerja.invalid', name: 'Admin BKD Demo' },
      }),
    });
    if (created.status !== 201)
      throw new Error(`creating the demo tenant failed: ${created.status} ${JSON.stringify(created.body)}`);
    tenantId = (created.body.tenant as { id: string }).id;
    log(`seeded tenant ${DEMO_TENANT.code} (${tenantId})`);
  }
  if (!tenantId) throw new Error('the demo tenant has no id');
  // The tenant admin's login was created with a temporary password; the demo gets a known one.
  await upsertLogin(issuer, {
    username: DEMO_TENANT_ADMIN,
    password: credentials.tenantAdmin,
    name: 'Admin BKD Demo',
    email: 'admin.demo@kinerja.invalid',
    roles: ['employee', 'tenant-admin'],
    attributes: { tenant_id: [tenantId] },
  });
  const adminToken = await passwordToken(issuer, DEMO_TENANT_ADMIN, credentials.tenantAdmin);
  for (const { username, ...employee } of demoEmployees) {
    const created = await call(`${api}/employees`, {
      method: 'POST',
      token: adminToken,
      body: JSON.stringify({ ...employee, email: `${username}@kinerja.invalid` }),
    });
    if (created.status === 409) {
      // Registered by an earlier run; its login lives in the identity provider's data dir, kept beside the database.
      log(
        `employee ${employee.name} exists; if its login is missing, the dev data dir was removed without the database`,
      );
      continue;
    }
    if (created.status !== 201)
      throw new Error(`creating ${employee.name} failed: ${created.status} ${JSON.stringify(created.body)}`);
    const employeeId = (created.body.employee as { id: string }).id;
    await upsertLogin(issuer, {
      username,
      password: credentials.employee,
      name: employee.name,
      email: `${username}@kinerja.invalid`,
      roles: ['employee'],
      attributes: { tenant_id: [tenantId], employee_id: [employeeId] },
    });
    log(`seeded employee ${employee.name} (${username})`);
  }
}
