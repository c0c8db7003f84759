import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminQuery, IdentityEvents } from '@kinerja/testing';
import { approvedChain, buildOrg, draftSkp, skpBody, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness, type Person } from './harness.js';

type Actor =
  'employee' | 'rater' | 'superior' | 'peer' | 'performanceManager' | 'tenantAdmin' | 'otherTenant' | 'monitor';
const ACTORS: Actor[] = [
  'employee',
  'rater',
  'superior',
  'peer',
  'performanceManager',
  'tenantAdmin',
  'otherTenant',
  'monitor',
];

// R11 and ARCHITECTURE.md "Users", cell by cell through the gateway: for each action on Siti's SKP, who may do it,
// and that every refusal is a 403 (same tenant, or a role the gateway refuses) or a 404 (another tenant: RLS hides
// the SKP) that changes no row and publishes no event.
describe('SKP authorisation matrix (R11, R41)', () => {
  let h: Harness;
  let org: Org;
  let who: Record<Actor, Person>;
  let sitiSkp: string;
  let agusSkp: string;
  let draft2027: string;

  // Every row a refused call could have touched: the SKP, its versions, audit trail, events, and the SKP count.
  const rowsOf = async (id: string) =>
    (
      await adminQuery(
        h.db,
        `SELECT (SELECT row_to_json(s) FROM (SELECT status, version, working_version FROM skp WHERE id = $1) s) AS skp,
           (SELECT json_agg(v ORDER BY number) FROM (SELECT number, status, content FROM skp_version WHERE skp_id = $1) v) AS versions,
           (SELECT count(*)::int FROM skp_audit WHERE skp_id = $1) AS audit,
           (SELECT count(*)::int FROM outbox) AS outbox,
           (SELECT count(*)::int FROM skp) AS skps`,
        [id],
      )
    )[0];

  const refusedStatus = (actor: Actor) => (actor === 'otherTenant' ? 404 : 403);

  async function expectRefused(actor: Actor, id: string, call: () => Promise<{ status: number; body: unknown }>) {
    const before = await rowsOf(id);
    const reply = await call();
    expect({ actor, status: reply.status }).toEqual({ actor, status: refusedStatus(actor) });
    expect(await rowsOf(id)).toEqual(before);
  }

  beforeAll(async () => {
    h = await startHarness();
    org = await buildOrg(h);
    const p = org.people;
    // The other tenant is known to targets too: its user reaches the service and finds nothing of this tenant.
    const other = new IdentityEvents(h.nats, p.stranger.tenantId as string);
    await other.tenant();
    const otherUnit = await other.unit();
    await other.employee({ id: p.stranger.employeeId, unitId: otherUnit.id, accountSubject: p.stranger.subject });
    await h.settle();
    who = {
      employee: p.siti,
      rater: p.kabid,
      superior: p.kadis,
      peer: p.agus,
      performanceManager: p.pm,
      tenantAdmin: p.admin,
      otherTenant: p.stranger,
      monitor: p.monitor,
    };
    const { kabidRhk } = await approvedChain(h, org);
    const cite = skpBody([{ rhkAtasanId: kabidRhk }]);
    sitiSkp = (await draftSkp(h.api, p.siti, 2026, cite)).id;
    agusSkp = (await draftSkp(h.api, p.agus, 2026, cite)).id;
    expect((await h.api('POST', `/skps/${agusSkp}/submit`, { as: p.agus })).status).toBe(200);
  });

  afterAll(() => h.close());

  describe('create', () => {
    const refused = ACTORS.filter((a) => a !== 'employee');
    it.each(refused)('refuses %s creating an SKP for the employee before the fallback day', async (actor) => {
      const before = (await rowsOf(sitiSkp))?.skps;
      const reply = await h.api('POST', '/skps', {
        as: who[actor],
        body: { employeeId: who.employee.employeeId, year: 2027 },
      });
      expect(reply.status).toBe(refusedStatus(actor));
      expect((await rowsOf(sitiSkp))?.skps).toEqual(before);
    });

    it('lets the employee create their own', async () => {
      const reply = await h.api<SkpReply>('POST', '/skps', { as: who.employee, body: { year: 2027 } });
      expect(reply.status).toBe(201);
      expect(reply.headers.get('location')).toBe(`/api/v1/skps/${reply.body.skp.id}`);
      draft2027 = reply.body.skp.id;
    });
  });

  describe('edit', () => {
    const body = skpBody([{}]);
    const edit = async (actor: Actor) => {
      const etag = (await h.api('GET', `/skps/${draft2027}`, { as: who.employee })).etag ?? '';
      return h.api('PUT', `/skps/${draft2027}`, { as: who[actor], body, headers: { 'if-match': etag } });
    };
    it.each(ACTORS.filter((a) => a !== 'employee'))('refuses %s', (actor) =>
      expectRefused(actor, draft2027, () => edit(actor)),
    );
    it('lets the employee edit their draft', async () => expect((await edit('employee')).status).toBe(200));
  });

  describe('submit', () => {
    const submit = (actor: Actor) => h.api('POST', `/skps/${sitiSkp}/submit`, { as: who[actor] });
    it.each(ACTORS.filter((a) => a !== 'employee'))('refuses %s', (actor) =>
      expectRefused(actor, sitiSkp, () => submit(actor)),
    );
    it('lets the employee submit', async () => {
      const reply = await submit('employee');
      expect(reply.status).toBe(200);
      expect((reply.body as SkpReply).skp.status).toBe('SUBMITTED');
    });
  });

  describe('approve', () => {
    const approve = (actor: Actor) => h.api('POST', `/skps/${sitiSkp}/approve`, { as: who[actor] });
    it.each(ACTORS.filter((a) => a !== 'rater'))('refuses %s', (actor) =>
      expectRefused(actor, sitiSkp, () => approve(actor)),
    );
    it('lets the rater approve', async () => {
      const reply = await approve('rater');
      expect(reply.status).toBe(200);
      expect((reply.body as SkpReply).skp.status).toBe('APPROVED');
    });
  });

  describe('reject', () => {
    const reject = (actor: Actor) =>
      h.api('POST', `/skps/${agusSkp}/reject`, {
        as: actor === 'employee' ? who.peer : actor === 'peer' ? who.employee : who[actor],
        body: { reason: 'Target terlalu rendah' },
      });
    it.each(ACTORS.filter((a) => a !== 'rater'))('refuses %s (the owner here is Agus, the peer Siti)', (actor) =>
      expectRefused(actor, agusSkp, () => reject(actor)),
    );
    it('lets the rater reject with a reason', async () => {
      const reply = await reject('rater');
      expect(reply.status).toBe(200);
      expect((reply.body as SkpReply).skp).toMatchObject({ status: 'REJECTED', working: { status: 'REJECTED' } });
    });
  });

  describe('revise', () => {
    const revise = (actor: Actor) =>
      h.api('POST', `/skps/${sitiSkp}/revise`, { as: who[actor], body: { reason: 'Perubahan target' } });
    it.each(ACTORS.filter((a) => a !== 'employee' && a !== 'rater'))('refuses %s', (actor) =>
      expectRefused(actor, sitiSkp, () => revise(actor)),
    );
    it('lets the employee and the rater open a revision', async () => {
      expect((await revise('employee')).status).toBe(200);
      expect((await h.api('POST', `/skps/${sitiSkp}/cancel-revision`, { as: who.employee })).status).toBe(200);
      const reply = await revise('rater');
      expect(reply.status).toBe(200);
      expect((reply.body as SkpReply).skp).toMatchObject({ status: 'REVISION', inForce: { status: 'REVISION' } });
    });
  });

  describe('read', () => {
    const readers: Actor[] = ['employee', 'rater', 'superior', 'performanceManager', 'tenantAdmin'];
    // The document (PDF) and the audit trail (R42) follow GET /skps/{id} exactly.
    const reads = ['', '/history', '/audit', '/audit?format=csv', '/document.pdf'];
    it.each(readers)('lets %s read the SKP, its history, audit trail and document', async (actor) => {
      for (const path of reads)
        expect({ path, status: (await h.raw('GET', `/skps/${sitiSkp}${path}`, { as: who[actor] })).status }).toEqual({
          path,
          status: 200,
        });
    });
    it.each(ACTORS.filter((a) => !readers.includes(a)))('refuses %s', async (actor) => {
      for (const path of reads)
        expect({ path, status: (await h.raw('GET', `/skps/${sitiSkp}${path}`, { as: who[actor] })).status }).toEqual({
          path,
          status: refusedStatus(actor),
        });
    });
  });

  it("answers 404 for another tenant's SKP id in any write, and changes nothing", async () => {
    const p = org.people;
    const ownOfStranger = await h.api<SkpReply>('POST', '/skps', { as: p.stranger, body: { year: 2026 } });
    expect(ownOfStranger.status).toBe(201);
    const id = ownOfStranger.body.skp.id;
    const before = await rowsOf(id);
    for (const action of ['submit', 'approve', 'reject', 'revise'])
      expect((await h.api('POST', `/skps/${id}/${action}`, { as: p.pm, body: { reason: 'x' } })).status).toBe(404);
    expect(
      (await h.api('PUT', `/skps/${id}`, { as: p.siti, body: skpBody([{}]), headers: { 'if-match': '"1"' } })).status,
    ).toBe(404);
    expect((await h.api('GET', `/skps/${id}/rencana-aksi`, { as: p.pm })).status).toBe(404);
    expect((await h.api('GET', `/units/${org.units.bidang}/skp-status?year=2026`, { as: p.stranger })).status).toBe(
      404,
    );
    expect(await rowsOf(id)).toEqual(before);
  });
});
