import type { DemoCredentials } from './credentials.js';
import { DEV_ADMIN_CLIENT_SECRET } from './platform.js';

// Seeds a demo tenant through the public API, as a platform admin and then as the tenant admin would: a small org
// tree with heads and one acting appointment, the demo employees placed in it with their logins, and the regional
// head account. Idempotent: what exists already is found and left as it is.

export const DEMO_TENANT = {
  code: 'DEMO-PROV',
  name: 'BKD Provinsi Demo',
  level: 'PROVINSI',
  timeZone: 'Asia/Jakarta',
} as const;
export const DEMO_TENANT_ADMIN = 'admin.demo';
export const DEMO_REGIONAL_HEAD = 'kepala.daerah';

type UnitCode = 'SETDA' | 'BKD' | 'BKD-PK' | 'BKD-PK-AK' | 'DINKES';

export const demoUnits: { code: UnitCode; name: string; kind: string; parent: UnitCode | null; head?: string }[] = [
  {
    code: 'SETDA',
    name: 'Sekretariat Daerah Provinsi Demo',
    kind: 'PERANGKAT_DAERAH',
    parent: null,
    head: 'ahmad.hidayat',
  },
  { code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'PERANGKAT_DAERAH', parent: 'SETDA', head: 'rudi.hartono' },
  { code: 'BKD-PK', name: 'Bidang Penilaian Kinerja', kind: 'BIDANG', parent: 'BKD', head: 'budi.santoso' },
  // Vacant: its PLT is the head of the bidang above (demoActing).
  { code: 'BKD-PK-AK', name: 'Subbidang Analisis Kinerja', kind: 'SUBBIDANG', parent: 'BKD-PK' },
  // Vacant without an acting head: the reports show it, and its staff are rated one level up.
  { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'PERANGKAT_DAERAH', parent: 'SETDA' },
];

export const demoActing = { unit: 'BKD-PK-AK' as UnitCode, username: 'budi.santoso', kind: 'PLT' } as const;

type DemoEmployee = {
  username: string;
  nip: string;
  name: string;
  employmentType: 'PNS' | 'PPPK';
  golongan?: string;
  positionName: string;
  jenisJabatan: string;
  jenjang?: string;
  unit: UnitCode;
  /** Tenant roles besides `employee`. */
  roles?: string[];
};

export const demoEmployees: DemoEmployee[] = [
  {
    username: 'ahmad.hidayat',
    nip: '197203051996031001',
    name: 'Ahmad Hidayat',
    employmentType: 'PNS',
    golongan: 'IV/d',
    positionName: 'Sekretaris Daerah',
    jenisJabatan: 'JPT_MADYA',
    unit: 'SETDA',
  },
  {
    username: 'rudi.hartono',
    nip: '197811202003121002',
    name: 'Rudi Hartono',
    employmentType: 'PNS',
    golongan: 'IV/c',
    positionName: 'Kepala Badan Kepegawaian Daerah',
    jenisJabatan: 'JPT_PRATAMA',
    unit: 'BKD',
  },
  {
    username: 'budi.santoso',
    nip: '198609262015051001',
    name: 'Budi Santoso',
    employmentType: 'PNS',
    golongan: 'III/d',
    positionName: 'Kepala Bidang Penilaian Kinerja',
    jenisJabatan: 'ADMINISTRATOR',
    unit: 'BKD-PK',
    roles: ['performance-manager'],
  },
  {
    username: 'siti.rahmawati',
    nip: '199001152015032002',
    name: 'Siti Rahmawati',
    employmentType: 'PNS',
    golongan: 'III/b',
    positionName: 'Analis SDM Aparatur Ahli Pertama',
    jenisJabatan: 'JF_KEAHLIAN',
    jenjang: 'AHLI_PERTAMA',
    unit: 'BKD-PK',
  },
  {
    username: 'agus.wijaya',
    nip: '198203112008011003',
    name: 'Agus Wijaya',
    employmentType: 'PNS',
    golongan: 'II/d',
    positionName: 'Pengolah Data Kepegawaian',
    jenisJabatan: 'PELAKSANA',
    unit: 'BKD-PK-AK',
  },
  {
    username: 'dewi.lestari',
    nip: '199207042022092004',
    name: 'Dewi Lestari',
    employmentType: 'PPPK',
    positionName: 'Pranata Komputer Terampil',
    jenisJabatan: 'JF_KETERAMPILAN',
    jenjang: 'TERAMPIL',
    unit: 'DINKES',
  },
];

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

/** A call that must succeed (one of `ok`); anything else stops the seed with the answer. */
async function must(what: string, url: string, init: RequestInit & { token?: string }, ok = [200, 201]): Promise<Json> {
  const answer = await call(url, init);
  if (!ok.includes(answer.status)) throw new Error(`${what} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
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

async function ensureTenant(api: string, token: string, log: (line: string) => void): Promise<string> {
  const existing = await call(`${api}/tenants?code=${DEMO_TENANT.code}`, { token });
  const found = (existing.body.tenants as { id: string }[] | undefined)?.[0]?.id;
  if (found) return found;
  const created = await must('creating the demo tenant', `${api}/tenants`, {
    method: 'POST',
    token,
    body: JSON.stringify({
      ...DEMO_TENANT,
      admin: { username: DEMO_TENANT_ADMIN, email: 'admin.demo@kinerja.invalid', name: 'Admin BKD Demo' },
    }),
  });
  const id = (created.tenant as { id: string }).id;
  log(`seeded tenant ${DEMO_TENANT.code} (${id})`);
  return id;
}

export async function seedDemo(
  gatewayUrl: string,
  issuer: string,
  credentials: DemoCredentials,
  log: (line: string) => void,
): Promise<void> {
  const api = `${gatewayUrl}/api/v1`;
  const tenantId = await ensureTenant(api, await passwordToken(issuer, 'admin', credentials.platformAdmin), log);
  // The tenant admin's login was created with a temporary password; the demo gets a known one.
  await upsertLogin(issuer, {
    username: DEMO_TENANT_ADMIN,
    password: credentials.tenantAdmin,
    name: 'Admin BKD Demo',
    email: 'admin.demo@kinerja.invalid',
    roles: ['employee', 'tenant-admin'],
    attributes: { tenant_id: [tenantId] },
  });
  const token = await passwordToken(issuer, DEMO_TENANT_ADMIN, credentials.tenantAdmin);
  const from = `${new Date().getUTCFullYear()}-01-01`;

  const units = new Map<UnitCode, string>();
  for (const unit of demoUnits) {
    const listed = await must('listing units', `${api}/units?q=${encodeURIComponent(unit.code)}&includeInactive=true`, {
      token,
    });
    const found = (listed.units as { id: string; code: string }[] | undefined)?.find((u) => u.code === unit.code);
    const id =
      found?.id ??
      (
        (
          await must(`creating unit ${unit.code}`, `${api}/units`, {
            method: 'POST',
            token,
            body: JSON.stringify({
              code: unit.code,
              name: unit.name,
              kind: unit.kind,
              parentId: unit.parent ? units.get(unit.parent) : undefined,
              effectiveFrom: from,
            }),
          })
        ).unit as { id: string }
      ).id;
    units.set(unit.code, id);
  }

  const employees = new Map<string, string>();
  for (const { username, unit, roles = [], ...employee } of demoEmployees) {
    const listed = await must('searching employees', `${api}/employees?q=${employee.nip}`, { token });
    const existing = (listed.employees as { id: string; nip: string; unitId?: string }[] | undefined)?.find(
      (e) => e.nip === employee.nip,
    );
    let id = existing?.id;
    if (!id) {
      const created = await must(`creating ${employee.name}`, `${api}/employees`, {
        method: 'POST',
        token,
        body: JSON.stringify({
          ...employee,
          unitId: units.get(unit),
          email: `${username}@kinerja.invalid`,
          effectiveFrom: from,
        }),
      });
      id = (created.employee as { id: string }).id;
      log(`seeded employee ${employee.name} (${username})`);
    } else if (!existing?.unitId) {
      // Registered by an earlier seed without a unit: placed now.
      const { positionName, jenisJabatan, jenjang } = employee;
      await must(`placing ${employee.name}`, `${api}/employees/${id}/moves`, {
        method: 'POST',
        token,
        body: JSON.stringify({ unitId: units.get(unit), positionName, jenisJabatan, jenjang, effectiveFrom: from }),
      });
    }
    employees.set(username, id);

    // The login, linked through the API (which finds one an earlier seed created), with the demo password.
    const read = await must(`reading ${employee.name}`, `${api}/employees/${id}`, { token });
    if (!(read.employee as { accountSubject?: string }).accountSubject)
      await must(`linking the login of ${employee.name}`, `${api}/employees/${id}/account`, {
        method: 'POST',
        token,
        body: JSON.stringify({ username }),
      });
    await upsertLogin(issuer, {
      username,
      password: credentials.employee,
      name: employee.name,
      email: `${username}@kinerja.invalid`,
      roles: ['employee'],
      attributes: { tenant_id: [tenantId], employee_id: [id] },
    });
    if (roles.length > 0)
      await must(`granting roles to ${employee.name}`, `${api}/employees/${id}/roles`, {
        method: 'PUT',
        token,
        body: JSON.stringify({ roles: ['employee', ...roles], reason: 'Data demo' }),
      });
  }

  for (const unit of demoUnits) {
    const employeeId = unit.head ? employees.get(unit.head) : undefined;
    if (!employeeId) continue;
    await must(`setting the head of ${unit.code}`, `${api}/units/${units.get(unit.code)}/head`, {
      method: 'PUT',
      token,
      body: JSON.stringify({ employeeId, effectiveFrom: from, reason: 'Data demo' }),
    });
  }
  const actingUnit = units.get(demoActing.unit);
  const acting = await must('listing acting heads', `${api}/units/${actingUnit}/acting`, { token });
  if (!((acting.appointments as { revoked?: boolean }[] | undefined) ?? []).some((a) => !a.revoked))
    await must('appointing the acting head', `${api}/units/${actingUnit}/acting`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        employeeId: employees.get(demoActing.username),
        kind: demoActing.kind,
        from,
        decreeNumber: 'SK Gubernur 800/1/2024',
      }),
    });

  // R5: the kepala daerah's login rates the head of the top unit.
  const regionalHead = await upsertLogin(issuer, {
    username: DEMO_REGIONAL_HEAD,
    password: credentials.employee,
    name: 'Kepala Daerah Demo',
    email: 'kepala.daerah@kinerja.invalid',
    roles: ['regional-head'],
    attributes: { tenant_id: [tenantId] },
  });
  await must('setting the regional head account', `${api}/tenant`, {
    method: 'PATCH',
    token,
    body: JSON.stringify({ regionalHeadSubject: regionalHead }),
  });
}
