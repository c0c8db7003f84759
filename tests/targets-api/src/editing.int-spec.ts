import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminQuery } from '@kinerja/testing';
import { approvedChain, approveSkp, buildOrg, draftSkp, skpBody, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness } from './harness.js';

type Problem = { status: number; code: string; errors?: { field: string; code: string; message: string }[] };

// Editing an SKP: optimistic concurrency (ETag/If-Match), bad input refused with field errors, a revision with its
// readable history, rencana aksi, and the rater's expectations.
describe('SKP editing', () => {
  let h: Harness;
  let org: Org;
  let skpId: string;

  beforeAll(async () => {
    h = await startHarness();
    org = await buildOrg(h);
    skpId = (await draftSkp(h.api, org.people.siti, 2026, skpBody([{}]))).id;
  });

  afterAll(() => h.close());

  describe('concurrent edits (ETag / If-Match)', () => {
    it('gives the second editor with the same ETag 412 and keeps the first editor’s change whole', async () => {
      const { siti } = org.people;
      const read = await h.api<SkpReply>('GET', `/skps/${skpId}`, { as: siti });
      const etag = read.etag ?? '';
      expect(etag).toMatch(/^"\d+"$/);
      const first = await h.api<SkpReply>('PUT', `/skps/${skpId}`, {
        as: siti,
        body: { ...skpBody([{}, {}]), approach: 'KUANTITATIF' },
        headers: { 'if-match': etag },
      });
      expect(first.status).toBe(200);
      expect(first.etag).not.toBe(etag);
      const second = await h.api<Problem>('PUT', `/skps/${skpId}`, {
        as: siti,
        body: skpBody([{}]),
        headers: { 'if-match': etag },
      });
      expect(second.status).toBe(412);
      expect(second.body.code).toBe('PRECONDITION_FAILED');
      const after = await h.api<SkpReply>('GET', `/skps/${skpId}`, { as: siti });
      expect(after.body.skp.working.content.rhk).toHaveLength(2);
      expect(after.etag).toBe(first.etag);
    });

    it('answers 428 to an edit without If-Match', async () => {
      const reply = await h.api<Problem>('PUT', `/skps/${skpId}`, { as: org.people.siti, body: skpBody([{}]) });
      expect(reply.status).toBe(428);
      expect(reply.body.code).toBe('PRECONDITION_REQUIRED');
    });
  });

  describe('bad input (each a 4xx with field errors, nothing written)', () => {
    const put = async (body: unknown) => {
      const { siti } = org.people;
      const etag = (await h.api('GET', `/skps/${skpId}`, { as: siti })).etag ?? '';
      const before = await adminQuery(h.db, 'SELECT version FROM skp WHERE id = $1', [skpId]);
      const reply = await h.api<Problem>('PUT', `/skps/${skpId}`, { as: siti, body, headers: { 'if-match': etag } });
      expect(await adminQuery(h.db, 'SELECT version FROM skp WHERE id = $1', [skpId])).toEqual(before);
      return reply;
    };
    const withIki = (iki: Record<string, unknown>, approach = 'KUANTITATIF') => ({
      approach,
      rhk: [{ jenis: 'UTAMA', text: 'Laporan', iki: [{ indikator: 'Jumlah', aspek: 'KUANTITAS', ...iki }] }],
    });
    const cases: [string, unknown, { field: string; code: string }][] = [
      ['an unknown field', { ...skpBody([{}]), bonus: 1 }, { field: 'bonus', code: 'UNKNOWN_FIELD' }],
      [
        'an unknown field inside an IKI',
        withIki({ target: { kind: 'NUMERIC', value: 1, unit: 'x' }, weight: 3 }),
        { field: 'rhk.0.iki.0.weight', code: 'UNKNOWN_FIELD' },
      ],
      [
        'a target that is not a number',
        withIki({ target: { kind: 'NUMERIC', value: 'sepuluh', unit: 'dokumen' } }),
        { field: 'rhk.0.iki.0.target.value', code: 'INVALID_TYPE' },
      ],
      [
        'a text target under KUANTITATIF (R8)',
        withIki({ target: { kind: 'TEXT', text: 'Laporan tepat waktu' } }),
        { field: 'rhk.0.iki.0.target.kind', code: 'TARGET_NOT_NUMERIC' },
      ],
      [
        'a range with min > max',
        withIki({ target: { kind: 'RANGE', min: 90, max: 80, unit: '%' } }),
        { field: 'rhk.0.iki.0.target.min', code: 'RANGE_MIN_ABOVE_MAX' },
      ],
      [
        'a negative target',
        withIki({ target: { kind: 'NUMERIC', value: -1, unit: 'dokumen' } }),
        { field: 'rhk.0.iki.0.target.value', code: 'INVALID_NUMBER' },
      ],
      [
        'more RHK rows than the limit (30)',
        skpBody(Array.from({ length: 31 }, () => ({}))),
        { field: 'rhk', code: 'TOO_BIG' },
      ],
      [
        'more IKI than the limit (10 per RHK)',
        {
          approach: 'KUANTITATIF',
          rhk: [{ jenis: 'UTAMA', text: 'x', iki: Array.from({ length: 11 }, () => ({ indikator: 'y' })) }],
        },
        { field: 'rhk.0.iki', code: 'TOO_BIG' },
      ],
      [
        'an RHK text over 1,000 characters',
        { approach: 'KUANTITATIF', rhk: [{ jenis: 'UTAMA', text: 'x'.repeat(1_001), iki: [] }] },
        { field: 'rhk.0.text', code: 'TOO_BIG' },
      ],
      [
        'an id that is not a row of this SKP',
        {
          approach: 'KUANTITATIF',
          rhk: [{ id: '00000000-0000-4000-8000-000000000001', jenis: 'UTAMA', text: 'x', iki: [] }],
        },
        { field: 'rhk.0.id', code: 'UNKNOWN_ID' },
      ],
      ['an unknown approach', { ...skpBody([{}]), approach: 'CAMPURAN' }, { field: 'approach', code: 'INVALID_VALUE' }],
    ];
    it.each(cases)('refuses %s', async (_label, body, expected) => {
      const reply = await put(body);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('VALIDATION_FAILED');
      expect(reply.body.errors).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
    });

    it('accepts a text target under KUALITATIF', async () => {
      const { siti } = org.people;
      const etag = (await h.api('GET', `/skps/${skpId}`, { as: siti })).etag ?? '';
      const reply = await h.api('PUT', `/skps/${skpId}`, {
        as: siti,
        body: withIki({ target: { kind: 'TEXT', text: 'Laporan tepat waktu' } }, 'KUALITATIF'),
        headers: { 'if-match': etag },
      });
      expect(reply.status).toBe(200);
    });
  });

  describe('revision and history (R11, R42)', () => {
    it('keeps the approved version in force while the revision is drafted, and shows the versions with diffs', async () => {
      const p = org.people;
      const { kabidSkp: approved } = await approvedChain(h, org);

      // The rater adds an expectation; then changes the target in a revision.
      const etag = (await h.api('GET', `/skps/${approved.id}`, { as: p.kabid })).etag ?? '';
      const expectation = await h.api<Problem>('PUT', `/skps/${approved.id}/expectations`, {
        as: p.kadis,
        body: { ekspektasi: { AKUNTABEL: 'Laporan tepat waktu' } },
        headers: { 'if-match': etag },
      });
      expect(expectation.status).toBe(409);
      const revision = await h.api<SkpReply>('POST', `/skps/${approved.id}/revise`, {
        as: p.kabid,
        body: { reason: 'Target naik' },
      });
      const content = revision.body.skp.working.content as unknown as { rhk: Record<string, unknown>[] };
      const rhk = content.rhk.map((r) => ({
        ...r,
        iki: (r.iki as Record<string, unknown>[]).map((i) => ({
          ...i,
          target: { kind: 'NUMERIC', value: 12, unit: 'dokumen' },
        })),
      }));
      const edited = await h.api<SkpReply>('PUT', `/skps/${approved.id}`, {
        as: p.kabid,
        body: { approach: 'KUANTITATIF', rhk, lampiran: skpBody([]).lampiran },
        headers: { 'if-match': revision.etag ?? '' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.skp).toMatchObject({ status: 'REVISION', inForce: { number: 1 }, working: { number: 2 } });
      const withExpectation = await h.api<SkpReply>('PUT', `/skps/${approved.id}/expectations`, {
        as: p.kadis,
        body: { ekspektasi: { AKUNTABEL: 'Laporan tepat waktu' } },
        headers: { 'if-match': edited.etag ?? '' },
      });
      expect(withExpectation.status).toBe(200);
      const done = await approveSkp(h.api, approved.id, p.kabid, p.kadis);
      expect(done).toMatchObject({ status: 'APPROVED', inForce: { number: 2 } });

      const history = await h.api<{
        versions: { number: number; status: string }[];
        audit: { action: string; toStatus: string }[];
        diffs: { fromVersion: number; toVersion: number; changes: { kind: string; description: string }[] }[];
      }>('GET', `/skps/${approved.id}/history`, { as: p.kabid });
      expect(history.body.versions.map((v) => [v.number, v.status])).toEqual([
        [1, 'CLOSED'],
        [2, 'APPROVED'],
      ]);
      expect(history.body.audit.map((a) => a.action)).toEqual(
        ['SUBMIT', 'APPROVE', 'REVISE', 'SUBMIT', 'SUPERSEDE', 'APPROVE'].sort((a, b) =>
          a === 'SUPERSEDE' && b === 'APPROVE' ? 1 : a === 'APPROVE' && b === 'SUPERSEDE' ? -1 : 0,
        ),
      );
      const descriptions = history.body.diffs[0]?.changes.map((c) => c.description) ?? [];
      expect(descriptions).toEqual(
        expect.arrayContaining([
          expect.stringContaining('target diubah dari "10 dokumen" menjadi "12 dokumen"'),
          expect.stringContaining('Ekspektasi khusus pimpinan untuk AKUNTABEL'),
        ]),
      );
      const events = await adminQuery<{ event_type: string }>(
        h.db,
        `SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY aggregate_seq`,
        [approved.id],
      );
      expect(events.map((e) => e.event_type.replace('kinerja.targets.v1.', ''))).toEqual([
        'SkpCreated',
        'SkpSubmitted',
        'SkpApproved',
        'SkpRevisionOpened',
        'SkpSubmitted',
        'SkpApproved',
      ]);
      // R42: the audit trail cannot be rewritten by the service's own login.
      const appRole = await adminQuery<{ can: boolean }>(
        h.db,
        `SELECT has_table_privilege('kinerja_targets_app', 'skp_audit', 'UPDATE') OR
                has_table_privilege('kinerja_targets_app', 'skp_audit', 'DELETE') AS can`,
      );
      expect(appRole).toEqual([{ can: false }]);
    });
  });
});
