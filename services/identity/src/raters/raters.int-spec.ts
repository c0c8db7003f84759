import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IdentityHarness, TenantApi, type RaterAnswer } from '../../test/identity-harness.js';

// R5 through the service's API (NATS request-reply, real tokens, PostgreSQL with forced RLS), case by case.
//
//   TOP (Sekretariat Daerah, head: sekda) ── DINAS (head: kadis) ─┬─ BIDANG (head: kabid) ── SEKSI (vacant)
//                                                                 └─ BIDANG2 (head: kabid2)

describe('rater resolution (R5)', () => {
  let harness: IdentityHarness;
  let api: TenantApi;
  const u: Record<string, string> = {};
  const e: Record<string, string> = {};

  const who = (side: RaterAnswer['rater']) => (side.kind === 'EMPLOYEE' ? side.employeeId : `kepala daerah`);
  const names = (answer: RaterAnswer) => [who(answer.rater), who(answer.raterSuperior)];

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    api = new TenantApi(harness, await harness.aTenant());
    u.top = await api.unit('TOP', null, '2024-01-01', 'PERANGKAT_DAERAH');
    u.dinas = await api.unit('DINAS', u.top, '2024-01-01', 'PERANGKAT_DAERAH');
    u.bidang = await api.unit('BIDANG', u.dinas);
    u.bidang2 = await api.unit('BIDANG2', u.dinas);
    u.seksi = await api.unit('SEKSI', u.bidang, '2024-01-01', 'SEKSI');
    for (const [name, unit] of [
      ['sekda', u.top],
      ['kadis', u.dinas],
      ['kabid', u.bidang],
      ['kabid2', u.bidang2],
      ['staff', u.bidang],
      ['pltSeksi', u.bidang],
      ['plhBidang', u.bidang2],
      ['staffSeksi', u.seksi],
      ['mover', u.bidang],
    ] as const)
      e[name] = await api.employee({ name, unitId: unit });
    e.unplaced = await api.employee({ name: 'unplaced' });
    await api.head(u.top, e.sekda as string);
    await api.head(u.dinas, e.kadis as string);
    await api.head(u.bidang, e.kabid as string);
    await api.head(u.bidang2, e.kabid2 as string);
    await api.acting(u.seksi as string, e.pltSeksi as string, 'PLT', '2024-03-01', '2024-05-31');
    await api.acting(u.bidang as string, e.plhBidang as string, 'PLH', '2024-08-01', '2024-08-10');
    await api.move(e.mover as string, u.bidang2 as string, '2024-07-01');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('rates an ordinary employee by the head of the unit, and the head of the parent unit is the superior', async () => {
    const answer = await api.rater(e.staff as string, '2024-02-01');
    expect(names(answer)).toEqual([e.kabid, e.kadis]);
    expect(answer.rater).toMatchObject({ basis: 'HEAD', unitId: u.bidang, name: 'kabid' });
    expect(answer.rater.path.map((s) => s.step)).toEqual(['ASSIGNED_TO', 'HEAD']);
    expect(answer.rater.path[1]).toMatchObject({ unitId: u.bidang, employeeId: e.kabid, from: '2024-01-01' });
    expect(answer.explanation).toContain('kabid');
  });

  it('rates a unit head by the head of the parent unit', async () => {
    const answer = await api.rater(e.kabid as string, '2024-02-01');
    expect(names(answer)).toEqual([e.kadis, e.sekda]);
    expect(answer.rater.path.map((s) => s.step)).toEqual(['ASSIGNED_TO', 'EMPLOYEE_IS_HEAD', 'HEAD']);
  });

  it("rates the head of the tenant's top unit by the regional head account, who is also the superior", async () => {
    const answer = await api.rater(e.sekda as string, '2024-02-01');
    expect(answer.rater).toMatchObject({ kind: 'REGIONAL_HEAD', accountSubject: api.tenant.regionalHeadSubject });
    expect(answer.raterSuperior).toMatchObject({
      kind: 'REGIONAL_HEAD',
      accountSubject: api.tenant.regionalHeadSubject,
    });
    expect(answer.rater.path.map((s) => s.step)).toEqual(['ASSIGNED_TO', 'EMPLOYEE_IS_HEAD', 'REGIONAL_HEAD']);
    const kadis = await api.rater(e.kadis as string, '2024-02-01');
    expect(kadis.rater.employeeId).toBe(e.sekda);
    expect(kadis.raterSuperior.kind).toBe('REGIONAL_HEAD');
  });

  it('passes a vacant head up to the next head when there is no acting head', async () => {
    const answer = await api.rater(e.staffSeksi as string, '2024-02-01');
    expect(names(answer)).toEqual([e.kabid, e.kadis]);
    expect(answer.rater.path.map((s) => s.step)).toEqual(['ASSIGNED_TO', 'VACANT_HEAD', 'HEAD']);
  });

  it('lets an acting head (PLT) of a vacant unit rate from the first to the last day of the appointment', async () => {
    const first = await api.rater(e.staffSeksi as string, '2024-03-01');
    expect(names(first)).toEqual([e.pltSeksi, e.kabid]);
    expect(first.rater.basis).toBe('ACTING');
    expect(first.rater.path.at(-1)).toMatchObject({
      step: 'ACTING_HEAD',
      unitId: u.seksi,
      actingKind: 'PLT',
      from: '2024-03-01',
      to: '2024-05-31',
    });
    expect(names(await api.rater(e.staffSeksi as string, '2024-05-31'))).toEqual([e.pltSeksi, e.kabid]);
    // The day before it starts and the day after it ends, the vacancy passes up again.
    expect(names(await api.rater(e.staffSeksi as string, '2024-02-29'))).toEqual([e.kabid, e.kadis]);
    expect(names(await api.rater(e.staffSeksi as string, '2024-06-01'))).toEqual([e.kabid, e.kadis]);
  });

  it('lets an acting head (PLH) override the definitive head on its dates only', async () => {
    expect(names(await api.rater(e.staff as string, '2024-08-05'))).toEqual([e.plhBidang, e.kadis]);
    expect(names(await api.rater(e.staff as string, '2024-08-11'))).toEqual([e.kabid, e.kadis]);
    // The PLH rates the unit's staff on those dates, never the definitive head it stands in for.
    expect(names(await api.rater(e.kabid as string, '2024-08-05'))).toEqual([e.kadis, e.sekda]);
    expect(names(await api.rater(e.plhBidang as string, '2024-08-05'))).toEqual([e.kabid2, e.kadis]);
  });

  it('gives another rater before and after a move in the middle of the year', async () => {
    const before = await api.rater(e.mover as string, '2024-06-30');
    const after = await api.rater(e.mover as string, '2024-07-01');
    expect(names(before)).toEqual([e.kabid, e.kadis]);
    expect(names(after)).toEqual([e.kabid2, e.kadis]);
    expect(after.unitId).toBe(u.bidang2);
    expect(after.rater.path[0]).toMatchObject({ step: 'ASSIGNED_TO', unitId: u.bidang2, from: '2024-07-01' });
    expect(before.rater.path[0]).toMatchObject({ step: 'ASSIGNED_TO', from: '2024-01-01', to: '2024-06-30' });
  });

  it('follows a change of head from its effective date', async () => {
    await api.head(u.bidang2 as string, e.plhBidang as string, '2024-10-01');
    expect(names(await api.rater(e.mover as string, '2024-09-30'))).toEqual([e.kabid2, e.kadis]);
    expect(names(await api.rater(e.mover as string, '2024-10-01'))).toEqual([e.plhBidang, e.kadis]);
  });

  it('answers RATER_UNRESOLVED for an employee without a placement on the date', async () => {
    const unplaced = await harness.failure(
      'rpc.identity.rater.get',
      { employeeId: e.unplaced, date: '2024-02-01' },
      api.tenant.admin,
    );
    expect(unplaced.code).toBe('RATER_UNRESOLVED');
    expect(unplaced.fields).toEqual([expect.objectContaining({ field: 'date', code: 'NO_ASSIGNMENT' })]);
    const early = await harness.failure(
      'rpc.identity.rater.get',
      { employeeId: e.staff, date: '2023-12-31' },
      api.tenant.admin,
    );
    expect(early.code).toBe('RATER_UNRESOLVED');
  });

  it('lets the employee, the rater and the superior read the answer, and nobody else of the tenant', async () => {
    for (const reader of ['staff', 'kabid', 'kadis'] as const) {
      const token = await api.tenant.tokenOf(e[reader] as string);
      expect((await api.rater(e.staff as string, '2024-02-01', token)).rater.employeeId).toBe(e.kabid);
    }
    const stranger = await api.tenant.tokenOf(e.kabid2 as string);
    const refused = await harness.failure(
      'rpc.identity.rater.get',
      { employeeId: e.staff, date: '2024-02-01' },
      stranger,
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('lists whom an employee rates on a date, agreeing with the rater of each', async () => {
    const list = async (id: string, date: string) =>
      (
        await harness.call<{ subordinates: { employee: { id: string }; basis: string }[] }>(
          'rpc.identity.subordinates.list',
          { employeeId: id, date },
          api.tenant.admin,
        )
      ).subordinates ?? [];
    const ids = (rows: { employee: { id: string } }[]) => rows.map((r) => r.employee.id).sort();
    expect(ids(await list(e.kabid as string, '2024-02-01'))).toEqual(
      [e.staff, e.pltSeksi, e.staffSeksi, e.mover].sort(),
    );
    // While the PLT acts, the seksi's staff are the PLT's.
    expect(ids(await list(e.kabid as string, '2024-04-01'))).toEqual([e.staff, e.pltSeksi, e.mover].sort());
    const plt = await list(e.pltSeksi as string, '2024-04-01');
    expect(plt).toEqual([
      expect.objectContaining({ employee: expect.objectContaining({ id: e.staffSeksi }), basis: 'ACTING' }),
    ]);
    expect(ids(await list(e.kadis as string, '2024-02-01'))).toEqual([e.kabid, e.kabid2].sort());
    expect(ids(await list(e.staff as string, '2024-02-01'))).toEqual([]);
  });
});

describe('rater resolution without a regional head account (R5)', () => {
  let harness: IdentityHarness;
  let api: TenantApi;

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    api = new TenantApi(harness, await harness.aTenant({ regionalHead: false }));
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('names the regional head as rater of the top head and says the account is not set; the report lists it', async () => {
    const top = await api.unit('TOP', null, '2024-01-01', 'PERANGKAT_DAERAH');
    const sekda = await api.employee({ name: 'Sekda', unitId: top });
    await api.head(top, sekda);
    const answer = await api.rater(sekda, '2024-02-01');
    expect(answer.rater).toMatchObject({ kind: 'REGIONAL_HEAD' });
    expect(answer.rater.accountSubject ?? '').toBe('');
    expect(answer.explanation).toContain('belum ditetapkan');
    const report = await harness.call<{ employees: { employee: { id: string }; reasonCode: string }[] }>(
      'rpc.identity.report.employees-without-rater',
      { date: '2024-02-01' },
      api.tenant.admin,
    );
    expect(report.employees).toEqual([
      expect.objectContaining({
        employee: expect.objectContaining({ id: sekda }),
        reasonCode: 'REGIONAL_HEAD_NOT_SET',
      }),
    ]);
  });
});
