import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminQuery, eventually } from '@kinerja/testing';
import { approvedChain, approveSkp, buildOrg, draftSkp, skpBody, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness } from './harness.js';

type Problem = { status: number; code: string; errors?: { field: string; code: string }[] };
type Status = {
  entries: {
    employeeId: string;
    status: string;
    newSkpRequired?: boolean;
    pendingApproval?: boolean;
    late?: boolean;
  }[];
};

// What changes in the organisation do to SKPs, as identity's events tell it: a move closes the SKP the day before
// and requires a new one (R6); an acting head approves only within the appointment's dates (R5); the approval queue
// and the unit status follow the rater on the date; a performance manager steps in after the fallback day (R11).
describe('organisation changes and SKPs', () => {
  let h: Harness;
  let org: Org;
  let kadisRhk: string;
  let kabidRhk: string;

  beforeAll(async () => {
    h = await startHarness('2026-01-10T03:00:00Z');
    org = await buildOrg(h);
    ({ kadisRhk, kabidRhk } = await approvedChain(h, org));
  });

  afterAll(() => h.close());

  it('closes the SKP the day before a move and records that a new SKP is needed (R6, R13)', async () => {
    const { siti, kabid, kabid2 } = org.people;
    const skp = await draftSkp(h.api, siti, 2026, skpBody([{ rhkAtasanId: kabidRhk }]));
    await approveSkp(h.api, skp.id, siti, kabid);
    await h.events.move(siti.employeeId as string, { unitId: org.units.bidang2 }, '2026-03-15');
    await h.settle();
    const closed = await h.api<SkpReply>('GET', `/skps/${skp.id}`, { as: siti });
    expect(closed.body.skp).toMatchObject({ status: 'CLOSED', endDate: '2026-03-14', closeReason: 'POSITION_CHANGE' });
    expect(
      await adminQuery(
        h.db,
        `SELECT from_date::text, due_by::text, closed_skp_id FROM skp_requirement WHERE employee_id = $1`,
        [siti.employeeId],
      ),
    ).toEqual([{ from_date: '2026-03-15', due_by: '2026-04-14', closed_skp_id: skp.id }]);
    const [event] = await adminQuery<{ subject: string }>(
      h.db,
      `SELECT subject FROM outbox WHERE aggregate_id = $1 AND event_type = 'kinerja.targets.v1.SkpClosed'`,
      [skp.id],
    );
    expect(event?.subject).toBe(`evt.targets.${h.tenantId}.skp.closed`);

    // After the move the new head sees the need, and the new SKP follows the new position.
    h.clock.set('2026-03-20T03:00:00Z');
    const status = await h.api<Status>('GET', `/units/${org.units.bidang2}/skp-status?year=2026`, { as: kabid2 });
    expect(status.body.entries.find((e) => e.employeeId === siti.employeeId)).toMatchObject({
      status: 'NONE',
      newSkpRequired: true,
    });
    const next = await h.api<SkpReply & { skp: { startDate: string; dueBy: string } }>('POST', '/skps', {
      as: siti,
      body: { year: 2026 },
    });
    expect(next.status).toBe(201);
    expect(next.body.skp).toMatchObject({ startDate: '2026-03-15', dueBy: '2026-04-14' });
    expect(
      await adminQuery(h.db, `SELECT fulfilled_skp_id FROM skp_requirement WHERE employee_id = $1`, [siti.employeeId]),
    ).toEqual([{ fulfilled_skp_id: next.body.skp.id }]);
    // Replaying the same move changes nothing more (the inbox stops it).
    const closedEvents = await adminQuery(
      h.db,
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'kinerja.targets.v1.SkpClosed'`,
    );
    expect(closedEvents).toEqual([{ n: 1 }]);
  });

  it('gives an acting head approval rights only within the appointment’s dates (R5)', async () => {
    const { agus, kabid, plt } = org.people;
    h.clock.set('2026-01-20T03:00:00Z');
    const skp = await draftSkp(h.api, agus, 2026, skpBody([{ rhkAtasanId: kabidRhk }]));
    expect((await h.api('POST', `/skps/${skp.id}/submit`, { as: agus })).status).toBe(200);
    await h.events.acting({
      unitId: org.units.bidang,
      employeeId: plt.employeeId as string,
      from: '2026-02-01',
      to: '2026-02-28',
    });
    await h.settle();

    // Before the appointment: the definitive head rates; the acting head has no right yet.
    const early = await h.api<Problem>('POST', `/skps/${skp.id}/approve`, { as: plt });
    expect(early.status).toBe(403);
    const queueBefore = await h.api<{ items?: { skpId: string }[] }>('GET', '/skps/approvals', { as: kabid });
    expect(queueBefore.body.items?.map((i) => i.skpId)).toContain(skp.id);

    // During it: the acting head rates, the definitive head does not.
    h.clock.set('2026-02-10T03:00:00Z');
    expect((await h.api('POST', `/skps/${skp.id}/approve`, { as: kabid })).status).toBe(403);
    const queueOfPlt = await h.api<{ items?: { skpId: string }[] }>('GET', '/skps/approvals', { as: plt });
    expect(queueOfPlt.body.items?.map((i) => i.skpId)).toEqual([skp.id]);
    expect((await h.api<{ items?: unknown[] }>('GET', '/skps/approvals', { as: kabid })).body.items ?? []).toEqual([]);

    // After it: the right is gone again.
    h.clock.set('2026-03-02T03:00:00Z');
    expect((await h.api('POST', `/skps/${skp.id}/approve`, { as: plt })).status).toBe(403);
    h.clock.set('2026-02-27T03:00:00Z');
    const approved = await h.api<SkpReply>('POST', `/skps/${skp.id}/approve`, { as: plt });
    expect(approved.status).toBe(200);
    // R13: approved after 31 January.
    expect(approved.body.skp).toMatchObject({ status: 'APPROVED', late: true });
    const audit = await adminQuery(
      h.db,
      `SELECT action, actor, actor_role FROM skp_audit WHERE skp_id = $1 ORDER BY seq`,
      [skp.id],
    );
    expect(audit.at(-1)).toEqual({ action: 'APPROVE', actor: plt.subject, actor_role: 'RATER' });
  });

  it('lets a performance manager draft, submit and approve on the employee’s behalf only after the fallback day (R11)', async () => {
    const { pm, rina, kabid2 } = org.people;
    const kabid2Skp = await draftSkp(h.api, kabid2, 2026, skpBody([{ rhkAtasanId: kadisRhk }]));
    const kabid2Rhk = (await approveSkp(h.api, kabid2Skp.id, kabid2, org.people.kadis)).working.content.rhk[0]?.id;
    const created = await h.api<SkpReply & { skp: { onBehalf?: boolean } }>('POST', '/skps', {
      as: pm,
      body: { employeeId: rina.employeeId, year: 2026 },
    });
    expect(created.status).toBe(201);
    expect(created.body.skp.onBehalf).toBe(true);
    const edited = await h.api('PUT', `/skps/${created.body.skp.id}`, {
      as: pm,
      body: skpBody([{ rhkAtasanId: kabid2Rhk }]),
      headers: { 'if-match': created.etag ?? '' },
    });
    expect(edited.status).toBe(200);
    const approved = await approveSkp(h.api, created.body.skp.id, pm, pm);
    expect(approved.status).toBe('APPROVED');
    const audit = await adminQuery(h.db, `SELECT action, actor_role FROM skp_audit WHERE skp_id = $1 ORDER BY seq`, [
      created.body.skp.id,
    ]);
    expect(audit).toEqual([
      { action: 'SUBMIT', actor_role: 'PERFORMANCE_MANAGER' },
      { action: 'APPROVE', actor_role: 'PERFORMANCE_MANAGER' },
    ]);
  });

  it('shows a unit’s SKP status to its head and the monitors, AKTIF employees only (R3, R13)', async () => {
    const { kabid, agus, pm, siti } = org.people;
    await h.events.employee({ unitId: org.units.bidang, status: 'CLTN', name: 'Cuti Panjang' });
    const newcomer = await h.events.employee({ unitId: org.units.bidang, name: 'Pegawai Baru' });
    await h.settle();
    // On 27 February the acting head heads the bidang; from March the definitive head again.
    expect((await h.api('GET', `/units/${org.units.bidang}/skp-status?year=2026`, { as: kabid })).status).toBe(403);
    h.clock.set('2026-03-10T03:00:00Z');
    const status = await h.api<Status>('GET', `/units/${org.units.bidang}/skp-status?year=2026`, { as: kabid });
    expect(status.status).toBe(200);
    const byId = new Map(status.body.entries.map((e) => [e.employeeId, e]));
    expect(byId.get(agus.employeeId as string)).toMatchObject({ status: 'APPROVED', late: true });
    expect(byId.get(newcomer.id)).toMatchObject({ status: 'NONE' });
    expect(byId.get(newcomer.id)?.late ?? false).toBe(false);
    // The head, Agus, the newcomer and Siti (whose move takes effect on 15 March); not the employee on CLTN.
    expect(status.body.entries).toHaveLength(4);
    expect(byId.get(siti.employeeId as string)).toMatchObject({ status: 'CLOSED' });
    expect((await h.api('GET', `/units/${org.units.bidang}/skp-status?year=2026`, { as: pm })).status).toBe(200);
    expect((await h.api('GET', `/units/${org.units.bidang}/skp-status?year=2026`, { as: siti })).status).toBe(403);
  });

  it('opens, closes and flags periods once each, in the tenant’s zone, and lets managers move a deadline before opening (R7)', async () => {
    const { pm, siti } = org.people;
    h.clock.set('2026-01-10T03:00:00Z');
    const periods = await h.api<{ periods: { id: string; code: string; state: string; inputDeadline: string }[] }>(
      'GET',
      '/years/2026/periods',
      { as: siti },
    );
    expect(periods.body.periods.map((p) => p.code)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-FINAL']);
    const q2 = periods.body.periods.find((p) => p.code === '2026-Q2');
    expect(q2).toMatchObject({ inputDeadline: '2026-07-05' });
    expect(
      (await h.api('PATCH', `/periods/${q2?.id}`, { as: siti, body: { inputDeadline: '2026-07-10' } })).status,
    ).toBe(403);
    const moved = await h.api<{ period: { inputDeadline: string; deadlineAdjusted: boolean } }>(
      'PATCH',
      `/periods/${q2?.id}`,
      {
        as: pm,
        body: { inputDeadline: '2026-07-10' },
      },
    );
    expect(moved.body.period).toMatchObject({ inputDeadline: '2026-07-10', deadlineAdjusted: true });
    const tooEarly = await h.api<Problem>('PATCH', `/periods/${q2?.id}`, {
      as: pm,
      body: { inputDeadline: '2026-06-29' },
    });
    expect(tooEarly.status).toBe(400);

    const count = async (type: string) =>
      (
        await adminQuery<{ n: number }>(h.db, `SELECT count(*)::int AS n FROM outbox WHERE event_type = $1`, [
          `kinerja.targets.v1.${type}`,
        ])
      )[0]?.n;
    // 31 March 23:59 in Jakarta is still Q1; 1 April 00:00 (17:00 UTC the day before) Q2 opens and Q1 closes.
    await h.scheduler.tick(new Date('2026-03-31T16:59:00Z'));
    const openedBefore = await count('PeriodOpened');
    await h.scheduler.tick(new Date('2026-03-31T17:00:00Z'));
    await h.scheduler.tick(new Date('2026-03-31T17:00:30Z'));
    expect(await count('PeriodOpened')).toBe((openedBefore ?? 0) + 1);
    expect(await count('PeriodClosed')).toBe(1);
    expect(
      (await h.api<Problem>('PATCH', `/periods/${q2?.id}`, { as: pm, body: { inputDeadline: '2026-07-12' } })).status,
    ).toBe(409);
    // Q1's input closes at the end of 5 April, Jakarta time.
    await h.scheduler.tick(new Date('2026-04-05T16:59:00Z'));
    expect(await count('PeriodDeadlineReached')).toBe(0);
    await h.scheduler.tick(new Date('2026-04-05T17:00:00Z'));
    await h.scheduler.tick(new Date('2026-04-06T01:00:00Z'));
    expect(await count('PeriodDeadlineReached')).toBe(1);
    const after = await h.api<{ periods: { code: string; state: string; deadlineReached?: boolean }[] }>(
      'GET',
      '/years/2026/periods',
      {
        as: siti,
      },
    );
    expect(after.body.periods.slice(0, 2)).toEqual([
      expect.objectContaining({ code: '2026-Q1', state: 'CLOSED', deadlineReached: true }),
      expect.objectContaining({ code: '2026-Q2', state: 'OPEN' }),
    ]);
  });

  it('sets organisation ratings by the head of the parent unit or the regional head, audited (R26, R42)', async () => {
    const { kadis, kabid, regionalHead, siti, rina } = org.people;
    const periods = await h.api<{ periods: { id: string; code: string }[] }>('GET', '/years/2026/periods', {
      as: siti,
    });
    const q1 = periods.body.periods.find((p) => p.code === '2026-Q1')?.id;
    const q3 = periods.body.periods.find((p) => p.code === '2026-Q3')?.id;
    const rate = (as: typeof kadis, unit: string, period = q1) =>
      h.api<{ rating: { rating: string; setAs: string } }>('PUT', `/units/${unit}/org-ratings/${period}`, {
        as,
        body: { rating: 'BAIK', note: 'Capaian sesuai rencana' },
      });
    expect((await rate(kabid, org.units.bidang)).status).toBe(403);
    expect((await rate(kadis, org.units.dinas)).status).toBe(403);
    const byKadis = await rate(kadis, org.units.bidang);
    expect(byKadis.status).toBe(200);
    expect(byKadis.body.rating).toMatchObject({ rating: 'BAIK', setAs: 'HEAD' });
    expect((await rate(regionalHead, org.units.dinas)).body.rating).toMatchObject({ setAs: 'REGIONAL_HEAD' });
    expect((await rate(kadis, org.units.bidang, q3)).status).toBe(409);
    const bad = await h.api<Problem>('PUT', `/units/${org.units.bidang}/org-ratings/${q1}`, {
      as: kadis,
      body: { rating: 'LUAR_BIASA', note: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['note', 'rating']);
    const list = await h.api<{ ratings: { periodCode: string }[] }>('GET', `/units/${org.units.bidang}/org-ratings`, {
      as: kabid,
    });
    expect(list.body.ratings.map((r) => r.periodCode)).toEqual(['2026-Q1']);
    expect((await h.api('GET', `/units/${org.units.bidang}/org-ratings`, { as: rina })).status).toBe(403);
    const audit = await adminQuery(h.db, `SELECT new_rating, actor FROM org_rating_audit WHERE unit_id = $1`, [
      org.units.bidang,
    ]);
    expect(audit).toEqual([{ new_rating: 'BAIK', actor: kadis.subject }]);
  });

  it('keeps rencana aksi per period under the RHKs, written by the owner and read by the rater', async () => {
    const { agus, kabid, plt } = org.people;
    const [skp] = (await h.api<{ skps: SkpReply['skp'][] }>('GET', '/skps', { as: agus })).body.skps;
    const periods = await h.api<{ periods: { id: string; code: string }[] }>('GET', '/years/2026/periods', {
      as: agus,
    });
    const q2 = periods.body.periods.find((p) => p.code === '2026-Q2')?.id;
    const q1 = periods.body.periods.find((p) => p.code === '2026-Q1')?.id;
    const rhkId = skp?.working.content.rhk[0]?.id;
    const created = await h.api<{ item: { id: string } }>('POST', `/skps/${skp?.id}/rencana-aksi`, {
      as: agus,
      body: { rhkId, periodId: q2, text: 'Menyusun draf laporan', target: '1 dokumen' },
    });
    expect(created.status).toBe(201);
    expect(
      (await h.api('POST', `/skps/${skp?.id}/rencana-aksi`, { as: kabid, body: { rhkId, periodId: q2, text: 'x' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await h.api<Problem>('POST', `/skps/${skp?.id}/rencana-aksi`, {
          as: agus,
          body: { rhkId, periodId: q1, text: 'x' },
        })
      ).status,
    ).toBe(422);
    const read = await h.api<{ items: { text: string }[] }>('GET', `/skps/${skp?.id}/rencana-aksi?periodId=${q2}`, {
      as: kabid,
    });
    expect(read.body.items.map((i) => i.text)).toEqual(['Menyusun draf laporan']);
    expect((await h.api('GET', `/skps/${skp?.id}/rencana-aksi`, { as: plt })).status).toBe(403);
    expect((await h.api('DELETE', `/skps/${skp?.id}/rencana-aksi/${created.body.item.id}`, { as: agus })).status).toBe(
      204,
    );
    await eventually(async () =>
      expect(
        await adminQuery(
          h.db,
          `SELECT count(*)::int AS n FROM outbox WHERE event_type LIKE 'kinerja.targets.v1.RencanaAksi%'`,
        ),
      ).toEqual([{ n: 2 }]),
    );
  });

  it('closes the SKPs of the year when it ends, once (R11)', async () => {
    const { kabid } = org.people;
    const open = await adminQuery<{ n: number }>(
      h.db,
      `SELECT count(*)::int AS n FROM skp WHERE year = 2026 AND status IN ('APPROVED', 'REVISION')`,
    );
    expect(open[0]?.n).toBeGreaterThan(0);
    // 31 December 23:59 in Jakarta is still 2026.
    expect((await h.scheduler.tick(new Date('2026-12-31T16:59:00Z'))).skpsClosed).toBe(0);
    const first = await h.scheduler.tick(new Date('2026-12-31T17:00:00Z'));
    const again = await h.scheduler.tick(new Date('2026-12-31T17:05:00Z'));
    expect([first.skpsClosed, again.skpsClosed]).toEqual([open[0]?.n, 0]);
    const [ofKabid] = (
      await h.api<{ skps: (SkpReply['skp'] & { closedOn?: string })[] }>('GET', '/skps', { as: kabid })
    ).body.skps;
    expect(ofKabid).toMatchObject({ status: 'CLOSED', closeReason: 'YEAR_END', closedOn: '2026-12-31' });
    const periods2027 = await adminQuery(h.db, `SELECT count(*)::int AS n FROM period WHERE year = 2027`);
    expect(periods2027).toEqual([{ n: 5 }]);
  });
});
