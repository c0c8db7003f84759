import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedChain, buildOrg, draftSkp, skpBody, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness } from './harness.js';

type Problem = { status: number; code: string; errors?: { field: string; code: string }[] };
type Cell = {
  rhkId: string;
  employeeId: string;
  resultText?: string;
  role?: string;
  citations?: { skpId: string; rhkId: string; versionStatus: string }[];
};
type Matrix = {
  matrix: {
    rows: { rhkId: string }[];
    columns: { employeeId: string; skpStatus: string; skpId?: string }[];
    cells?: Cell[];
    editable?: boolean;
  };
};
type Job = {
  job: {
    state: string;
    report: { created?: { skpId: string }[]; extended?: unknown[]; skipped?: { reason: string }[] };
  };
};

// The team matrix (MPPH) of a rater's SKP: the rater's RHKs × the employees the rater rates on the date (R5), with
// the subordinates' RHKs that cite each row (R9) and the contributions the rater plans; prefill writes them into
// the subordinates' drafts with the cascade link set.
describe('Team matrix (MPPH)', () => {
  let h: Harness;
  let org: Org;
  let kabidSkp: SkpReply['skp'];
  let kabidRhk: string;
  let path: string;

  beforeAll(async () => {
    h = await startHarness();
    org = await buildOrg(h);
    ({ kabidSkp, kabidRhk } = await approvedChain(h, org));
    path = `/skps/${kabidSkp.id}/team-matrix`;
  });

  afterAll(() => h.close());

  it('lists the rater’s RHKs and subordinates, then the cells once subordinates cite (R5, R9)', async () => {
    const { kabid, siti, agus } = org.people;
    const empty = await h.api<Matrix>('GET', path, { as: kabid });
    expect(empty.status).toBe(200);
    expect(empty.body.matrix.editable).toBe(true);
    expect(empty.body.matrix.rows.map((r) => r.rhkId)).toEqual([kabidRhk]);
    expect(empty.body.matrix.columns.map((c) => [c.employeeId, c.skpStatus]).sort()).toEqual(
      [
        [siti.employeeId, 'NONE'],
        [agus.employeeId, 'NONE'],
      ].sort(),
    );
    expect(empty.body.matrix.cells ?? []).toEqual([]);
    const sitiSkp = await draftSkp(h.api, siti, 2026, skpBody([{ rhkAtasanId: kabidRhk }]));
    expect((await h.api('POST', `/skps/${sitiSkp.id}/submit`, { as: siti })).status).toBe(200);
    const cited = await h.api<Matrix>('GET', path, { as: kabid });
    expect(cited.body.matrix.columns.find((c) => c.employeeId === siti.employeeId)).toMatchObject({
      skpId: sitiSkp.id,
      skpStatus: 'SUBMITTED',
    });
    expect(cited.body.matrix.cells).toEqual([
      {
        rhkId: kabidRhk,
        employeeId: siti.employeeId,
        citations: [
          {
            skpId: sitiSkp.id,
            rhkId: sitiSkp.working.content.rhk[0]?.id,
            rhkText: 'Hasil kerja 1',
            versionStatus: 'SUBMITTED',
          },
        ],
      },
    ]);
  });

  it('assigns contributions, refuses unknown rows and non-subordinates, and prefills drafts idempotently', async () => {
    const { kabid, agus, rina } = org.people;
    const refused = await h.api<Problem>('PUT', path, {
      as: kabid,
      body: {
        assignments: [
          { rhkId: kabidRhk, employeeId: rina.employeeId, resultText: 'x' },
          { rhkId: rina.employeeId, employeeId: agus.employeeId, resultText: 'x' },
        ],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => `${e.code}@${e.field}`)).toEqual([
      'NOT_SUBORDINATE@assignments.0.employeeId',
      'UNKNOWN_ID@assignments.1.rhkId',
    ]);
    const put = await h.api<Matrix>('PUT', path, {
      as: kabid,
      body: {
        assignments: [
          { rhkId: kabidRhk, employeeId: agus.employeeId, resultText: 'Kurikulum SMA tersusun', role: 'Penyusun' },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.matrix.cells?.find((c) => c.employeeId === agus.employeeId)).toMatchObject({
      resultText: 'Kurikulum SMA tersusun',
      role: 'Penyusun',
    });
    const prefilled = await h.api<Job>('POST', `${path}/prefill`, { as: kabid });
    expect(prefilled.status).toBe(200);
    expect(prefilled.body.job.state).toBe('DONE');
    const created = prefilled.body.job.report.created ?? [];
    expect(created).toHaveLength(1);
    const agusSkp = await h.api<SkpReply>('GET', `/skps/${created[0]?.skpId}`, { as: agus });
    expect(agusSkp.body.skp.status).toBe('DRAFT');
    expect(agusSkp.body.skp.working.content.rhk).toMatchObject([
      { text: 'Kurikulum SMA tersusun', rhkAtasanId: kabidRhk },
    ]);
    // The draft now cites the row: the cell shows both the assignment and the citation.
    const after = await h.api<Matrix>('GET', path, { as: kabid });
    expect(after.body.matrix.cells?.find((c) => c.employeeId === agus.employeeId)?.citations).toHaveLength(1);
    const again = await h.api<Job>('POST', `${path}/prefill`, { as: kabid, body: { employeeIds: [agus.employeeId] } });
    expect(again.body.job.report.skipped?.map((s) => s.reason)).toEqual(['NOTHING_TO_ADD']);
    // Removing the assignment keeps the draft's row (it is the employee's now).
    const removed = await h.api<Matrix>('PUT', path, {
      as: kabid,
      body: { assignments: [{ rhkId: kabidRhk, employeeId: agus.employeeId, resultText: '' }] },
    });
    expect(removed.body.matrix.cells?.find((c) => c.employeeId === agus.employeeId)?.resultText ?? '').toBe('');
  });

  it('lets performance managers and admins read, not write; others get 403, another tenant never reads it', async () => {
    const { pm, admin, siti, kabid2, stranger } = org.people;
    const read = await h.api<Matrix>('GET', path, { as: pm });
    expect(read.status).toBe(200);
    expect(read.body.matrix.editable ?? false).toBe(false);
    expect((await h.api('GET', path, { as: admin })).status).toBe(200);
    expect((await h.api('PUT', path, { as: pm, body: { assignments: [] } })).status).toBe(403);
    expect((await h.api('POST', `${path}/prefill`, { as: pm })).status).toBe(403);
    expect((await h.api('GET', path, { as: siti })).status).toBe(403);
    expect((await h.api('GET', path, { as: kabid2 })).status).toBe(403);
    expect((await h.api('GET', path, { as: stranger })).status).not.toBe(200);
  });

  it('gives an acting head of the rater’s unit the matrix within the appointment’s dates only (R5)', async () => {
    const { plt } = org.people;
    await h.events.acting({
      unitId: org.units.bidang,
      employeeId: plt.employeeId as string,
      from: '2026-02-01',
      to: '2026-02-28',
    });
    await h.settle();
    expect((await h.api('GET', path, { as: plt })).status).toBe(403);
    h.clock.set('2026-02-10T03:00:00Z');
    const during = await h.api<Matrix>('GET', path, { as: plt });
    expect(during.status).toBe(200);
    expect(during.body.matrix.editable).toBe(true);
    expect(during.body.matrix.columns.map((c) => c.employeeId).sort()).toEqual(
      [org.people.siti.employeeId, org.people.agus.employeeId].sort(),
    );
    h.clock.set('2026-03-10T03:00:00Z');
    expect((await h.api('GET', path, { as: plt })).status).toBe(403);
  });
});
