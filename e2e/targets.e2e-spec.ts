import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { passwordToken, startPlatformProcess, type RunningPlatform } from '@kinerja/testing';

// The SKP cascade over HTTP as `npm start` runs it (R8–R12): a tenant's units, heads and logins built through the
// identity API; the top unit head cites the perjanjian kinerja, a bidang head cites the top head's RHK, a staff
// member cites the bidang head's; each SKP submitted and approved by its rater (the top head's by the kepala
// daerah account). Refusals name their reason; the staff member's SKP is then read back as a PDF.

type Json = Record<string, unknown>;
type Problem = { status: number; code: string; errors?: { field: string; code: string }[] };
type Skp = { id: string; status: string; employeeNip: string; working: { content: { rhk: { id: string }[] } } };

// The dev provider's admin client (a development-only value from tools/dev-idp/seed.json).
const DEV_ADMIN_CLIENT = { id: 'kinerja-admin', secret: 'dev-only-kinerja-admin-secret' };

describe('targets end to end: the SKP cascade', () => {
  let platform: RunningPlatform;
  let admin: string;
  const year = new Date().getUTCFullYear();
  const work = mkdtempSync(path.join(tmpdir(), 'kinerja-e2e-skp-'));

  const call = async (method: string, pathname: string, token: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${platform.gatewayUrl}/api/v1${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: (text ? JSON.parse(text) : {}) as Json,
    };
  };

  // Identity's events reach the targets service's org projection shortly after each write.
  const eventually = async <T>(attempt: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 100; i += 1) {
      const value = await attempt();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} did not happen`);
  };

  const login = async (employeeId: string, username: string) => {
    const account = await call('POST', `/employees/${employeeId}/account`, admin, {
      username,
      email: `${username}@kinerja.invalid`,
    });
    expect(account.status).toBe(201);
    const { userId } = account.body.login as { userId: string };
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
    const password = `rahasia-${username}-1`;
    const reset = await fetch(
      `${platform.issuer.replace('/realms/', '/admin/realms/')}/users/${userId}/reset-password`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'password', value: password, temporary: false }),
      },
    );
    expect(reset.status).toBe(204);
    return passwordToken(platform.issuer, username, password);
  };

  const employee = async (nip: string, name: string, unitId: string, positionName: string, jenisJabatan: string) => {
    const created = await call('POST', '/employees', admin, {
      nip,
      name,
      employmentType: 'PNS',
      golongan: 'IV/a',
      unitId,
      positionName,
      jenisJabatan,
      effectiveFrom: `${year}-01-01`,
    });
    expect(created.status).toBe(201);
    return (created.body.employee as { id: string }).id;
  };

  const rhk = (text: string, cite: Json, jpt = false) => ({
    jenis: 'UTAMA',
    text,
    ...cite,
    ...(jpt ? { perspektif: 'PENERIMA_LAYANAN' } : {}),
    iki: [
      {
        indikator: `Persentase ${text.toLowerCase()}`,
        ...(jpt ? {} : { aspek: 'KUALITAS' }),
        target: { kind: 'NUMERIC', value: 90, unit: '%' },
      },
    ],
  });
  const lampiran = { dukunganSumberDaya: ['Anggaran'], skemaPertanggungjawaban: ['Laporan'], konsekuensi: ['Teguran'] };

  /** Creates the SKP (once the projection knows the employee) and writes its RHK; returns it. */
  const draft = async (token: string, rows: unknown[]): Promise<Skp> => {
    const created = await eventually(async () => {
      const reply = await call('POST', '/skps', token, { year });
      return reply.status === 201 ? reply : undefined;
    }, 'SKP creation');
    const skp = created.body.skp as Skp;
    const edited = await call(
      'PUT',
      `/skps/${skp.id}`,
      token,
      { approach: 'KUANTITATIF', rhk: rows, lampiran },
      {
        'if-match': created.etag ?? '',
      },
    );
    expect(edited.status).toBe(200);
    return edited.body.skp as Skp;
  };
  const act = (token: string, id: string, action: string) => call('POST', `/skps/${id}/${action}`, token);

  beforeAll(async () => {
    platform = await startPlatformProcess();
    admin = await passwordToken(platform.issuer, 'admin.demo', platform.credentials.tenantAdmin);
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('cascades from the perjanjian kinerja to a staff member, refuses wrong citations and prints the PDF', async () => {
    // A second top unit of the demo tenant with a bidang, their heads and a staff member, each with a login.
    const unit = async (code: string, parentId?: string) => {
      const created = await call('POST', '/units', admin, {
        code,
        name: code === 'E2E-SKP' ? 'Badan Riset Daerah' : 'Bidang Inovasi',
        kind: parentId ? 'BIDANG' : 'PERANGKAT_DAERAH',
        parentId,
        effectiveFrom: `${year}-01-01`,
      });
      expect(created.status).toBe(201);
      return (created.body.unit as { id: string }).id;
    };
    const top = await unit('E2E-SKP');
    const bidang = await unit('E2E-SKP-INOV', top);
    const headId = await employee('197501012000031001', 'Hendra Wijaya', top, 'Kepala Badan', 'JPT_PRATAMA');
    const bidangHeadId = await employee('198002022005012002', 'Lestari Ayu', bidang, 'Kepala Bidang', 'ADMINISTRATOR');
    const staffId = await employee('199503032020121003', 'Yusuf Pratama', bidang, 'Analis Inovasi', 'PELAKSANA');
    for (const [unitId, employeeId] of [
      [top, headId],
      [bidang, bidangHeadId],
    ] as const)
      expect(
        (await call('PUT', `/units/${unitId}/head`, admin, { employeeId, effectiveFrom: `${year}-01-01` })).status,
      ).toBe(200);
    const head = await login(headId, 'hendra.wijaya');
    const bidangHead = await login(bidangHeadId, 'lestari.ayu');
    const staff = await login(staffId, 'yusuf.pratama');
    const manager = await passwordToken(platform.issuer, 'rina.kusuma', platform.credentials.employee);
    const regionalHead = await passwordToken(platform.issuer, 'kepala.daerah', platform.credentials.employee);

    // The perjanjian kinerja of the year, set by a performance manager.
    const agreement = await call('PUT', `/years/${year}/performance-agreement`, manager, {
      results: [
        { text: 'Meningkatnya daya saing inovasi daerah', indicators: [{ text: 'Indeks inovasi', target: '60' }] },
      ],
    });
    expect(agreement.status).toBe(200);
    const pk = ((agreement.body.agreement as { results: { id: string }[] }).results[0] as { id: string }).id;

    // The top head cites the perjanjian kinerja; the kepala daerah account approves (R5, R9).
    const headSkp = await draft(head, [
      rhk('Terwujudnya ekosistem inovasi daerah', { perjanjianKinerjaRef: pk }, true),
    ]);
    const headRhk = headSkp.working.content.rhk[0]?.id as string;
    const bidangSkp = await draft(bidangHead, [rhk('Tersedianya kajian inovasi layanan', { rhkAtasanId: headRhk })]);
    const bidangRhk = bidangSkp.working.content.rhk[0]?.id as string;
    const staffSkp = await draft(staff, [
      rhk('Tersusunnya basis data inovasi perangkat daerah', { rhkAtasanId: bidangRhk }),
    ]);

    expect((await act(head, headSkp.id, 'submit')).status).toBe(200);
    expect((await act(head, headSkp.id, 'approve')).status).toBe(403);
    expect((await act(regionalHead, headSkp.id, 'approve')).body).toMatchObject({ skp: { status: 'APPROVED' } });

    // Refused: the bidang head's SKP that the staff member cites is not approved yet.
    const early = await act(staff, staffSkp.id, 'submit');
    expect(early.status).toBe(422);
    expect(early.body as Problem).toMatchObject({
      code: 'SKP_INCOMPLETE',
      errors: [
        expect.objectContaining({ field: 'raterSkp', code: 'CASCADE_RATER_SKP_NOT_APPROVED' }),
        expect.objectContaining({ field: 'rhk.0.rhkAtasanId', code: 'CASCADE_RATER_SKP_NOT_APPROVED' }),
      ],
    });

    expect((await act(bidangHead, bidangSkp.id, 'submit')).status).toBe(200);
    expect((await act(staff, bidangSkp.id, 'approve')).status).toBe(403);
    expect((await act(head, bidangSkp.id, 'approve')).body).toMatchObject({ skp: { status: 'APPROVED' } });

    // Refused: citing the top head's RHK, who is not the staff member's rater.
    const read = await call('GET', `/skps/${staffSkp.id}`, staff);
    const skipping = await call(
      'PUT',
      `/skps/${staffSkp.id}`,
      staff,
      {
        approach: 'KUANTITATIF',
        rhk: [rhk('Tersusunnya basis data inovasi perangkat daerah', { rhkAtasanId: headRhk })],
        lampiran,
      },
      { 'if-match': read.etag ?? '' },
    );
    expect(skipping.status).toBe(200);
    const notRater = await act(staff, staffSkp.id, 'submit');
    expect(notRater.status).toBe(422);
    expect((notRater.body as Problem).errors).toEqual([
      expect.objectContaining({ field: 'rhk.0.rhkAtasanId', code: 'CASCADE_NOT_IN_RATER_SKP' }),
    ]);

    const fixed = await call(
      'PUT',
      `/skps/${staffSkp.id}`,
      staff,
      {
        approach: 'KUANTITATIF',
        rhk: [rhk('Tersusunnya basis data inovasi perangkat daerah', { rhkAtasanId: bidangRhk })],
        lampiran,
      },
      { 'if-match': skipping.etag ?? '' },
    );
    expect(fixed.status).toBe(200);
    expect((await act(staff, staffSkp.id, 'submit')).status).toBe(200);
    expect((await act(bidangHead, staffSkp.id, 'approve')).body).toMatchObject({ skp: { status: 'APPROVED' } });

    // The staff member's SKP as a PDF over HTTP, read back with pdftotext.
    const response = await fetch(`${platform.gatewayUrl}/api/v1/skps/${staffSkp.id}/document.pdf`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="SKP-199503032020121003-${year}.pdf"`);
    const file = path.join(work, 'skp.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const text = run.stdout.replaceAll(/\s+/g, ' ');
    for (const expected of [
      'SASARAN KINERJA PEGAWAI',
      'Yusuf Pratama',
      '199503032020121003',
      'Lestari Ayu',
      'Hendra Wijaya',
      'Pembina, IV/a',
      'Bidang Inovasi',
      'Tersusunnya basis data inovasi perangkat daerah',
      'Tersedianya kajian inovasi layanan',
    ])
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });

    // Another employee of the tenant reads none of it.
    const peer = await passwordToken(platform.issuer, 'siti.rahmawati', platform.credentials.employee);
    const refused = await fetch(`${platform.gatewayUrl}/api/v1/skps/${staffSkp.id}/document.pdf`, {
      headers: { authorization: `Bearer ${peer}` },
    });
    expect(refused.status).toBe(403);
  });
});
