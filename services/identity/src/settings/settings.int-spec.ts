import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IdentityHarness, TenantApi } from '../../test/identity-harness.js';

type Version = { effectiveFrom: string; overrides?: Record<string, unknown>; rollout?: unknown[]; reason?: string };
type Settings = {
  date: string;
  inForce: Version;
  settings: Record<string, Record<string, unknown>>;
  versions: Version[];
};
type Audit = {
  records?: {
    action: string;
    entityType: string;
    entityId: string;
    oldValue: unknown;
    newValue: unknown;
    reason?: string;
    actorSubject: string;
  }[];
  page?: { nextCursor?: string };
};

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('tenant settings, versioned by effective date (R30), and the audit (R42)', () => {
  let harness: IdentityHarness;
  let api: TenantApi;
  const call = <T>(subject: string, payload: unknown, token = api.tenant.admin) =>
    harness.call<T>(subject, payload, token);
  const fail = (subject: string, payload: unknown) => api.fail(subject, payload);

  beforeAll(async () => {
    harness = await IdentityHarness.start();
    api = new TenantApi(harness, await harness.aTenant());
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('starts with the RULES.md defaults in the tenant time zone', async () => {
    const settings = await call<Settings>('rpc.identity.settings.get', { date: '2024-05-01' }, api.tenant.manager);
    expect(settings.inForce.effectiveFrom).toBe('1900-01-01');
    expect(settings.settings.period).toEqual({ cadence: 'QUARTERLY', inputDeadlineDays: 5 });
    expect(settings.settings.timeZone).toBe('Asia/Jakarta');
  });

  it('saves a version from a future date with overrides and a pilot rollout, in force from that date only', async () => {
    const pilot = await api.unit('PILOT', null);
    const from = future(30);
    const saved = await call<{ version: Version; versions: Version[] }>('rpc.identity.settings.update', {
      effectiveFrom: from,
      overrides: { period: { cadence: 'MONTHLY' }, distribution: { mode: 'ADVISORY' } },
      rollout: [
        { module: 'DAILY_LOG', scope: 'UNITS', unitIds: [pilot] },
        { module: 'TPP', scope: 'ALL' },
      ],
      reason: 'Uji coba di unit percontohan',
    });
    expect(saved.versions.map((v) => v.effectiveFrom)).toEqual(['1900-01-01', from]);
    const before = await call<Settings>('rpc.identity.settings.get', { date: future(29) });
    expect(before.settings.period?.cadence).toBe('QUARTERLY');
    const after = await call<Settings>('rpc.identity.settings.get', { date: from });
    expect(after.settings.period).toEqual({ cadence: 'MONTHLY', inputDeadlineDays: 5 });
    expect(after.inForce.rollout).toEqual([
      { module: 'DAILY_LOG', scope: 'UNITS', unitIds: [pilot] },
      { module: 'TPP', scope: 'ALL' },
    ]);

    // Saving the same date again replaces that version; the audit keeps both states.
    await call('rpc.identity.settings.update', { effectiveFrom: from, overrides: { period: { cadence: 'SEMESTER' } } });
    const audit = await call<Audit>('rpc.identity.audit.list', { entityType: 'settings' });
    expect(audit.records?.map((r) => r.action)).toEqual(['settings.changed', 'settings.changed']);
    expect(audit.records?.[0]).toMatchObject({
      entityId: from,
      oldValue: expect.objectContaining({
        overrides: { period: { cadence: 'MONTHLY' }, distribution: { mode: 'ADVISORY' } },
      }),
      newValue: expect.objectContaining({ overrides: { period: { cadence: 'SEMESTER' } } }),
    });
  });

  it('refuses a past date, invalid overrides, the time zone, a bad rollout and unknown units with field errors', async () => {
    const past = await fail('rpc.identity.settings.update', { effectiveFrom: '2020-01-01' });
    expect(past.fields).toEqual([expect.objectContaining({ field: 'effectiveFrom', code: 'EFFECTIVE_DATE_IN_PAST' })]);
    const invalid = await fail('rpc.identity.settings.update', {
      effectiveFrom: future(5),
      overrides: { period: { cadence: 'WEEKLY', inputDeadlineDays: -1 }, gaji: 1 },
    });
    expect(invalid.fields.map((f) => `${f.field}:${f.code}`).sort()).toEqual([
      'overrides.gaji:UNKNOWN_KEY',
      'overrides.period.cadence:UNKNOWN_ENUM',
      'overrides.period.inputDeadlineDays:OUT_OF_RANGE',
    ]);
    const zone = await fail('rpc.identity.settings.update', {
      effectiveFrom: future(5),
      overrides: { timeZone: 'Asia/Makassar' },
    });
    expect(zone.fields).toEqual([expect.objectContaining({ field: 'overrides.timeZone', code: 'NOT_ALLOWED' })]);
    const rollout = await fail('rpc.identity.settings.update', {
      effectiveFrom: future(5),
      rollout: [
        { module: 'GAJI', scope: 'ALL' },
        { module: 'TPP', scope: 'UNITS' },
      ],
    });
    expect(rollout.fields.map((f) => `${f.field}:${f.code}`)).toEqual([
      'rollout.0.module:UNKNOWN_ENUM',
      'rollout.1.unitIds:REQUIRED',
    ]);
    const unknown = await fail('rpc.identity.settings.update', {
      effectiveFrom: future(5),
      rollout: [{ module: 'TPP', scope: 'UNITS', unitIds: ['00000000-0000-4000-8000-000000000000'] }],
    });
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.fields).toEqual([expect.objectContaining({ field: 'rollout.0.unitIds' })]);
  });

  it('lets only admins and managers read settings, and only tenant admins read the audit', async () => {
    const employee = await api.tenant.tokenOf(await api.employee());
    expect((await harness.failure('rpc.identity.settings.get', {}, employee)).code).toBe('FORBIDDEN');
    expect((await harness.failure('rpc.identity.audit.list', {}, api.tenant.manager)).code).toBe('FORBIDDEN');
  });

  it('records who did what with old and new values, newest first, filtered and paged', async () => {
    const id = await api.employee({ name: 'Audit Satu' });
    await call('rpc.identity.employee.update', { id, name: 'Audit Dua', reason: 'Salah ketik' });
    await call('rpc.identity.employee-status.change', { id, status: 'CLTN', effectiveFrom: '2024-05-01' });
    const { records } = await call<Audit>('rpc.identity.audit.list', { entityType: 'employee', entityId: id });
    expect(records?.map((r) => r.action)).toEqual(['employee.status-changed', 'employee.updated', 'employee.created']);
    expect(records?.[1]).toMatchObject({
      oldValue: { name: 'Audit Satu' },
      newValue: { name: 'Audit Dua' },
      reason: 'Salah ketik',
      actorSubject: expect.any(String),
    });
    const first = await call<Audit>('rpc.identity.audit.list', { entityId: id, page: { limit: 2 } });
    const second = await call<Audit>('rpc.identity.audit.list', {
      entityId: id,
      page: { limit: 2, cursor: first.page?.nextCursor },
    });
    expect([...(first.records ?? []), ...(second.records ?? [])].map((r) => r.action)).toEqual(
      records?.map((r) => r.action),
    );
  });

  it('lets the tenant admin set holidays and the regional head account, with the version checked (If-Match)', async () => {
    const { tenant } = await call<{ tenant: { holidays: string[]; version: string; regionalHeadSubject: string } }>(
      'rpc.identity.tenant.update',
      {
        id: api.tenant.id,
        expectedVersion: '1',
        holidays: { dates: ['2024-12-25', '2024-08-17', '2024-08-17'] },
        regionalHeadSubject: 'kepala-daerah-login',
      },
    );
    expect(tenant).toMatchObject({
      holidays: ['2024-08-17', '2024-12-25'],
      version: '2',
      regionalHeadSubject: 'kepala-daerah-login',
    });
    expect(
      (await fail('rpc.identity.tenant.update', { id: api.tenant.id, expectedVersion: '1', name: 'X' })).code,
    ).toBe('PRECONDITION_FAILED');
    const zone = await fail('rpc.identity.tenant.update', { id: api.tenant.id, timeZone: 'Asia/Jayapura' });
    expect(zone.code).toBe('FORBIDDEN');
    const badDate = await fail('rpc.identity.tenant.update', {
      id: api.tenant.id,
      holidays: { dates: ['2024-13-01'] },
    });
    expect(badDate.fields).toEqual([expect.objectContaining({ field: 'holidays.0', code: 'INVALID_DATE' })]);
    const read = await call<{ tenant: { id: string } }>(
      'rpc.identity.tenant.get',
      { id: api.tenant.id },
      await api.tenant.tokenOf(await api.employee()),
    );
    expect(read.tenant.id).toBe(api.tenant.id);
  });
});
