import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedChain, approveSkp, buildOrg, draftSkp, type Org, type SkpReply } from './org-fixture.js';
import { startHarness, type Harness } from './harness.js';

// The SKP document (PermenPANRB 6/2022 layout, R8–R10) through the gateway: the PDF read back with poppler's
// pdftotext holds the employee, the raters, every RHK (long ones wrapping over pages), the cited RHK of the rater
// (R9), the expectations (R10), the lampiran and the approval date; English on request; a past version; and the
// SKP's audit trail with named actors, as JSON and CSV (R42). Who may read them is in authorization.int-spec.ts.

const work = mkdtempSync(path.join(tmpdir(), 'skp-document-'));
let files = 0;

function pdfText(bytes: Buffer): { text: string; pages: number } {
  const file = path.join(work, `skp-${(files += 1)}.pdf`);
  writeFileSync(file, bytes);
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext: ${run.stderr}`);
  // pdftotext ends every page with a form feed; words wrapped in a cell come back on several lines.
  return { text: run.stdout.replaceAll(/\s+/g, ' '), pages: run.stdout.split('\f').length - 1 };
}

const words = (seed: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${seed}${i % 7 === 0 ? ' pelayanan' : ''} ${['data', 'laporan', 'kajian'][i % 3]}${i}`,
  )
    .join(' ')
    .slice(0, 990)
    .trim();

describe('SKP document (PDF) and audit trail', () => {
  let h: Harness;
  let org: Org;
  let skp: SkpReply['skp'];
  let nip: string;
  let rhkTexts: string[];
  let kabidRhkText: string;

  beforeAll(async () => {
    h = await startHarness();
    org = await buildOrg(h);
    const p = org.people;
    const chain = await approvedChain(h, org);
    kabidRhkText = 'Hasil kerja 1';
    rhkTexts = [
      ...Array.from({ length: 6 }, (_, i) => `Utama ${i + 1}: ${words(`rhk${i}`, 120)}`),
      ...Array.from({ length: 2 }, (_, i) => `Tambahan ${i + 1}: tersusunnya bahan rapat koordinasi ${i + 1}`),
    ];
    const body = {
      approach: 'KUANTITATIF',
      rhk: rhkTexts.map((text, i) => ({
        jenis: i < 6 ? 'UTAMA' : 'TAMBAHAN',
        text,
        rhkAtasanId: chain.kabidRhk,
        iki: [
          {
            indikator: `Indikator ${i + 1}a: ${words(`iki${i}`, 40)}`,
            aspek: 'KUANTITAS',
            target: { kind: 'NUMERIC', value: 12.5, unit: 'dokumen' },
          },
          {
            indikator: `Indikator ${i + 1}b: ketepatan waktu`,
            aspek: 'WAKTU',
            target: { kind: 'RANGE', min: 10, max: 12, unit: 'bulan' },
            direction: 'LOWER_IS_BETTER',
          },
        ],
      })),
      lampiran: {
        dukunganSumberDaya: ['Komputer jinjing dan pencetak'],
        skemaPertanggungjawaban: ['Laporan triwulanan kepada kepala bidang'],
        konsekuensi: ['Penghargaan bila target tercapai'],
      },
    };
    const draft = await draftSkp(h.api, p.siti, 2026, body);
    const read = await h.api<SkpReply>('GET', `/skps/${draft.id}`, { as: p.kabid });
    const expectations = await h.api('PUT', `/skps/${draft.id}/expectations`, {
      as: p.kabid,
      body: { ekspektasi: { AKUNTABEL: 'Melaporkan kemajuan setiap Jumat', KOLABORATIF: 'Berbagi data antarbidang' } },
      headers: { 'if-match': read.etag ?? '' },
    });
    expect(expectations.status).toBe(200);
    skp = await approveSkp(h.api, draft.id, p.siti, p.kabid);
    nip = (await h.api<{ skp: { employeeNip: string } }>('GET', `/skps/${skp.id}`, { as: p.siti })).body.skp
      .employeeNip as string;
  });

  afterAll(async () => {
    await h.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('prints the approved SKP in Bahasa Indonesia with every RHK, the people, the expectations and the lampiran', async () => {
    const reply = await h.raw('GET', `/skps/${skp.id}/document.pdf`, { as: org.people.siti });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(reply.headers.get('content-disposition')).toBe(`inline; filename="SKP-${nip}-2026.pdf"`);
    expect(reply.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = pdfText(reply.bytes);
    // Six long RHK with their IKI do not fit one page: the table goes on over pages.
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const expected of [
      'SASARAN KINERJA PEGAWAI',
      'PEGAWAI YANG DINILAI',
      'PEJABAT PENILAI KINERJA',
      'ATASAN PEJABAT PENILAI KINERJA',
      'PERIODE PENILAIAN: 1 JANUARI 2026 S.D. 31 DESEMBER 2026',
      'INSTANSI: BKD UJI',
      'Siti Rahmawati',
      nip,
      'Kabid SMA',
      'Kepala Dinas',
      'Penata, III/c',
      'Bidang SMA',
      'A. UTAMA',
      'B. TAMBAHAN',
      'RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI',
      kabidRhkText,
      '12,5 dokumen',
      '10–12 bulan (semakin rendah semakin baik)',
      'Berorientasi Pelayanan',
      'Melaporkan kemajuan setiap Jumat',
      'Berbagi data antarbidang',
      'LAMPIRAN SASARAN KINERJA PEGAWAI',
      'Komputer jinjing dan pencetak',
      'Laporan triwulanan kepada kepala bidang',
      'Penghargaan bila target tercapai',
      'Ditetapkan pada 10 Januari 2026',
      `NIP. ${nip}`,
      ...rhkTexts,
    ])
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    expect(text).not.toContain('BELUM DISETUJUI');
  });

  it('renders to an image with pdftoppm', () => {
    return h.raw('GET', `/skps/${skp.id}/document.pdf`, { as: org.people.kabid }).then((reply) => {
      const file = path.join(work, 'page.pdf');
      writeFileSync(file, reply.bytes);
      const run = spawnSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, path.join(work, 'page')]);
      expect(run.status).toBe(0);
      const png = readFileSync(path.join(work, 'page-1.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(2_000);
    });
  });

  it('prints in English with Accept-Language: en or ?lang=en', async () => {
    for (const [query, headers] of [
      ['', { 'accept-language': 'en-GB,en;q=0.9' }],
      ['?lang=en', {}],
    ] as const) {
      const reply = await h.raw('GET', `/skps/${skp.id}/document.pdf${query}`, { as: org.people.siti, headers });
      expect(reply.status).toBe(200);
      const { text } = pdfText(reply.bytes);
      expect(text).toContain('EMPLOYEE PERFORMANCE TARGETS');
      expect(text).toContain('Approved on 10 January 2026');
      expect(text).toContain("RATER'S SUPERIOR");
      expect(text).toContain('12.5 dokumen');
      for (const rhk of rhkTexts) expect(text).toContain(rhk);
    }
    const indonesian = await h.raw('GET', `/skps/${skp.id}/document.pdf?lang=id`, {
      as: org.people.siti,
      headers: { 'accept-language': 'en' },
    });
    expect(pdfText(indonesian.bytes).text).toContain('SASARAN KINERJA PEGAWAI');
  });

  it('prints a past version on request, the version in force by default, and a draft marked as such', async () => {
    const p = org.people;
    const revised = await h.api<SkpReply>('POST', `/skps/${skp.id}/revise`, {
      as: p.siti,
      body: { reason: 'Perubahan target' },
    });
    expect(revised.status).toBe(200);
    type Content = { approach: string; rhk: { text: string }[]; lampiran: unknown };
    const current = await h.api<{ skp: { working: { content: Content } } }>('GET', `/skps/${skp.id}`, { as: p.siti });
    const content = current.body.skp.working.content;
    const edited = await h.api('PUT', `/skps/${skp.id}`, {
      as: p.siti,
      body: {
        approach: content.approach,
        rhk: content.rhk.map((r, i) => (i === 0 ? { ...r, text: 'Utama 1 direvisi: target baru' } : r)),
        lampiran: content.lampiran,
      },
      headers: { 'if-match': current.etag ?? '' },
    });
    expect(edited.status).toBe(200);

    const inForce = pdfText((await h.raw('GET', `/skps/${skp.id}/document.pdf`, { as: p.siti })).bytes).text;
    expect(inForce).toContain(rhkTexts[0]);
    expect(inForce).toContain('Disetujui (sedang direvisi) · v1');
    const first = pdfText((await h.raw('GET', `/skps/${skp.id}/document.pdf?version=1`, { as: p.siti })).bytes).text;
    expect(first).toContain(rhkTexts[0]);
    const second = pdfText((await h.raw('GET', `/skps/${skp.id}/document.pdf?version=2`, { as: p.kabid })).bytes).text;
    expect(second).toContain('Utama 1 direvisi: target baru');
    expect(second).not.toContain(rhkTexts[0]);
    expect(second).toContain('KONSEP — BELUM DISETUJUI PEJABAT PENILAI KINERJA');
    expect(second).toContain('Konsep · v2');
    expect((await h.raw('GET', `/skps/${skp.id}/document.pdf?version=9`, { as: p.siti })).status).toBe(404);
  });

  it('refuses a bad query with a problem and field errors', async () => {
    for (const query of ['?lang=fr', '?version=0', '?version=x', '?format=docx', `?place=${'x'.repeat(101)}`]) {
      const reply = await h.api<{ code: string; errors: unknown[] }>('GET', `/skps/${skp.id}/document.pdf${query}`, {
        as: org.people.siti,
      });
      expect({ query, status: reply.status, code: reply.body.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const withPlace = await h.raw('GET', `/skps/${skp.id}/document.pdf?place=Semarang`, { as: org.people.siti });
    expect(pdfText(withPlace.bytes).text).toContain('Semarang, 10 Januari 2026');
  });

  it('answers the audit trail with who, when, what, from and to status and reason, as JSON and as CSV (R42)', async () => {
    type Record = { action: string; actorName: string; actorRole: string; fromStatus: string; toStatus: string };
    const trail = await h.api<{ records: Record[]; employeeNip: string; year: number }>(
      'GET',
      `/skps/${skp.id}/audit`,
      { as: org.people.pm },
    );
    expect(trail.status).toBe(200);
    expect(trail.body).toMatchObject({ employeeNip: nip, year: 2026 });
    const decisive = trail.body.records.filter((r) => ['SUBMIT', 'APPROVE', 'REVISE'].includes(r.action));
    expect(decisive).toEqual([
      expect.objectContaining({
        action: 'SUBMIT',
        actorName: 'Siti Rahmawati',
        fromStatus: 'DRAFT',
        toStatus: 'SUBMITTED',
      }),
      expect.objectContaining({ action: 'APPROVE', actorName: 'Kabid SMA', actorRole: 'RATER', toStatus: 'APPROVED' }),
      expect.objectContaining({ action: 'REVISE', actorName: 'Siti Rahmawati', reason: 'Perubahan target' }),
    ]);
    const csv = await h.raw('GET', `/skps/${skp.id}/audit?format=csv`, { as: org.people.kadis });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="SKP-audit-${nip}-2026.csv"`);
    const lines = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('at,actorName,actorNip,actor,actorRole,action,fromStatus,toStatus,versionNumber,reason');
    expect(lines.length).toBe(trail.body.records.length + 1);
    expect(lines.some((l) => l.includes(',Kabid SMA,') && l.includes(',APPROVE,'))).toBe(true);
  });
});
