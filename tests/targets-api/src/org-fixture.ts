import { randomUUID } from 'node:crypto';
import type { Harness, Person } from './harness.js';

// A small provincial agency: a dinas headed by a JPT, two bidang with their heads, staff, an employee who will act
// as head, and the accounts around them (performance manager, tenant admin, kepala daerah, national monitor, a user
// of another tenant).

export type Org = Awaited<ReturnType<typeof buildOrg>>;

const person = (name: string, roles = ['employee']): Person => ({
  subject: `sub-${name}-${randomUUID().slice(0, 6)}`,
  employeeId: randomUUID(),
  roles,
});

export async function buildOrg(h: Harness) {
  const regionalHead: Person = { subject: `sub-bupati-${randomUUID().slice(0, 6)}`, roles: ['regional-head'] };
  const kadis = person('kadis');
  const kabid = person('kabid');
  const kabid2 = person('kabid2');
  const siti = person('siti');
  const agus = person('agus');
  const rina = person('rina');
  const plt = person('plt');
  const pm: Person = { subject: `sub-pm-${randomUUID().slice(0, 6)}`, roles: ['employee', 'performance-manager'] };
  const admin: Person = { subject: `sub-admin-${randomUUID().slice(0, 6)}`, roles: ['employee', 'tenant-admin'] };
  const monitor: Person = { subject: 'sub-bkn', roles: ['national-monitor'], tenantId: '' };
  const stranger: Person = { ...person('stranger'), tenantId: randomUUID() };

  await h.events.tenant({ timeZone: 'Asia/Jakarta', regionalHeadSubject: regionalHead.subject });
  const dinas = await h.events.unit({ name: 'Dinas Pendidikan', headEmployeeId: kadis.employeeId });
  const bidang = await h.events.unit({ name: 'Bidang SMA', parentId: dinas.id, headEmployeeId: kabid.employeeId });
  const bidang2 = await h.events.unit({ name: 'Bidang SMK', parentId: dinas.id, headEmployeeId: kabid2.employeeId });
  const employ = (p: Person, unitId: string, jenisJabatan: string, name: string) =>
    h.events.employee({ id: p.employeeId, unitId, jenisJabatan, name, accountSubject: p.subject, golongan: 'III/c' });
  await employ(kadis, dinas.id, 'JPT_PRATAMA', 'Kepala Dinas');
  await employ(kabid, bidang.id, 'ADMINISTRATOR', 'Kabid SMA');
  await employ(kabid2, bidang2.id, 'ADMINISTRATOR', 'Kabid SMK');
  await employ(siti, bidang.id, 'PELAKSANA', 'Siti Rahmawati');
  await employ(agus, bidang.id, 'PELAKSANA', 'Agus Wijaya');
  await employ(rina, bidang2.id, 'PELAKSANA', 'Rina Marlina');
  await employ(plt, dinas.id, 'PELAKSANA', 'Dewi Plt');
  await h.settle();
  return {
    units: { dinas: dinas.id, bidang: bidang.id, bidang2: bidang2.id },
    people: { regionalHead, kadis, kabid, kabid2, siti, agus, rina, plt, pm, admin, monitor, stranger },
  };
}

type Api = Harness['api'];

/** An SKP body with one UTAMA RHK per citation, each with one numeric IKI, and the lampiran. */
export function skpBody(cites: { rhkAtasanId?: string; perjanjianKinerjaRef?: string }[], jpt = false) {
  return {
    approach: 'KUANTITATIF',
    rhk: cites.map((cite, i) => ({
      jenis: 'UTAMA',
      text: `Hasil kerja ${i + 1}`,
      ...(jpt ? { perspektif: 'PROSES_BISNIS' } : {}),
      ...cite,
      iki: [
        {
          indikator: `Jumlah dokumen ${i + 1}`,
          ...(jpt ? {} : { aspek: 'KUANTITAS' }),
          target: { kind: 'NUMERIC', value: 10 + i, unit: 'dokumen' },
        },
      ],
    })),
    lampiran: { dukunganSumberDaya: ['Anggaran'], skemaPertanggungjawaban: ['Laporan'], konsekuensi: ['Teguran'] },
  };
}

export type SkpReply = {
  skp: {
    id: string;
    status: string;
    version: string;
    late?: boolean;
    working: { number: number; status: string; content: { rhk: { id: string; iki: { id: string }[] }[] } };
    inForce?: { number: number; status: string };
    allowedActions?: string[];
    endDate: string;
    closeReason?: string;
  };
};

/** Creates an SKP for `year` and fills it; returns the SKP as the API answers after the edit. */
export async function draftSkp(api: Api, as: Person, year: number, body: unknown): Promise<SkpReply['skp']> {
  const created = await api<SkpReply>('POST', '/skps', { as, body: { year } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const edited = await api<SkpReply>('PUT', `/skps/${created.body.skp.id}`, {
    as,
    body,
    headers: { 'if-match': created.etag ?? '' },
  });
  if (edited.status !== 200) throw new Error(`edit: ${edited.status} ${JSON.stringify(edited.body)}`);
  return edited.body.skp;
}

/** Submits as the owner and approves as the rater; returns the approved SKP. */
export async function approveSkp(api: Api, skpId: string, owner: Person, rater: Person): Promise<SkpReply['skp']> {
  const submitted = await api<SkpReply>('POST', `/skps/${skpId}/submit`, { as: owner });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const approved = await api<SkpReply>('POST', `/skps/${skpId}/approve`, { as: rater });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body.skp;
}

/**
 * The cascade's upper links for a year: a perjanjian kinerja, the top head's SKP citing it (approved by the
 * regional head account) and the SMA bidang head's SKP citing the top head (approved by the top head).
 */
export async function approvedChain(h: Harness, org: Org, year = 2026) {
  const p = org.people;
  const agreement = await h.api<{ agreement: { results: { id: string }[] } }>(
    'PUT',
    `/years/${year}/performance-agreement`,
    { as: p.pm, body: { results: [{ text: 'Mutu pendidikan', indicators: [{ text: 'Lulusan', target: '95 %' }] }] } },
  );
  if (agreement.status !== 200) throw new Error(`agreement: ${agreement.status}`);
  const cite = agreement.body.agreement.results[0]?.id;
  const kadis = await draftSkp(h.api, p.kadis, year, skpBody([{ perjanjianKinerjaRef: cite }], true));
  const kadisSkp = await approveSkp(h.api, kadis.id, p.kadis, p.regionalHead);
  const kadisRhk = kadisSkp.working.content.rhk[0]?.id ?? '';
  const kabid = await draftSkp(h.api, p.kabid, year, skpBody([{ rhkAtasanId: kadisRhk }]));
  const kabidSkp = await approveSkp(h.api, kabid.id, p.kabid, p.kadis);
  return { kadisSkp, kadisRhk, kabidSkp, kabidRhk: kabidSkp.working.content.rhk[0]?.id ?? '' };
}
