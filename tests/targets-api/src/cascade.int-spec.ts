import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminQuery } from '@kinerja/testing';
import { approveSkp, buildOrg, draftSkp, skpBody, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness } from './harness.js';

type Problem = { status: number; code: string; errors?: { field: string; code: string; message: string }[] };

// R9 end to end through the API: the top unit head cites the perjanjian kinerja, a bidang head cites the top head's
// RHKs, staff cite their bidang head's; a citation of someone who is not the rater, or of an unapproved SKP, is
// refused at submission with the reason.
describe('SKP cascade (R9, R12)', () => {
  let h: Harness;
  let org: Org;
  let agreementResult: string;
  let kadisSkp: SkpReply['skp'];
  let kabidSkp: SkpReply['skp'];

  beforeAll(async () => {
    h = await startHarness();
    org = await buildOrg(h);
    const { pm } = org.people;
    const agreement = await h.api<{ agreement: { results: { id: string }[] } }>(
      'PUT',
      '/years/2026/performance-agreement',
      {
        as: pm,
        body: {
          results: [
            { text: 'Meningkatnya mutu pendidikan menengah', indicators: [{ text: 'Angka lulusan', target: '95 %' }] },
          ],
        },
      },
    );
    expect(agreement.status).toBe(200);
    agreementResult = agreement.body.agreement.results[0]?.id ?? '';
  });

  afterAll(() => h.close());

  it('approves the top head citing the perjanjian kinerja, approved by the regional head account (R5, R9)', async () => {
    const { kadis, regionalHead } = org.people;
    kadisSkp = await draftSkp(h.api, kadis, 2026, skpBody([{ perjanjianKinerjaRef: agreementResult }], true));
    const approved = await approveSkp(h.api, kadisSkp.id, kadis, regionalHead);
    expect(approved.status).toBe('APPROVED');
    expect(approved.late ?? false).toBe(false);
    expect(approved.allowedActions).toEqual(['REVISE']);
    kadisSkp = approved;
  });

  it('refuses a top head citing a result that is not in the perjanjian kinerja', async () => {
    const { kadis } = org.people;
    const revision = await h.api<SkpReply>('POST', `/skps/${kadisSkp.id}/revise`, {
      as: kadis,
      body: { reason: 'Sasaran baru' },
    });
    expect(revision.body.skp.working).toMatchObject({ number: 2, status: 'DRAFT' });
    const edited = await h.api<SkpReply>('PUT', `/skps/${kadisSkp.id}`, {
      as: kadis,
      body: skpBody([{ perjanjianKinerjaRef: '00000000-0000-4000-8000-000000000000' }], true),
      headers: { 'if-match': revision.etag ?? '' },
    });
    expect(edited.status).toBe(200);
    const refused = await h.api<Problem>('POST', `/skps/${kadisSkp.id}/submit`, { as: kadis });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.code)).toEqual(['PERJANJIAN_KINERJA_NOT_FOUND']);
    expect((await h.api('POST', `/skps/${kadisSkp.id}/cancel-revision`, { as: kadis })).status).toBe(200);
  });

  it('lets a bidang head cite the version in force while the top head drafts a revision (R11)', async () => {
    const { kabid2, kadis } = org.people;
    // The head of the dinas revises: the approved version stays in force, so citing it still works (R11) …
    const revised = await h.api<SkpReply>('POST', `/skps/${kadisSkp.id}/revise`, {
      as: kadis,
      body: { reason: 'Penyesuaian anggaran' },
    });
    expect(revised.status).toBe(200);
    expect(revised.body.skp.status).toBe('REVISION');
    const rhkOfKadis = kadisSkp.working.content.rhk[0]?.id ?? '';
    const kabid2Skp = await draftSkp(h.api, kabid2, 2026, skpBody([{ rhkAtasanId: rhkOfKadis }]));
    const submitted = await h.api<SkpReply>('POST', `/skps/${kabid2Skp.id}/submit`, { as: kabid2 });
    expect(submitted.status).toBe(200);
    // … and cancelling the revision leaves the approved version as it was.
    const cancelled = await h.api<SkpReply>('POST', `/skps/${kadisSkp.id}/cancel-revision`, { as: kadis });
    expect(cancelled.body.skp).toMatchObject({ status: 'APPROVED', working: { number: 1 } });
  });

  it('approves a bidang head citing the top head and staff citing their bidang head', async () => {
    const { kabid, kadis, siti } = org.people;
    const rhkOfKadis = kadisSkp.working.content.rhk[0]?.id ?? '';
    kabidSkp = await draftSkp(h.api, kabid, 2026, skpBody([{ rhkAtasanId: rhkOfKadis }, { rhkAtasanId: rhkOfKadis }]));
    kabidSkp = await approveSkp(h.api, kabidSkp.id, kabid, kadis);
    expect(kabidSkp.status).toBe('APPROVED');
    const rhkOfKabid = kabidSkp.working.content.rhk[1]?.id ?? '';
    const sitiSkp = await draftSkp(h.api, siti, 2026, skpBody([{ rhkAtasanId: rhkOfKabid }]));
    const approved = await approveSkp(h.api, sitiSkp.id, siti, kabid);
    expect(approved.status).toBe('APPROVED');
  });

  it('refuses staff citing an RHK of someone who is not their rater, with the reason and nothing changed', async () => {
    const { agus, kabid2 } = org.people;
    const [ofKabid2] = (await h.api<{ skps: SkpReply['skp'][] }>('GET', '/skps', { as: kabid2 })).body.skps;
    const foreignRhk = ofKabid2?.working.content.rhk[0]?.id ?? '';
    const skp = await draftSkp(h.api, agus, 2026, skpBody([{ rhkAtasanId: foreignRhk }]));
    const refused = await h.api<Problem>('POST', `/skps/${skp.id}/submit`, { as: agus });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SKP_INCOMPLETE');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'rhk.0.rhkAtasanId', code: 'CASCADE_NOT_IN_RATER_SKP' }),
    ]);
    expect(refused.body.errors?.[0]?.message).toContain('Kabid SMK');
    const [row] = await adminQuery(h.db, 'SELECT status, version FROM skp WHERE id = $1', [skp.id]);
    expect(row).toEqual({ status: 'DRAFT', version: 2 });
  });

  it("refuses staff citing an RHK of the rater's SKP that is not approved yet (R9)", async () => {
    const { rina, kabid2 } = org.people;
    const [ofKabid2] = (await h.api<{ skps: SkpReply['skp'][] }>('GET', '/skps', { as: kabid2 })).body.skps;
    expect(ofKabid2?.status).toBe('SUBMITTED');
    const skp = await draftSkp(h.api, rina, 2026, skpBody([{ rhkAtasanId: ofKabid2?.working.content.rhk[0]?.id }]));
    const refused = await h.api<Problem>('POST', `/skps/${skp.id}/submit`, { as: rina });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.code).sort()).toEqual([
      'CASCADE_RATER_SKP_NOT_APPROVED',
      'CASCADE_RATER_SKP_NOT_APPROVED',
    ]);
  });

  it('lists every missing item of an incomplete SKP (R12)', async () => {
    const { plt } = org.people;
    const created = await h.api<SkpReply>('POST', '/skps', { as: plt, body: { year: 2026 } });
    const refused = await h.api<Problem>('POST', `/skps/${created.body.skp.id}/submit`, { as: plt });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.code).sort()).toEqual(['LAMPIRAN_MISSING', 'NO_UTAMA_RHK']);
  });
});
