import {
  ensureTenant,
  importFile,
  must,
  passwordToken,
  syntheticTenant,
  upsertLogin,
  xlsxOf,
  type NamedEmployee,
  type SyntheticTenant,
} from '@kinerja/testing';
import type { DemoCredentials } from './credentials.js';

// Seeds a demo tenant through the public API, as a platform admin and then as the tenant admin would: a provincial
// BKD with about ten perangkat daerah, their sekretariat, bidang and seksi, UPT with a school and a puskesmas, a
// head for every unit but two (one with a PLT), and 300 employees (PNS and PPPK, a few exempt statuses) loaded
// through the bulk import; then the demo logins linked to their employees, and the regional head account.
// Idempotent: a second run imports the same file (nothing changes) and finds what exists.

export const DEMO_TENANT = {
  code: 'DEMO-PROV',
  name: 'BKD Provinsi Demo',
  level: 'PROVINSI',
  timeZone: 'Asia/Jakarta',
} as const;
export const DEMO_TENANT_ADMIN = 'admin.demo';
export const DEMO_REGIONAL_HEAD = 'kepala.daerah';
export const DEMO_EMPLOYEES = 300;

/** Vacant units: BKD-PK-AK has a PLT (demoActing); DINKES has none, so its staff are rated one level up (R5). */
export const demoVacant = ['BKD-PK-AK', 'DINKES'];
export const demoActing = { unit: 'BKD-PK-AK', username: 'budi.santoso', kind: 'PLT' } as const;

type DemoEmployee = NamedEmployee & {
  username: string;
  /** What the printed account is for. */
  role: string;
  /** Tenant roles besides `employee`. */
  roles?: string[];
};

const person = (
  username: string,
  role: string,
  nip: string,
  name: string,
  unit: string,
  position: string,
  jenisJabatan: string,
  extra: Partial<DemoEmployee> = {},
): DemoEmployee => ({
  username,
  role,
  nip,
  name,
  type: 'PNS',
  golongan: '',
  jenjang: '',
  unit,
  position,
  jenisJabatan,
  ...extra,
});

export const demoEmployees: DemoEmployee[] = [
  person(
    'ahmad.hidayat',
    'sekretaris daerah',
    '197203051996031001',
    'Ahmad Hidayat',
    'SETDA',
    'Sekretaris Daerah',
    'JPT_MADYA',
    { golongan: 'IV/d', heads: true },
  ),
  person(
    'rudi.hartono',
    'kepala BKD',
    '197811202003121002',
    'Rudi Hartono',
    'BKD',
    'Kepala Badan Kepegawaian Daerah',
    'JPT_PRATAMA',
    { golongan: 'IV/c', heads: true },
  ),
  person(
    'budi.santoso',
    'rater (kepala bidang; PLT of the vacant subbidang)',
    '198609262015051001',
    'Budi Santoso',
    'BKD-PK',
    'Kepala Bidang Penilaian Kinerja',
    'ADMINISTRATOR',
    { golongan: 'III/d', heads: true, roles: ['performance-manager'] },
  ),
  person(
    'rina.kusuma',
    'performance manager',
    '198805122012012003',
    'Rina Kusuma',
    'BKD-PK',
    'Analis SDM Aparatur Ahli Muda',
    'JF_KEAHLIAN',
    { golongan: 'III/c', jenjang: 'AHLI_MUDA', roles: ['performance-manager'] },
  ),
  person(
    'siti.rahmawati',
    'staff',
    '199001152015032002',
    'Siti Rahmawati',
    'BKD-PK',
    'Analis SDM Aparatur Ahli Pertama',
    'JF_KEAHLIAN',
    { golongan: 'III/b', jenjang: 'AHLI_PERTAMA' },
  ),
  person(
    'agus.wijaya',
    'staff of a unit with a PLT',
    '198203112008011003',
    'Agus Wijaya',
    'BKD-PK-AK',
    'Pengolah Data Kepegawaian',
    'PELAKSANA',
    { golongan: 'II/d' },
  ),
  person(
    'dewi.lestari',
    'PPPK staff of a vacant unit',
    '199207042022092004',
    'Dewi Lestari',
    'DINKES',
    'Pranata Komputer Terampil',
    'JF_KETERAMPILAN',
    { type: 'PPPK', jenjang: 'TERAMPIL' },
  ),
];

/** The demo tenant in the import layout: the same for every run of the same year. */
export function demoTenant(from: string): SyntheticTenant {
  return syntheticTenant({
    employees: DEMO_EMPLOYEES,
    seed: 2024,
    perangkatDaerah: 10,
    named: demoEmployees.map(({ username: _u, role: _r, roles: _roles, ...named }) => named),
    vacant: demoVacant,
    from,
  });
}

async function ensureDemoTenant(api: string, token: string, log: (line: string) => void): Promise<string> {
  const { id, created } = await ensureTenant(api, token, DEMO_TENANT, {
    username: DEMO_TENANT_ADMIN,
    email: 'admin.demo@kinerja.invalid',
    name: 'Admin BKD Demo',
  });
  if (created) log(`seeded tenant ${DEMO_TENANT.code} (${id})`);
  return id;
}

export async function seedDemo(
  gatewayUrl: string,
  issuer: string,
  credentials: DemoCredentials,
  log: (line: string) => void,
): Promise<void> {
  const api = `${gatewayUrl}/api/v1`;
  const tenantId = await ensureDemoTenant(api, await passwordToken(issuer, 'admin', credentials.platformAdmin), log);
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

  // The org tree, heads and employees in one import (an XLSX with a UNOR and a PEGAWAI sheet).
  const tenant = demoTenant(from);
  const job = await importFile(api, token, await xlsxOf(tenant), 'demo-provinsi.xlsx');
  log(`imported the demo org (${job})`);

  const unitId = async (code: string) => {
    const listed = await must('finding a unit', `${api}/units?q=${encodeURIComponent(code)}&includeInactive=true`, {
      token,
    });
    const id = (listed.units as { id: string; code: string }[] | undefined)?.find((u) => u.code === code)?.id;
    if (!id) throw new Error(`unit ${code} missing after the import`);
    return id;
  };
  const employees = new Map<string, string>();
  for (const { username, roles = [], ...employee } of demoEmployees) {
    const listed = await must('searching employees', `${api}/employees?q=${employee.nip}`, { token });
    const id = (listed.employees as { id: string; nip: string }[] | undefined)?.find((e) => e.nip === employee.nip)?.id;
    if (!id) throw new Error(`${employee.name} missing after the import`);
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

  const actingUnit = await unitId(demoActing.unit);
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
