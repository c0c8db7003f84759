import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminQuery, IdentityEvents } from '@kinerja/testing';
import { approvedChain, buildOrg, draftSkp, skpBody, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness, type Person } from './harness.js';

type Problem = { status: number; code: string; errors?: { field: string; code: string }[] };
type Entry = { employeeId: string; skpId: string; rhkAdded?: number; ikiAdded?: number };
type Skip = { employeeId: string; reason: string; message: string };
type Job = {
  job: {
    id: string;
    state: string;
    total: number;
    processed?: number;
    report: { created?: Entry[]; extended?: Entry[]; skipped?: Skip[] };
  };
};
type Template = { template: { id: string; scope: string; ownerEmployeeId?: string; rhk: unknown[]; version: string } };

const row = (text: string, indikator: string[], extra: Record<string, unknown> = {}) => ({
  jenis: 'UTAMA',
  text,
  ...extra,
  iki: indikator.map((i) => ({
    indikator: i,
    aspek: 'KUANTITAS',
    target: { kind: 'NUMERIC', value: 4, unit: 'laporan' },
  })),
});
const templateBody = (name: string, rows: unknown[] = [row('Laporan kegiatan bidang', ['Jumlah laporan'])]) => ({
  name,
  approach: 'KUANTITATIF',
  rhk: rows,
  ekspektasi: { AKUNTABEL: 'Laporan tepat waktu' },
});
const ids = (entries: { employeeId: string }[] | undefined) => (entries ?? []).map((e) => e.employeeId).sort();
const reasons = (job: Job['job']) =>
  Object.fromEntries((job.report.skipped ?? []).map((s) => [s.employeeId, s.reason]));

// SKP templates (decision 0014): created by a performance manager for the tenant or by a rater for their own
// subordinates, validated like SKP rows, applied to a unit (with descendants), a position or a list of employees;
// drafts are created or extended with missing rows only, approved SKPs and exempt employees are skipped with reasons.
describe('SKP templates', () => {
  let h: Harness;
  let org: Org;
  let seksi: string;
  let budi: Person;
  let cuti: Person;
  let dedi: Person;
  let tenantTemplate: string;

  beforeAll(async () => {
    h = await startHarness();
    org = await buildOrg(h);
    // A vacant seksi under the SMA bidang (its head rates its staff, R5), an employee on leave (R3), and two
    // Pranata Komputer in the two bidang.
    const unit = await h.events.unit({ name: 'Seksi Kurikulum', parentId: org.units.bidang });
    seksi = unit.id;
    const account = (name: string): Person => ({
      subject: `sub-${name}-${randomUUID().slice(0, 6)}`,
      employeeId: randomUUID(),
      roles: ['employee'],
    });
    budi = account('budi');
    cuti = account('cuti');
    dedi = account('dedi');
    await h.events.employee({
      id: budi.employeeId,
      unitId: seksi,
      name: 'Budi',
      positionName: 'Pranata Komputer',
      accountSubject: budi.subject,
    });
    await h.events.employee({
      id: cuti.employeeId,
      unitId: org.units.bidang,
      name: 'Cuti',
      status: 'CLTN',
      accountSubject: cuti.subject,
    });
    await h.events.employee({
      id: dedi.employeeId,
      unitId: org.units.bidang2,
      name: 'Dedi',
      positionName: 'Pranata Komputer',
      accountSubject: dedi.subject,
    });
    // The other tenant exists too, so its user is answered by its own (empty) data: 404, never 403.
    const other = new IdentityEvents(h.nats, org.people.stranger.tenantId as string);
    await other.tenant();
    const otherUnit = await other.unit();
    await other.employee({
      id: org.people.stranger.employeeId,
      unitId: otherUnit.id,
      accountSubject: org.people.stranger.subject,
    });
    await h.settle();
  });

  afterAll(() => h.close());

  describe('create and validate', () => {
    it("creates a performance manager's template for the tenant, readable by raters (ETag = version)", async () => {
      const created = await h.api<Template>('POST', '/skp-templates', {
        as: org.people.pm,
        body: templateBody('Templat pelaksana'),
      });
      expect(created.status).toBe(201);
      expect(created.body.template).toMatchObject({ scope: 'TENANT', version: '1' });
      expect(created.etag).toBe('"1"');
      tenantTemplate = created.body.template.id;
      const read = await h.api<Template>('GET', `/skp-templates/${tenantTemplate}`, { as: org.people.kabid });
      expect(read.status).toBe(200);
      const list = await h.api<{ templates: { id: string }[] }>('GET', '/skp-templates', { as: org.people.kabid });
      expect(list.body.templates.map((t) => t.id)).toContain(tenantTemplate);
    });

    it('refuses rows an SKP would refuse, with field errors (R8, SKP_LIMITS)', async () => {
      const cases: [string, unknown, string][] = [
        [
          'a text target under KUANTITATIF',
          templateBody('x', [
            { jenis: 'UTAMA', text: 'A', iki: [{ indikator: 'B', target: { kind: 'TEXT', text: 'baik' } }] },
          ]),
          'TARGET_NOT_NUMERIC@rhk.0.iki.0.target.kind',
        ],
        [
          'a range with min above max',
          templateBody('x', [
            {
              jenis: 'UTAMA',
              text: 'A',
              iki: [{ indikator: 'B', target: { kind: 'RANGE', min: 9, max: 1, unit: '%' } }],
            },
          ]),
          'RANGE_MIN_ABOVE_MAX@rhk.0.iki.0.target.min',
        ],
        [
          'the same RHK twice',
          templateBody('x', [row('Sama', ['A']), row(' sama ', ['B'])]),
          'DUPLICATE_TEXT@rhk.1.text',
        ],
        [
          'a citation of an RHK that is not the author’s',
          templateBody('x', [row('A', ['B'], { rhkAtasanId: randomUUID() })]),
          'CASCADE_NOT_OWN@rhk.0.rhkAtasanId',
        ],
      ];
      for (const [label, body, expected] of cases) {
        const reply = await h.api<Problem>('POST', '/skp-templates', { as: org.people.pm, body });
        expect([label, reply.status]).toEqual([label, 400]);
        expect([label, reply.body.errors?.map((e) => `${e.code}@${e.field}`)]).toEqual([label, [expected]]);
      }
    });

    it('refuses shapes at the gateway: too many RHK, ids, a perjanjian kinerja reference, unknown fields', async () => {
      const many = Array.from({ length: 31 }, (_, i) => row(`R${i}`, []));
      for (const body of [
        templateBody('x', many),
        templateBody('x', [{ ...row('A', []), id: randomUUID() }]),
        templateBody('x', [{ ...row('A', []), perjanjianKinerjaRef: randomUUID() }]),
        { ...templateBody('x'), color: 'red' },
        { ...templateBody('x'), name: '' },
      ]) {
        const reply = await h.api<Problem>('POST', '/skp-templates', { as: org.people.pm, body });
        expect(reply.status).toBe(400);
        expect(reply.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('lets a rater create own templates, not tenant ones; staff may create none', async () => {
      const own = await h.api<Template>('POST', '/skp-templates', {
        as: org.people.kabid,
        body: templateBody('Milik kabid'),
      });
      expect(own.status).toBe(201);
      expect(own.body.template).toMatchObject({ scope: 'OWN', ownerEmployeeId: org.people.kabid.employeeId });
      const tenantWide = await h.api('POST', '/skp-templates', {
        as: org.people.kabid,
        body: { ...templateBody('x'), scope: 'TENANT' },
      });
      expect(tenantWide.status).toBe(403);
      expect((await h.api('POST', '/skp-templates', { as: org.people.siti, body: templateBody('x') })).status).toBe(
        403,
      );
      // Another rater neither reads nor changes it; the owner and the performance manager do.
      expect((await h.api('GET', `/skp-templates/${own.body.template.id}`, { as: org.people.kabid2 })).status).toBe(
        403,
      );
      const list = await h.api<{ templates: { id: string }[] }>('GET', '/skp-templates', { as: org.people.kabid2 });
      expect(list.body.templates.map((t) => t.id)).not.toContain(own.body.template.id);
      const renamed = await h.api<Template>('PUT', `/skp-templates/${own.body.template.id}`, {
        as: org.people.kabid,
        body: templateBody('Milik kabid, diperbarui'),
        headers: { 'if-match': own.etag ?? '' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.template.version).toBe('2');
      const stale = await h.api('PUT', `/skp-templates/${own.body.template.id}`, {
        as: org.people.pm,
        body: templateBody('Lagi'),
        headers: { 'if-match': own.etag ?? '' },
      });
      expect(stale.status).toBe(412);
      expect((await h.api('DELETE', `/skp-templates/${own.body.template.id}`, { as: org.people.kabid2 })).status).toBe(
        403,
      );
      expect((await h.api('DELETE', `/skp-templates/${own.body.template.id}`, { as: org.people.kabid })).status).toBe(
        204,
      );
      expect((await h.api('GET', `/skp-templates/${own.body.template.id}`, { as: org.people.kabid })).status).toBe(404);
    });

    it('answers 404 to another tenant and 400 to a malformed id', async () => {
      expect((await h.api('GET', `/skp-templates/${tenantTemplate}`, { as: org.people.stranger })).status).toBe(404);
      const apply = await h.api('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.stranger,
        body: { year: 2026, target: { employeeIds: [org.people.siti.employeeId] } },
      });
      expect(apply.status).toBe(404);
      expect((await h.api('GET', '/skp-templates/nope', { as: org.people.pm })).status).toBe(400);
    });
  });

  describe('apply', () => {
    it('applies to a unit with its descendants: drafts created, the exempt employee skipped (R3)', async () => {
      const applied = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2026, target: { unitId: org.units.bidang, includeDescendants: true } },
      });
      expect(applied.status).toBe(200);
      const { job } = applied.body;
      expect(job.state).toBe('DONE');
      const { kabid, siti, agus } = org.people;
      expect(ids(job.report.created)).toEqual(
        [kabid.employeeId, siti.employeeId, agus.employeeId, budi.employeeId].map(String).sort(),
      );
      expect(reasons(job)).toEqual({ [String(cuti.employeeId)]: 'EMPLOYEE_NOT_ACTIVE' });
      expect(job.total).toBe(5);
      // The employee's own SKP: a draft with the rows, the ekspektasi, created by the manager, not on behalf.
      const mine = await h.api<{ skps: SkpReply['skp'][] }>('GET', '/skps?year=2026', { as: siti });
      const skp = mine.body.skps[0] as SkpReply['skp'] & {
        onBehalf?: boolean;
        working: { content: { perilaku: { value: string; ekspektasiKhusus?: string }[] } };
      };
      expect(skp.status).toBe('DRAFT');
      expect(skp.onBehalf ?? false).toBe(false);
      expect(skp.working.content.rhk).toHaveLength(1);
      expect(skp.working.content.perilaku.find((p) => p.value === 'AKUNTABEL')?.ekspektasiKhusus).toBe(
        'Laporan tepat waktu',
      );
      // Without descendants: only the bidang's own members.
      const only = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2026, target: { unitId: org.units.bidang } },
      });
      expect(only.body.job.total).toBe(4);
    });

    it('is idempotent: applying again adds nothing and reports NOTHING_TO_ADD', async () => {
      const again = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2026, target: { unitId: org.units.bidang, includeDescendants: true } },
      });
      expect(again.body.job.report.created ?? []).toEqual([]);
      expect(again.body.job.report.extended ?? []).toEqual([]);
      expect(Object.values(reasons(again.body.job)).sort()).toEqual([
        'EMPLOYEE_NOT_ACTIVE',
        'NOTHING_TO_ADD',
        'NOTHING_TO_ADD',
        'NOTHING_TO_ADD',
        'NOTHING_TO_ADD',
      ]);
      const [row] = (await adminQuery(
        h.db,
        `SELECT count(*)::int AS n FROM skp WHERE employee_id = $1 AND year = 2026`,
        [org.people.siti.employeeId],
      )) as { n: number }[];
      expect(row?.n).toBe(1);
    });

    it('extends a draft with the missing rows only, keeping the employee’s, and audits the write (R11, R42)', async () => {
      const { pm, kabid2, rina } = org.people;
      const own = await draftSkp(h.api, rina, 2026, skpBody([{}]));
      const second = await h.api<Template>('POST', '/skp-templates', {
        as: pm,
        body: templateBody('Dua baris', [
          row('Laporan kegiatan bidang', ['Jumlah laporan', 'Ketepatan waktu']),
          row('Rapat koordinasi', ['Jumlah rapat']),
        ]),
      });
      const applied = await h.api<Job>('POST', `/skp-templates/${second.body.template.id}/apply`, {
        as: pm,
        body: { year: 2026, target: { employeeIds: [rina.employeeId] } },
      });
      expect(applied.body.job.report.extended).toEqual([
        { employeeId: rina.employeeId, skpId: own.id, rhkAdded: 2, ikiAdded: 3 },
      ]);
      const read = await h.api<SkpReply>('GET', `/skps/${own.id}`, { as: rina });
      expect(read.body.skp.working.content.rhk.map((r) => (r as unknown as { text: string }).text)).toEqual([
        'Hasil kerja 1',
        'Laporan kegiatan bidang',
        'Rapat koordinasi',
      ]);
      expect(read.etag).not.toBe(`"${own.version}"`);
      const history = await h.api<{ audit: { action: string; actorRole: string }[] }>(
        'GET',
        `/skps/${own.id}/history`,
        {
          as: kabid2,
        },
      );
      expect(history.body.audit.at(-1)).toMatchObject({ action: 'APPLY_TEMPLATE', actorRole: 'PERFORMANCE_MANAGER' });
      // The first template's row is there by text: only its missing IKI would be added, and none is.
      const first = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: pm,
        body: { year: 2026, target: { employeeIds: [rina.employeeId] } },
      });
      expect(reasons(first.body.job)).toEqual({ [String(rina.employeeId)]: 'NOTHING_TO_ADD' });
    });

    it('applies to a position across units, and reports unknown and unplaced employees of a list', async () => {
      const byPosition = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2026, target: { positionName: 'pranata komputer' } },
      });
      expect(byPosition.status).toBe(200);
      expect(ids(byPosition.body.job.report.created)).toEqual([String(dedi.employeeId)]);
      expect(reasons(byPosition.body.job)).toEqual({ [String(budi.employeeId)]: 'NOTHING_TO_ADD' });
      const ghost = randomUUID();
      const list = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2026, target: { employeeIds: [ghost, String(cuti.employeeId)] } },
      });
      expect(reasons(list.body.job)).toEqual({
        [ghost]: 'NOT_FOUND',
        [String(cuti.employeeId)]: 'EMPLOYEE_NOT_ACTIVE',
      });
      const both = await h.api<Problem>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2026, target: { unitId: org.units.bidang, employeeIds: [ghost] } },
      });
      expect(both.status).toBe(400);
    });

    it('limits a rater to own subordinates on the date (R5); staff may not apply', async () => {
      const { kabid, kabid2, siti, rina, agus } = org.people;
      const mine = await h.api<Template>('POST', '/skp-templates', {
        as: kabid,
        body: templateBody('Seksi', [row('Administrasi kurikulum', ['Dokumen'])]),
      });
      const applied = await h.api<Job>('POST', `/skp-templates/${mine.body.template.id}/apply`, {
        as: kabid,
        body: { year: 2026, target: { employeeIds: [siti.employeeId, rina.employeeId, budi.employeeId] } },
      });
      expect(applied.status).toBe(200);
      expect(ids(applied.body.job.report.extended)).toEqual([String(siti.employeeId), String(budi.employeeId)].sort());
      expect(reasons(applied.body.job)).toEqual({ [String(rina.employeeId)]: 'NOT_SUBORDINATE' });
      // Another rater may not use kabid's own template; staff may not apply the tenant's.
      const foreign = await h.api('POST', `/skp-templates/${mine.body.template.id}/apply`, {
        as: kabid2,
        body: { year: 2026, target: { employeeIds: [rina.employeeId] } },
      });
      expect(foreign.status).toBe(403);
      const staff = await h.api('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: agus,
        body: { year: 2026, target: { employeeIds: [siti.employeeId] } },
      });
      expect(staff.status).toBe(403);
    });

    it('skips SKPs waiting for a decision or in force, extends an open revision, keeps cascade links only for the owner’s subordinates (R9, R11)', async () => {
      const { kabid, kadis, kabid2, pm } = org.people;
      // A fresh year keeps this case apart from the drafts above.
      h.clock.set('2027-01-05T03:00:00Z');
      const chain = await approvedChain(h, org, 2027);
      const linked = await h.api<Template>('POST', '/skp-templates', {
        as: kabid,
        body: templateBody('Bertaut', [row('Dukungan kurikulum', ['Dokumen'], { rhkAtasanId: chain.kabidRhk })]),
      });
      expect(linked.status).toBe(201);
      const { siti, agus } = org.people;
      const submitted = await draftSkp(h.api, agus, 2027, skpBody([{ rhkAtasanId: chain.kabidRhk }]));
      expect((await h.api('POST', `/skps/${submitted.id}/submit`, { as: agus })).status).toBe(200);
      const applied = await h.api<Job>('POST', `/skp-templates/${linked.body.template.id}/apply`, {
        as: kabid,
        body: { year: 2027, target: { employeeIds: [siti.employeeId, agus.employeeId] } },
      });
      expect(reasons(applied.body.job)).toEqual({ [String(agus.employeeId)]: 'SKP_SUBMITTED' });
      const sitiSkp = applied.body.job.report.created?.[0]?.skpId ?? '';
      const read = await h.api<SkpReply>('GET', `/skps/${sitiSkp}`, { as: siti });
      expect((read.body.skp.working.content.rhk[0] as unknown as { rhkAtasanId: string }).rhkAtasanId).toBe(
        chain.kabidRhk,
      );
      // The same template applied by the manager to someone kabid does not rate: the link is dropped.
      const other = await h.api<Job>('POST', `/skp-templates/${linked.body.template.id}/apply`, {
        as: pm,
        body: { year: 2027, target: { employeeIds: [kabid2.employeeId] } },
      });
      const kabid2Skp = other.body.job.report.created?.[0]?.skpId ?? '';
      const kabid2Read = await h.api<SkpReply>('GET', `/skps/${kabid2Skp}`, { as: kabid2 });
      expect(
        (kabid2Read.body.skp.working.content.rhk[0] as unknown as { rhkAtasanId?: string }).rhkAtasanId ?? '',
      ).toBe('');
      // The approved SKP of kabid is in force: skipped; once a revision is open it is extended.
      const inForce = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: pm,
        body: { year: 2027, target: { employeeIds: [kabid.employeeId] } },
      });
      expect(reasons(inForce.body.job)).toEqual({ [String(kabid.employeeId)]: 'SKP_IN_FORCE' });
      expect(
        (await h.api('POST', `/skps/${chain.kabidSkp.id}/revise`, { as: kabid, body: { reason: 'Tambahan' } })).status,
      ).toBe(200);
      const revision = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: pm,
        body: { year: 2027, target: { employeeIds: [kabid.employeeId] } },
      });
      expect(ids(revision.body.job.report.extended)).toEqual([String(kabid.employeeId)]);
      const revised = await h.api<SkpReply>('GET', `/skps/${chain.kabidSkp.id}`, { as: kadis });
      expect(revised.body.skp).toMatchObject({
        status: 'REVISION',
        working: { status: 'DRAFT' },
        inForce: { status: 'REVISION' },
      });
    });

    it('lets the requester and managers read the job; others get 403', async () => {
      const applied = await h.api<Job>('POST', `/skp-templates/${tenantTemplate}/apply`, {
        as: org.people.pm,
        body: { year: 2027, target: { employeeIds: [org.people.rina.employeeId] } },
      });
      const path = `/skp-templates/jobs/${applied.body.job.id}`;
      const read = await h.api<Job>('GET', path, { as: org.people.pm });
      expect(read.body.job).toMatchObject({ state: 'DONE', total: 1, processed: 1 });
      expect((await h.api('GET', path, { as: org.people.kabid })).status).toBe(403);
      expect((await h.api('GET', path, { as: org.people.stranger })).status).toBe(404);
    });
  });
});
