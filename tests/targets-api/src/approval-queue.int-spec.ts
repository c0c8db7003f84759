import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedChain, buildOrg, draftSkp, skpBody, type Org } from './org-fixture.js';
import { startHarness, type Harness, type Person } from './harness.js';

type Queue = {
  items?: {
    skpId: string;
    employeeId: string;
    employeeName?: string;
    employeeNip?: string;
    year?: number;
    versionNumber?: number;
    isRevision?: boolean;
    submittedAt?: string;
    positionName?: string;
  }[];
};

// The rater's approval queue (R5, R11, R13): exactly the SKPs waiting for the caller's decision today, of the
// employees the caller rates on that date — staff of the unit, of a vacant seksi below it, heads of child units —
// with an acting head (PLT) taking the queue of the unit's staff within the appointment's dates, never the
// definitive head's own SKP; with the fields the list shows, oldest submission first.
describe('approval queue', () => {
  let h: Harness;
  let org: Org;
  let kabidRhk: string;
  let kadisRhk: string;
  const seksiStaff: Person = {
    subject: `sub-seksi-${randomUUID().slice(0, 6)}`,
    employeeId: randomUUID(),
    roles: ['employee'],
  };
  const skps: Record<string, string> = {};

  const queueOf = async (as: Person) => {
    const reply = await h.api<Queue>('GET', '/skps/approvals', { as });
    expect(reply.status).toBe(200);
    return reply.body.items ?? [];
  };
  // The test clock stands still, so submissions share an instant: compare the SKPs as sets.
  const idsOf = async (as: Person) => (await queueOf(as)).map((i) => i.skpId).sort();
  const sorted = (...ids: (string | undefined)[]) => ids.sort();

  beforeAll(async () => {
    h = await startHarness('2026-01-10T03:00:00Z');
    org = await buildOrg(h);
    // A seksi below the SMA bidang without a head: its staff are rated by the bidang's effective head (R5).
    const seksi = await h.events.unit({ name: 'Seksi Kurikulum', parentId: org.units.bidang });
    await h.events.employee({
      id: seksiStaff.employeeId,
      unitId: seksi.id,
      name: 'Budi Seksi',
      positionName: 'Analis Kurikulum',
      accountSubject: seksiStaff.subject,
    });
    await h.settle();
    ({ kabidRhk, kadisRhk } = await approvedChain(h, org));
    const { siti, kabid2 } = org.people;
    for (const [name, person, cite] of [
      ['siti', siti, kabidRhk],
      ['seksiStaff', seksiStaff, kabidRhk],
      ['kabid2', kabid2, kadisRhk],
    ] as const) {
      const skp = await draftSkp(h.api, person, 2026, skpBody([{ rhkAtasanId: cite }]));
      expect((await h.api('POST', `/skps/${skp.id}/submit`, { as: person })).status).toBe(200);
      skps[name] = skp.id;
    }
  });

  afterAll(() => h.close());

  it('lists the SKPs of the staff and of a vacant seksi to the unit head, with what the list shows', async () => {
    const { kabid, siti } = org.people;
    const queue = (await queueOf(kabid)).sort((a, b) => (a.skpId === skps.siti ? -1 : b.skpId === skps.siti ? 1 : 0));
    expect(queue.map((i) => i.skpId)).toEqual([skps.siti, skps.seksiStaff]);
    expect(queue[0]).toMatchObject({
      employeeId: siti.employeeId,
      employeeName: 'Siti Rahmawati',
      year: 2026,
      versionNumber: 1,
    });
    expect(queue[0]?.isRevision ?? false).toBe(false);
    expect(queue[0]?.employeeNip).toMatch(/^\d{18}$/);
    expect(queue[1]).toMatchObject({ employeeName: 'Budi Seksi', positionName: 'Analis Kurikulum' });
    expect(Date.parse(queue[0]?.submittedAt ?? '')).toBe(Date.parse('2026-01-10T03:00:00Z'));
  });

  it('lists a child unit head’s SKP to the head above, and nothing of the staff below that head', async () => {
    const { kadis, regionalHead, pm, siti } = org.people;
    expect((await queueOf(kadis)).map((i) => i.skpId)).toEqual([skps.kabid2]);
    // The regional head rates the top unit's head only, whose SKP is approved already.
    expect(await queueOf(regionalHead)).toEqual([]);
    // Nothing is drafted on anyone's behalf, and staff rate nobody.
    expect(await queueOf(pm)).toEqual([]);
    expect(await queueOf(siti)).toEqual([]);
  });

  it('gives the queue of the unit’s staff to a PLT within the appointment’s dates, not the definitive head’s (R5)', async () => {
    const { kabid, kadis, plt } = org.people;
    await h.events.acting({
      unitId: org.units.bidang,
      employeeId: plt.employeeId as string,
      from: '2026-02-01',
      to: '2026-02-28',
    });
    await h.settle();
    expect(await queueOf(plt)).toEqual([]);

    h.clock.set('2026-02-10T03:00:00Z');
    // The staff of the bidang and of its vacant seksi wait for the PLT; the definitive head's queue is empty.
    expect(await idsOf(plt)).toEqual(sorted(skps.siti, skps.seksiStaff));
    expect(await queueOf(kabid)).toEqual([]);
    // The head above keeps the heads of the bidang, never the staff the PLT now rates.
    expect((await queueOf(kadis)).map((i) => i.skpId)).toEqual([skps.kabid2]);
    // An approval takes the SKP off the queue.
    expect((await h.api('POST', `/skps/${skps.siti}/approve`, { as: plt })).status).toBe(200);
    expect((await queueOf(plt)).map((i) => i.skpId)).toEqual([skps.seksiStaff]);

    h.clock.set('2026-03-02T03:00:00Z');
    expect(await queueOf(plt)).toEqual([]);
    expect((await queueOf(kabid)).map((i) => i.skpId)).toEqual([skps.seksiStaff]);
  });
});
