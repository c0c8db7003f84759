import { randomBytes } from 'node:crypto';
import { ensureTenant, importFile, upsertLogin } from './platform-client.js';
import { passwordToken } from './platform-process.js';
import { csvOf, EMPLOYEE_HEADER, employeeRows, UNIT_HEADER, unitRows, type SyntheticTenant } from './synthetic.js';

export type LoadOptions = {
  gatewayUrl: string;
  issuer: string;
  platformAdminPassword: string;
  code: string;
  tenant: SyntheticTenant;
  /** Only the units, without heads (the employees are imported by the caller). */
  unitsOnly?: boolean;
  log?: (line: string) => void;
};

export type LoadTimings = {
  tenantId: string;
  adminUsername: string;
  adminPassword: string;
  unitsMs: number;
  employeesMs: number;
  headsMs: number;
};

/**
 * Creates the tenant (when missing) and imports the synthetic tenant through the public API, as a tenant admin
 * would with CSV files: the units, then the employees placed in them, then the units again with their heads (the
 * heads are employees, so they exist only after the second file; the third import changes only the heads).
 */
export async function loadSyntheticTenant(options: LoadOptions): Promise<LoadTimings> {
  const api = `${options.gatewayUrl}/api/v1`;
  const log = options.log ?? (() => undefined);
  const platformAdmin = await passwordToken(options.issuer, 'admin', options.platformAdminPassword);
  const adminUsername = `admin.${options.code.toLowerCase()}`;
  const { id: tenantId } = await ensureTenant(
    api,
    platformAdmin,
    { code: options.code, name: `BKD ${options.code}`, level: 'PROVINSI', timeZone: 'Asia/Jakarta' },
    { username: adminUsername, email: `${adminUsername}@kinerja.invalid`, name: `Admin ${options.code}` },
  );
  // Development only: the admin's temporary password is replaced through the dev identity provider's admin API.
  const adminPassword = randomBytes(12).toString('base64url');
  await upsertLogin(options.issuer, {
    username: adminUsername,
    password: adminPassword,
    name: `Admin ${options.code}`,
    email: `${adminUsername}@kinerja.invalid`,
    roles: ['employee', 'tenant-admin'],
    attributes: { tenant_id: [tenantId] },
  });
  // A fresh token every two minutes: the import of a large file can outlive one.
  let cached = { token: '', at: 0 };
  const token = async () => {
    if (Date.now() - cached.at > 120_000)
      cached = { token: await passwordToken(options.issuer, adminUsername, adminPassword), at: Date.now() };
    return cached.token;
  };
  const timed = async (what: string, bytes: string, name: string, kind: 'units' | 'employees') => {
    const started = Date.now();
    const job = await importFile(api, token, new TextEncoder().encode(bytes), name, kind);
    const ms = Date.now() - started;
    log(`${what}: ${ms} ms (job ${job})`);
    return ms;
  };
  const unitsMs = await timed('units', csvOf(UNIT_HEADER, unitRows(options.tenant, false)), 'unor.csv', 'units');
  if (options.unitsOnly) return { tenantId, adminUsername, adminPassword, unitsMs, employeesMs: 0, headsMs: 0 };
  const employeesMs = await timed(
    'employees',
    csvOf(EMPLOYEE_HEADER, employeeRows(options.tenant)),
    'pegawai.csv',
    'employees',
  );
  const headsMs = await timed('unit heads', csvOf(UNIT_HEADER, unitRows(options.tenant)), 'unor.csv', 'units');
  return { tenantId, adminUsername, adminPassword, unitsMs, employeesMs, headsMs };
}
