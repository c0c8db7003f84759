import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { adminQuery } from '@kinerja/testing';
import { IdentityHarness, TenantApi, aNip } from '../../test/identity-harness.js';
import { EmployeeRepository } from './employee.repository.js';
import { searchOf } from './list-employees.handler.js';

type Employee = {
  id: string;
  nip: string;
  name: string;
  status: string;
  statusSince?: string;
  unitId?: string;
  positionName?: string;
  jenisJabatan?: string;
  jenjang?: string;
  golongan?: string;
  birthDate?: string;
  gender?: string;
  version: string;
  assignments?: { unitId: string; from: string; to?: string; positionName?: string }[];
  statuses?: { status: string; from: string; to?: string }[];
};
type Page = { employees?: Employee[]; page?: { nextCursor?: string } };

describe('employees (R1–R4)', () => {
  let harness: IdentityHarness;
  let api: TenantApi;
  let bidang: string;
  let seksi: string;
  const call = <T>(subject: string, payload: unknown) => api.call<T>(subject, payload);
  const fail = (subject: string, payload: unknown) => api.fail(subject, payload);
  const get = async (id: string) => (await call<{ employee: Employee }>('rpc.identity.employee.get', { id })).employee;

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    api = new TenantApi(harness, await harness.aTenant());
    const top = await api.unit('E-TOP', null, '2024-01-01', 'PERANGKAT_DAERAH');
    bidang = await api.unit('E-BID', top);
    seksi = await api.unit('E-SEK', bidang, '2024-01-01', 'SEKSI');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('registers a PNS with placement, golongan and a JF jenjang, deriving birth date and gender from the NIP', async () => {
    const { employee } = await call<{ employee: Employee }>('rpc.identity.employee.create', {
      nip: '1990 0115 2015 03 2 002',
      name: 'Siti Rahmawati',
      employmentType: 'PNS',
      golongan: 'III/b',
      unitId: bidang,
      positionName: 'Analis SDM Aparatur Ahli Pertama',
      jenisJabatan: 'JF_KEAHLIAN',
      jenjang: 'AHLI_PERTAMA',
      effectiveFrom: '2024-01-02',
    });
    expect(employee).toMatchObject({
      nip: '199001152015032002',
      status: 'AKTIF',
      statusSince: '2024-01-02',
      unitId: bidang,
      golongan: 'III/b',
      jenjang: 'AHLI_PERTAMA',
      birthDate: '1990-01-15',
      gender: 'P',
      version: '1',
    });
    expect(employee.assignments).toEqual([
      expect.objectContaining({ unitId: bidang, from: '2024-01-02', positionName: 'Analis SDM Aparatur Ahli Pertama' }),
    ]);
    expect(employee.statuses).toEqual([{ status: 'AKTIF', from: '2024-01-02' }]);
  });

  it('refuses bad identifiers and positions with a field error for each (R1, R2, R4)', async () => {
    const bad = await fail('rpc.identity.employee.create', {
      nip: '198613402015131000',
      name: 'X',
      employmentType: 'PNS',
      jenisJabatan: 'JF_KEAHLIAN',
      jenjang: 'MAHIR',
      golongan: 'V/a',
      email: 'bukan-email',
    });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.fields.map((f) => `${f.field}:${f.code}`).sort()).toEqual([
      'email:INVALID_VALUE',
      'golongan:INVALID_VALUE',
      'jenjang:INVALID_JENJANG',
      'nip:NIP_APPOINTMENT_DATE',
      'nip:NIP_BIRTH_DATE',
      'nip:NIP_SEQUENCE',
    ]);
    const pppk = await fail('rpc.identity.employee.create', {
      nip: '199207042022092004',
      name: 'Dewi',
      employmentType: 'PPPK',
      golongan: 'III/a',
      jenisJabatan: 'PELAKSANA',
      jenjang: 'PEMULA',
    });
    expect(pppk.fields.map((f) => `${f.field}:${f.code}`).sort()).toEqual([
      'golongan:NOT_ALLOWED',
      'jenjang:INVALID_JENJANG',
    ]);
    const unit = await fail('rpc.identity.employee.create', {
      nip: aNip(),
      name: 'Y',
      employmentType: 'PNS',
      unitId: '00000000-0000-4000-8000-000000000001',
    });
    expect(unit.code).toBe('NOT_FOUND');
    expect(unit.fields).toEqual([expect.objectContaining({ field: 'unitId', code: 'NOT_FOUND' })]);
    const twice = aNip();
    await call('rpc.identity.employee.create', { nip: twice, name: 'A', employmentType: 'PNS' });
    expect((await fail('rpc.identity.employee.create', { nip: twice, name: 'B', employmentType: 'PNS' })).code).toBe(
      'NIP_TAKEN',
    );
  });

  it('changes own data with optimistic concurrency and refuses a stale version', async () => {
    const id = await api.employee({ name: 'Agus' });
    const { employee } = await call<{ employee: Employee }>('rpc.identity.employee.update', {
      id,
      expectedVersion: '1',
      name: 'Agus Wijaya',
      golongan: 'II/c',
      email: 'agus@example.go.id',
    });
    expect(employee).toMatchObject({ name: 'Agus Wijaya', golongan: 'II/c', version: '2' });
    const stale = await fail('rpc.identity.employee.update', { id, expectedVersion: '1', name: 'Lain' });
    expect(stale.code).toBe('PRECONDITION_FAILED');
    expect((await get(id)).name).toBe('Agus Wijaya');
    const nip = await fail('rpc.identity.employee.update', { id, nip: '12345' });
    expect(nip.fields).toEqual([expect.objectContaining({ field: 'nip', code: 'NIP_FORMAT' })]);
  });

  it('moves an employee: the old placement ends the day before, and a head moved out no longer heads (R5, R6)', async () => {
    const head = await api.employee({ name: 'Kepala Seksi', unitId: seksi, jenisJabatan: 'PENGAWAS' });
    await api.head(seksi, head);
    const moved = await call<{
      employee: Employee;
      previous: { unitId: string; to: string };
      current: { unitId: string; from: string };
      endedHeadshipUnitIds: string[];
    }>('rpc.identity.employee.move', {
      id: head,
      unitId: bidang,
      positionName: 'Kepala Bidang',
      jenisJabatan: 'ADMINISTRATOR',
      effectiveFrom: '2024-07-01',
      decreeNumber: 'SK 821/123/2024',
    });
    expect(moved.previous).toMatchObject({ unitId: seksi, to: '2024-06-30' });
    expect(moved.current).toMatchObject({ unitId: bidang, from: '2024-07-01' });
    expect(moved.endedHeadshipUnitIds).toEqual([seksi]);
    expect(moved.employee).toMatchObject({
      unitId: bidang,
      positionName: 'Kepala Bidang',
      jenisJabatan: 'ADMINISTRATOR',
    });
    const unit = await call<{ unit: { heads: { employeeId: string; from: string; to?: string }[] } }>(
      'rpc.identity.unit.get',
      { id: seksi },
    );
    expect(unit.unit.heads).toEqual([{ employeeId: head, from: '2024-01-01', to: '2024-06-30' }]);
    const before = await fail('rpc.identity.employee.move', { id: head, unitId: seksi, effectiveFrom: '2024-06-01' });
    expect(before.code).toBe('HISTORY_CONFLICT');
    const same = await fail('rpc.identity.employee.move', { id: head, unitId: bidang, effectiveFrom: '2024-08-01' });
    expect(same.fields).toEqual([expect.objectContaining({ code: 'NO_CHANGE' })]);
  });

  it('changes status from a date with history (R3); a retiring head leaves the unit vacant', async () => {
    const id = await api.employee({ name: 'Pensiunan', unitId: bidang });
    const unit = await api.unit('E-RET', null);
    await api.head(unit, id);
    const { employee } = await call<{ employee: Employee }>('rpc.identity.employee-status.change', {
      id,
      status: 'PENSIUN',
      effectiveFrom: '2024-10-01',
      reason: 'Batas usia pensiun',
    });
    expect(employee).toMatchObject({ status: 'PENSIUN', statusSince: '2024-10-01' });
    expect(employee.statuses).toEqual([
      { status: 'AKTIF', from: '2024-01-01', to: '2024-09-30' },
      { status: 'PENSIUN', from: '2024-10-01' },
    ]);
    const vacant = await call<{ unit: { headEmployeeId?: string } }>('rpc.identity.unit.get', { id: unit });
    expect(vacant.unit.headEmployeeId ?? '').toBe('');
    const badStatus = await fail('rpc.identity.employee-status.change', {
      id,
      status: 'CUTI',
      effectiveFrom: '2024-11-01',
    });
    expect(badStatus.fields).toEqual([expect.objectContaining({ field: 'status', code: 'INVALID_VALUE' })]);
  });

  describe('listing and search', () => {
    const list = (payload: Record<string, unknown>) => call<Page>('rpc.identity.employee.list', payload);
    const namesOf = (page: Page) => (page.employees ?? []).map((e) => e.name);
    let cari: string;

    beforeAll(async () => {
      cari = await api.unit('E-CARI', null);
      const child = await api.unit('E-CARI-1', cari);
      for (const name of ['Rina Marlina', 'Sri Rinawati', 'Marlina Putri', 'Bambang Rinaldi'])
        await api.employee({ name, unitId: name.startsWith('Bambang') ? child : cari });
      const leaver = await api.employee({ name: 'Rino Keluar', unitId: cari });
      await call('rpc.identity.employee-status.change', {
        id: leaver,
        status: 'BERHENTI',
        effectiveFrom: '2024-06-01',
      });
    });

    it('filters by unit with or without descendants, and by status on a date', async () => {
      expect(namesOf(await list({ unitId: cari, date: '2024-03-01' }))).toEqual([
        'Marlina Putri',
        'Rina Marlina',
        'Rino Keluar',
        'Sri Rinawati',
      ]);
      expect(namesOf(await list({ unitId: cari, includeDescendants: true, date: '2024-03-01' }))).toHaveLength(5);
      expect(namesOf(await list({ unitId: cari, status: 'AKTIF', date: '2024-07-01' }))).not.toContain('Rino Keluar');
      expect(namesOf(await list({ unitId: cari, status: 'AKTIF', date: '2024-05-31' }))).toContain('Rino Keluar');
    });

    it('filters by status today in the tenant time zone when no date is given, with or without a unit', async () => {
      // Without a unit the list is one statement, and today is computed inside it.
      expect(namesOf(await list({ status: 'BERHENTI', q: 'rino' }))).toEqual(['Rino Keluar']);
      expect(namesOf(await list({ status: 'AKTIF', q: 'rino' }))).toEqual([]);
      expect(namesOf(await list({ unitId: cari, status: 'BERHENTI' }))).toEqual(['Rino Keluar']);
      expect(namesOf(await list({ status: 'BERHENTI', date: '2024-05-31', q: 'rino' }))).toEqual([]);
    });

    it('searches a name by its start, by starts of its words (three letters or more), and a NIP by its start', async () => {
      expect(namesOf(await list({ unitId: cari, includeDescendants: true, q: 'rin', date: '2024-03-01' }))).toEqual([
        'Bambang Rinaldi',
        'Rina Marlina',
        'Rino Keluar',
        'Sri Rinawati',
      ]);
      expect(namesOf(await list({ unitId: cari, q: 'ma', date: '2024-03-01' }))).toEqual(['Marlina Putri']);
      const { employees } = await list({ q: '1990 0115' });
      expect(employees?.map((e) => e.nip)).toEqual(['199001152015032002']);
      expect(namesOf(await list({ q: '100%' }))).toEqual([]);
      // Every word must start a word of the name; a part inside a word is not a match.
      expect(namesOf(await list({ unitId: cari, q: 'sri rina', date: '2024-03-01' }))).toEqual(['Sri Rinawati']);
      expect(namesOf(await list({ unitId: cari, q: 'marl put', date: '2024-03-01' }))).toEqual(['Marlina Putri']);
      expect(namesOf(await list({ unitId: cari, q: 'arlina', date: '2024-03-01' }))).toEqual([]);
    });

    it('pages through a search with a cursor in name order, an employee with two matching words once', async () => {
      for (const name of ['Wulan Wulandari', 'Ahmad Wulung', 'Wulan Sari', 'Dwi Wulansih', 'Citra Wulan'])
        await api.employee({ name, unitId: cari });
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const page = await list({ q: 'wul', page: { limit: 2, cursor } });
        seen.push(...namesOf(page));
        cursor = page.page?.nextCursor ?? '';
        if (!cursor) break;
      }
      expect(seen).toEqual(['Ahmad Wulung', 'Citra Wulan', 'Dwi Wulansih', 'Wulan Sari', 'Wulan Wulandari']);
      expect(namesOf(await list({ q: 'wulan wul' }))).toEqual([
        'Citra Wulan',
        'Dwi Wulansih',
        'Wulan Sari',
        'Wulan Wulandari',
      ]);
      expect(namesOf(await list({ q: 'wulandari wulan' }))).toEqual(['Wulan Wulandari']);
    });

    it('finds an employee by the new name after a rename, and no longer by the old one', async () => {
      const id = await api.employee({ name: 'Yohanes Oldenburg', unitId: cari });
      expect(namesOf(await list({ q: 'oldenb' }))).toEqual(['Yohanes Oldenburg']);
      await call('rpc.identity.employee.update', { id, expectedVersion: '1', name: 'Yohanes Newcastle' });
      expect(namesOf(await list({ q: 'oldenb' }))).toEqual([]);
      expect(namesOf(await list({ q: 'yohanes newc' }))).toEqual(['Yohanes Newcastle']);
      // The sort key beside each word follows the rename: the new name sorts among the search results.
      await api.employee({ name: 'Yohanes Adisucipto', unitId: cari });
      expect(namesOf(await list({ q: 'yohanes' }))).toEqual(['Yohanes Adisucipto', 'Yohanes Newcastle']);
      const [row] = await adminQuery(
        harness.db,
        'SELECT count(*)::int AS n FROM employee_name_word w JOIN employee e ON e.tenant_id = w.tenant_id AND e.id = w.employee_id WHERE w.name_key <> e.name_key',
      );
      expect(row?.n).toBe(0);
    });

    it('pages with a cursor, every employee once', async () => {
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 20; i++) {
        const page = await list({ page: { limit: 3, cursor } });
        seen.push(...(page.employees ?? []).map((e) => e.id));
        cursor = page.page?.nextCursor ?? '';
        if (!cursor) break;
      }
      const [row] = await adminQuery(harness.db, 'SELECT count(*)::int AS n FROM employee WHERE tenant_id = $1', [
        api.tenant.id,
      ]);
      expect(seen).toHaveLength(row?.n as number);
      expect(new Set(seen).size).toBe(seen.length);
      expect((await fail('rpc.identity.employee.list', { page: { cursor: 'bukan-kursor' } })).fields[0]).toMatchObject({
        field: 'cursor',
      });
    });

    it('uses the indexes for a name start, a word of a name and a NIP start at 20,000 employees, as the service role under RLS (EXPLAIN)', async () => {
      // A tenant of realistic size, written directly (names from common parts, three with a rare one), analysed.
      const big = '00000000-0000-4000-8000-00000000b16e';
      const client = new pg.Client({ connectionString: harness.db.adminUrl });
      await client.connect();
      const plans: Record<string, string> = {};
      try {
        await client.query(
          `INSERT INTO employee (tenant_id, id, nip, name, employment_type, status, status_since)
           SELECT $1, gen_random_uuid(), lpad(i::text, 18, '0'),
                  (ARRAY['Rina','Siti','Agus','Budi','Dewi','Eko','Fitri','Hadi','Indah','Joko'])[1 + i % 10] || ' ' ||
                  (ARRAY['Santoso','Wijaya','Lestari','Rahmawati','Saputra','Hidayat','Kurniawan','Putri'])[1 + i / 10 % 8]
                  || CASE WHEN i % 7000 = 0 THEN ' Zulkarnaen' ELSE '' END,
                  'PNS', 'AKTIF', DATE '2024-01-01'
           FROM generate_series(1, 20000) AS i`,
          [big],
        );
        await client.query('ANALYZE employee');
        await client.query('ANALYZE employee_name_word');
        // The plans the service gets: its own role, forced RLS, the tenant set (the superuser would skip RLS, and
        // LIKE, which is not leakproof, would seem to use an index it cannot use under RLS).
        const app = new pg.Client({ connectionString: harness.db.appUrl });
        await app.connect();
        try {
          await app.query(`SELECT set_config('app.tenant_id', $1, false)`, [big]);
          for (const [name, kind, q] of [
            ['prefix', 'prefix', 'ri'],
            ['words', 'words', 'zulkarnaen'],
            ['two words', 'words', 'rina zulk'],
            ['nip', 'nip', '0000000000000123'],
          ] as const) {
            const { rows } = await app.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${explainable(kind, q, big)}`);
            plans[name] = rows.map((r) => r['QUERY PLAN']).join('\n');
          }
        } finally {
          await app.end();
        }
      } finally {
        await client.query('DELETE FROM employee WHERE tenant_id = $1', [big]);
        await client.end();
      }
      // Each range must bound the index (Index Cond), not filter the rows of the whole tenant after it.
      expect(plans.prefix).toMatch(/Index Scan using employee_name_key on employee/);
      expect(plans.prefix).toMatch(/Index Cond: .*name_key >= /);
      expect(plans.prefix).not.toMatch(/Filter: .*name_key/);
      // The matches and their name order come from the index alone; only the page's employees are read.
      expect(plans.words).toMatch(/Index Only Scan using employee_name_word_pkey on employee_name_word w/);
      expect(plans.words).toMatch(/Index Cond: .*word >= 'zulkarnaen'/);
      // Two words: the planner may start from either; the rare one bounds an index, nothing reads the tenant.
      expect(plans['two words']).toMatch(/Index Only Scan using employee_name_word_pkey on employee_name_word/);
      expect(plans['two words']).toMatch(/Index Cond: .*word >= 'zulk'/);
      for (const plan of [plans.words, plans['two words']])
        expect(plan).not.toMatch(/Seq Scan|Bitmap Heap Scan on employee /);
      expect(plans.nip).toMatch(/employee_nip_prefix/);
      expect(plans.nip).toMatch(/Index Cond: .*nip ~>=~ /);
    });
  });
});

// The list query the repository builds, with literals, for EXPLAIN.
function explainable(kind: string, q: string, tenantId: string): string {
  const { sql, params } = new EmployeeRepository().listSql({ date: '2024-03-01', search: searchOf(q) }, 50);
  expect(searchOf(q)?.kind).toBe(kind);
  params[0] = tenantId;
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}
