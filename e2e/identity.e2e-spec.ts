import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { passwordToken, startPlatformProcess, type RunningPlatform } from '@kinerja/testing';

// Identity over HTTP as `npm start` runs it, with real tokens from the dev identity provider: the org tree, heads
// and acting heads, placements and moves, raters (R5), logins and roles, settings, reports, audit (R42) and
// tenant isolation (R41).

type Problem = { status: number; code: string; errors?: { field: string; code: string }[] };
type Json = Record<string, unknown>;
type Employee = { id: string; version: string; unitId?: string; accountSubject?: string; roles?: string[] };

// The dev provider's admin client (a development-only value from tools/dev-idp/seed.json).
const DEV_ADMIN_CLIENT = { id: 'kinerja-admin', secret: 'dev-only-kinerja-admin-secret' };

describe('identity end to end', () => {
  let platform: RunningPlatform;
  let admin: string;
  const year = new Date().getUTCFullYear();
  const day = (month: number, date: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;

  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const response = await fetch(`${platform.gatewayUrl}/api/v1${path}`, {
      ...init,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const send = (method: string, path: string, body: unknown, token = admin, headers: Record<string, string> = {}) =>
    api(path, { method, token, body: JSON.stringify(body), headers });

  /** Gives a login a known password through the provider's admin API (its temporary one blocks the password grant). */
  const setPassword = async (userId: string, password: string) => {
    const tokenResponse = await fetch(`${platform.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEV_ADMIN_CLIENT.id,
        client_secret: DEV_ADMIN_CLIENT.secret,
      }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    const reset = await fetch(
      `${platform.issuer.replace('/realms/', '/admin/realms/')}/users/${userId}/reset-password`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'password', value: password, temporary: false }),
      },
    );
    expect(reset.status).toBe(204);
  };

  const createUnit = async (code: string, parentId?: string) => {
    const created = await send('POST', '/units', {
      code,
      name: `Unit ${code}`,
      kind: 'BIDANG',
      parentId,
      effectiveFrom: day(1, 1),
    });
    expect(created.status).toBe(201);
    return (created.body.unit as { id: string }).id;
  };
  const createEmployee = async (nip: string, name: string, unitId: string) => {
    const created = await send('POST', '/employees', {
      nip,
      name,
      employmentType: 'PNS',
      unitId,
      jenisJabatan: 'PELAKSANA',
      effectiveFrom: day(1, 1),
    });
    expect(created.status).toBe(201);
    return (created.body.employee as Employee).id;
  };

  beforeAll(async () => {
    // A small upload limit, so the size refusal is tested without a large file (the demo file is far below it).
    platform = await startPlatformProcess({ env: { IMPORT_MAX_BYTES: '262144' } });
    admin = await passwordToken(platform.issuer, 'admin.demo', platform.credentials.tenantAdmin);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('shows the seeded org tree with heads, the acting head and the vacancies', async () => {
    const tree = await api('/units/tree', { token: admin });
    expect(tree.status).toBe(200);
    const [root, ...others] = tree.body.roots as { code: string; headName: string; children: { code: string }[] }[];
    expect(others).toEqual([]);
    expect(root).toMatchObject({ code: 'SETDA', headName: 'Ahmad Hidayat' });
    // About ten perangkat daerah under the Sekretariat Daerah, the BKD and the Dinas Kesehatan among them.
    expect(root?.children).toHaveLength(10);
    expect(root?.children.map((c) => c.code)).toEqual(expect.arrayContaining(['BKD', 'DINKES', 'DISDIK']));
    const employees = await api('/employees?limit=200', { token: admin });
    expect((employees.body.employees as unknown[]).length).toBe(200);
    const vacant = await api('/reports/units-without-head', { token: admin });
    const units = vacant.body.units as { unit: { code: string }; acting?: { kind: string } }[];
    expect(units.map((u) => [u.unit.code, u.acting?.kind ?? null]).sort()).toEqual([
      ['BKD-PK-AK', 'PLT'],
      ['DINKES', null],
    ]);
  });

  it("answers an employee's rater with the path, for the employee and for the kepala daerah's login (R5)", async () => {
    const siti = await passwordToken(platform.issuer, 'siti.rahmawati', platform.credentials.employee);
    const me = (await api('/me', { token: siti })).body as { employee: Employee };
    const rater = await api(`/employees/${me.employee.id}/rater`, { token: siti });
    expect(rater.status).toBe(200);
    expect(rater.body.rater).toMatchObject({ kind: 'EMPLOYEE', name: 'Budi Santoso', basis: 'HEAD' });
    expect(rater.body.raterSuperior).toMatchObject({ name: 'Rudi Hartono' });
    expect(rater.body.explanation).toContain('Budi Santoso');

    // The acting head (PLT) of the vacant subbidang rates its staff.
    const agus = await passwordToken(platform.issuer, 'agus.wijaya', platform.credentials.employee);
    const agusMe = (await api('/me', { token: agus })).body as { employee: Employee };
    const agusRater = await api(`/employees/${agusMe.employee.id}/rater`, { token: agus });
    expect(agusRater.body.rater).toMatchObject({ name: 'Budi Santoso', basis: 'ACTING' });

    // The top unit's head is rated by the regional head account, who may read it.
    const kepala = await passwordToken(platform.issuer, 'kepala.daerah', platform.credentials.employee);
    const kepalaMe = (await api('/me', { token: kepala })).body as { subject: string };
    const list = await api('/employees?q=ahmad%20hidayat', { token: admin });
    const sekda = (list.body.employees as Employee[])[0] as Employee;
    const top = await api(`/employees/${sekda.id}/rater`, { token: kepala });
    expect(top.status).toBe(200);
    expect(top.body.rater).toMatchObject({ kind: 'REGIONAL_HEAD', accountSubject: kepalaMe.subject });
    const tenant = await api('/tenant', { token: siti });
    expect(tenant.body.tenant).toMatchObject({ code: 'DEMO-PROV', regionalHeadSubject: kepalaMe.subject });
    expect(tenant.headers.get('etag')).toMatch(/^"\d+"$/);
    // Nobody else of the tenant reads another's rater.
    expect((await api(`/employees/${sekda.id}/rater`, { token: agus })).status).toBe(403);
  });

  it('builds a unit, places and moves an employee mid-year, and the rater follows the move', async () => {
    const bidangA = await createUnit('E2E-A');
    const bidangB = await createUnit('E2E-B');
    const [kepalaA, kepalaB] = [
      await createEmployee('198001012005011001', 'Kepala A', bidangA),
      await createEmployee('198002022005011002', 'Kepala B', bidangB),
    ];
    const staff = await createEmployee('199503032020121003', 'Staf Pindah', bidangA);
    expect(
      (await send('PUT', `/units/${bidangA}/head`, { employeeId: kepalaA, effectiveFrom: day(1, 1) })).status,
    ).toBe(200);
    expect(
      (await send('PUT', `/units/${bidangB}/head`, { employeeId: kepalaB, effectiveFrom: day(1, 1) })).status,
    ).toBe(200);

    const read = await api(`/employees/${staff}`, { token: admin });
    const etag = read.headers.get('etag') as string;
    expect(etag).toBe('"1"');
    const moved = await send(
      'POST',
      `/employees/${staff}/moves`,
      { unitId: bidangB, effectiveFrom: day(7, 1), positionName: 'Analis', reason: 'Mutasi' },
      admin,
      { 'if-match': etag },
    );
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"2"');
    expect(moved.body.previous).toMatchObject({ unitId: bidangA, to: day(6, 30) });
    const stale = await send('PATCH', `/employees/${staff}`, { name: 'Nama Lain' }, admin, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect((stale.body as Problem).code).toBe('PRECONDITION_FAILED');

    const raterOn = async (date: string) =>
      ((await api(`/employees/${staff}/rater?date=${date}`, { token: admin })).body.rater as { employeeId: string })
        .employeeId;
    expect(await raterOn(day(6, 30))).toBe(kepalaA);
    expect(await raterOn(day(7, 1))).toBe(kepalaB);
    const subordinates = await api(`/employees/${kepalaB}/subordinates?date=${day(7, 1)}`, { token: admin });
    expect((subordinates.body.subordinates as { employee: { id: string } }[]).map((s) => s.employee.id)).toEqual([
      staff,
    ]);

    // Acting heads: one per unit and date.
    const plt = await send('POST', `/units/${bidangA}/acting`, {
      employeeId: staff,
      kind: 'PLT',
      from: day(3, 1),
      to: day(3, 31),
    });
    expect(plt.status).toBe(201);
    expect(plt.headers.get('location')).toBe(
      `/api/v1/units/${bidangA}/acting/${(plt.body.appointment as { id: string }).id}`,
    );
    expect((await api(plt.headers.get('location')?.replace('/api/v1', '') as string, { token: admin })).status).toBe(
      200,
    );
    const overlap = await send('POST', `/units/${bidangA}/acting`, {
      employeeId: kepalaB,
      kind: 'PLH',
      from: day(3, 15),
    });
    expect(overlap.status).toBe(409);
    expect((overlap.body as Problem).code).toBe('ACTING_OVERLAP');
  });

  it('answers bad input with problem+json and field errors', async () => {
    const top = await createUnit('E2E-C');
    const child = await createUnit('E2E-D', top);
    const cycle = await send('PATCH', `/units/${top}`, { parentId: child, effectiveFrom: day(2, 1) });
    expect(cycle.status).toBe(409);
    expect(cycle.headers.get('content-type')).toContain('application/problem+json');
    expect((cycle.body as Problem).code).toBe('UNIT_CYCLE');
    const badDates = await send('POST', `/units/${top}/acting`, {
      employeeId: '00000000-0000-4000-8000-000000000000',
      kind: 'PLT',
      from: day(5, 1),
      to: day(4, 1),
    });
    expect(badDates.status).toBe(400);
    expect((badDates.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'to', code: 'DATES_OUT_OF_ORDER' }),
    ]);
    const badPosition = await send('POST', '/employees', {
      nip: '199604042021032004',
      name: 'X',
      employmentType: 'PNS',
      jenisJabatan: 'JF_KETERAMPILAN',
      jenjang: 'AHLI_MUDA',
    });
    expect(badPosition.status).toBe(400);
    expect((badPosition.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'jenjang', code: 'INVALID_JENJANG' }),
    ]);
    const unknownUnit = await send('POST', '/employees', {
      nip: '199604042021032004',
      name: 'X',
      employmentType: 'PNS',
      unitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownUnit.status).toBe(404);
    const unknownField = await send('PUT', `/units/${top}/head`, {
      employeeId: null,
      effectiveFrom: day(2, 1),
      tmt: 'x',
    });
    expect(unknownField.status).toBe(400);
    expect((unknownField.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'tmt', code: 'UNKNOWN_FIELD' }),
    ]);
    const badIfMatch = await send('PATCH', `/units/${top}`, { name: 'Y' }, admin, { 'if-match': 'versi-1' });
    expect(badIfMatch.status).toBe(400);
  });

  it("creates an employee's login, whose tokens then carry the employee; roles reach the provider and the audit", async () => {
    const unit = await createUnit('E2E-ACC');
    const id = await createEmployee('199107072019031007', 'Rina Akun', unit);
    const account = await send('POST', `/employees/${id}/account`, {
      username: 'rina.akun',
      email: 'rina.akun@kinerja.invalid',
    });
    expect(account.status).toBe(201);
    const login = account.body.login as { userId: string; created: boolean; temporaryPassword: string };
    expect(login.created).toBe(true);
    expect(login.temporaryPassword.length).toBeGreaterThan(8);
    await setPassword(login.userId, 'rahasia-rina-123');
    const rina = await passwordToken(platform.issuer, 'rina.akun', 'rahasia-rina-123');
    const me = (await api('/me', { token: rina })).body as { employee: Employee; roles: string[] };
    expect(me.employee.id).toBe(id);
    expect(me.roles).toEqual(['employee']);
    expect((await api('/employees', { token: rina })).status).toBe(403);

    const granted = await send('PUT', `/employees/${id}/roles`, {
      roles: ['performance-manager'],
      reason: 'Pengelola kinerja',
    });
    expect(granted.status).toBe(200);
    expect((granted.body.employee as Employee).roles).toEqual(['employee', 'performance-manager']);
    const manager = await passwordToken(platform.issuer, 'rina.akun', 'rahasia-rina-123');
    expect((await api('/me', { token: manager })).body.roles).toEqual(
      expect.arrayContaining(['employee', 'performance-manager']),
    );
    expect((await api('/employees', { token: manager })).status).toBe(200);

    for (const role of ['platform-admin', 'national-monitor']) {
      const refused = await send('PUT', `/employees/${id}/roles`, { roles: ['employee', role] });
      expect(refused.status).toBe(403);
      expect((refused.body as Problem).code).toBe('ROLE_NOT_GRANTABLE');
    }
    const audit = await api(`/audit?entityType=employee&entityId=${id}`, { token: admin });
    expect((audit.body.records as { action: string }[]).map((r) => r.action)).toEqual([
      'employee.roles-changed',
      'employee.account-linked',
      'employee.created',
    ]);
  });

  it('saves a settings version from a future date with a pilot rollout', async () => {
    const effectiveFrom = `${year + 1}-01-01`;
    const pilot = await createUnit('E2E-PILOT');
    const saved = await send('PUT', '/settings', {
      effectiveFrom,
      overrides: { period: { cadence: 'MONTHLY' } },
      rollout: [{ module: 'DAILY_LOG', scope: 'UNITS', unitIds: [pilot] }],
      reason: 'Uji coba',
    });
    expect(saved.status).toBe(200);
    const read = await api(`/settings?date=${effectiveFrom}`, { token: admin });
    expect(read.body.settings).toMatchObject({ period: { cadence: 'MONTHLY' } });
    const invalid = await send('PUT', '/settings', { effectiveFrom, overrides: { period: { cadence: 'WEEKLY' } } });
    expect(invalid.status).toBe(400);
    expect((invalid.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'overrides.period.cadence', code: 'UNKNOWN_ENUM' }),
    ]);
  });

  it("keeps tenants apart: another tenant's admin finds none of these ids (R41)", async () => {
    const platformAdmin = await passwordToken(platform.issuer, 'admin', platform.credentials.platformAdmin);
    const other = await send(
      'POST',
      '/tenants',
      {
        code: 'E2E-KOTA',
        name: 'BKPSDM Kota Uji',
        level: 'KOTA',
        timeZone: 'Asia/Makassar',
        admin: { username: 'admin.kota', email: 'admin.kota@kinerja.invalid', name: 'Admin Kota' },
      },
      platformAdmin,
    );
    expect(other.status).toBe(201);
    await setPassword((other.body.adminAccount as { userId: string }).userId, 'rahasia-kota-123');
    const intruder = await passwordToken(platform.issuer, 'admin.kota', 'rahasia-kota-123');
    const unit = await createUnit('E2E-MINE');
    const employee = await createEmployee('198808082010011008', 'Milik Demo', unit);
    const attempts = [
      await api(`/employees/${employee}`, { token: intruder }),
      await api(`/employees/${employee}/rater`, { token: intruder }),
      await api(`/units/${unit}`, { token: intruder }),
      await api(`/employees?unitId=${unit}`, { token: intruder }),
      await send('PATCH', `/units/${unit}`, { name: 'Diambil' }, intruder),
      await send('POST', `/employees/${employee}/moves`, { unitId: unit, effectiveFrom: day(8, 1) }, intruder),
      await send('POST', '/units', { code: 'X', name: 'X', kind: 'SEKSI', parentId: unit }, intruder),
    ];
    expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    const mine = await api(`/units/${unit}`, { token: admin });
    expect((mine.body.unit as { name: string }).name).toBe('Unit E2E-MINE');
  });

  it('documents every identity endpoint in the OpenAPI description', async () => {
    const doc = (await (await fetch(`${platform.gatewayUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/settings',
        '/api/v1/units',
        '/api/v1/units/tree',
        '/api/v1/units/{id}',
        '/api/v1/units/{id}/head',
        '/api/v1/units/{id}/acting',
        '/api/v1/employees/{id}/moves',
        '/api/v1/employees/{id}/rater',
        '/api/v1/employees/{id}/subordinates',
        '/api/v1/employees/{id}/roles',
        '/api/v1/employees/{id}/account',
        '/api/v1/audit',
        '/api/v1/reports/employees-without-rater',
        '/api/v1/imports/{kind}',
        '/api/v1/imports/{id}',
      ]),
    );
  });

  describe('bulk import over HTTP', () => {
    const upload = (
      kind: string,
      body: FormData | string,
      query = '',
      token = admin,
      headers: Record<string, string> = {},
    ) => api(`/imports/${kind}${query}`, { method: 'POST', token, body, headers });
    const form = (content: string | Uint8Array, name = 'unor.csv', field = 'file') => {
      const data = new FormData();
      data.append(field, new Blob([content]), name);
      return data;
    };
    const unitsCsv = [
      'UNOR_ID;NAMA_UNOR;JENIS_UNOR;DIATASAN_ID;TMT_BERLAKU',
      `E2E-IMP;Bidang Impor;Bidang;BKD;01-01-${year}`,
      `E2E-IMP-1;Seksi Impor;Seksi;E2E-IMP;01-01-${year}`,
    ].join('\n');
    const finished = async (location: string) => {
      for (let i = 0; i < 300; i += 1) {
        const read = await api(location.replace('/api/v1', ''), { token: admin });
        const job = read.body.job as { status: string };
        if (!['QUEUED', 'VALIDATING', 'WRITING'].includes(job.status)) return read.body;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the import did not finish');
    };

    it('accepts a CSV as a job at its Location, and a second upload of it changes nothing', async () => {
      const first = await upload('units', form(unitsCsv));
      expect(first.status).toBe(202);
      const location = first.headers.get('location') as string;
      expect(location).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}$/);
      expect(await finished(location)).toMatchObject({ job: { status: 'COMPLETED', units: { created: 2 } } });
      const again = await upload('units', form(unitsCsv));
      const second = await finished(again.headers.get('location') as string);
      expect(second).toMatchObject({ job: { status: 'COMPLETED', units: { unchanged: 2 } } });
      const listed = await api('/imports?limit=1', { token: admin });
      expect((listed.body.jobs as { id: string }[])[0]?.id).toBe((second.job as { id: string }).id);
    });

    it('reports every bad row and writes nothing unless asked for the valid rows only', async () => {
      const file = `${unitsCsv}\nE2E-BAD;Seksi Salah;Kantor;E2E-IMP;01-01-${year}\nE2E-OK;Seksi Baik;Seksi;E2E-IMP;01-01-${year}`;
      const rejected = await finished((await upload('units', form(file))).headers.get('location') as string);
      expect(rejected).toMatchObject({ job: { status: 'REJECTED', errorCount: 1 } });
      expect(rejected.errors).toEqual([
        expect.objectContaining({ sheet: 'UNOR', row: 4, column: 'JENIS_UNOR', code: 'INVALID_VALUE' }),
      ]);
      const valid = await upload('units', form(file), '?mode=VALID_ROWS_ONLY');
      expect(await finished(valid.headers.get('location') as string)).toMatchObject({
        job: { status: 'COMPLETED', units: { created: 1, unchanged: 2, skipped: 1 } },
      });
    });

    it('refuses what is not a well-formed upload of a CSV or XLSX file, with a problem and never a 500', async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      const refusals = [
        await upload('employees', form(png, 'foto.csv')),
        await upload('employees', form('')),
        await upload('employees', form('NAMA\nSiti\n')),
        await upload('employees', form(new Uint8Array(300_000).fill(65))),
        await upload('employees', form(unitsCsv, 'unor.csv', 'other')),
        await upload('employees', JSON.stringify({ file: 'x' }), '', admin, { 'content-type': 'application/json' }),
        await upload(
          'employees',
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nNIP',
          '',
          admin,
          {
            'content-type': 'multipart/form-data; boundary=x',
          },
        ),
        await upload('employees', form(unitsCsv), '?mode=SOME'),
        await upload('things', form(unitsCsv)),
      ];
      expect(refusals.map((r) => [r.status, r.body.code])).toEqual([
        [415, 'IMPORT_FILE_UNSUPPORTED'],
        [400, 'IMPORT_FILE_EMPTY'],
        [400, 'IMPORT_COLUMNS_MISSING'],
        [413, 'PAYLOAD_TOO_LARGE'],
        [400, 'MALFORMED_UPLOAD'],
        [415, 'UNSUPPORTED_MEDIA_TYPE'],
        [400, 'MALFORMED_UPLOAD'],
        [400, 'VALIDATION_FAILED'],
        [400, 'VALIDATION_FAILED'],
      ]);
      for (const r of refusals) expect(r.headers.get('content-type')).toContain('application/problem+json');
      const staff = await passwordToken(platform.issuer, 'siti.rahmawati', platform.credentials.employee);
      expect((await upload('units', form(unitsCsv), '', staff)).status).toBe(403);
    });
  });
});
