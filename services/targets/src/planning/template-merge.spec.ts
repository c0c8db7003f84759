import { describe, expect, it } from '@jest/globals';
import { SKP_LIMITS } from '@kinerja/domain';
import { emptyContent, type SkpContent } from '../skp/skp-content.js';
import { mergeTemplate, sameText, type TemplateRhk, type TemplateRows } from './template-merge.js';

const iki = (indikator: string) =>
  ({
    indikator,
    aspek: 'KUANTITAS',
    target: { kind: 'NUMERIC', value: 12, unit: 'dokumen' },
    direction: 'HIGHER_IS_BETTER',
  }) as const;
const row = (text: string, ikis: string[] = ['Jumlah laporan'], rhkAtasanId: string | null = null): TemplateRhk => ({
  jenis: 'UTAMA',
  text,
  perspektif: null,
  rhkAtasanId,
  iki: ikis.map(iki),
});
const template = (rhk: TemplateRhk[], ekspektasi: Record<string, string> = {}, approach = 'KUANTITATIF' as const) =>
  ({ approach, rhk, ekspektasi }) satisfies TemplateRows;

let n = 0;
const options = (keepLinks = true) => ({ keepLinks, newId: () => `id-${++n}` });
const merged = (content: SkpContent, t: TemplateRows, keepLinks = true) => {
  const result = mergeTemplate(content, t, options(keepLinks));
  if (!result.ok) throw new Error(result.reason);
  return result;
};

describe(mergeTemplate.name, () => {
  it('fills an empty SKP with every row, new ids, and the cascade link when kept (R8, R9)', () => {
    const result = merged(emptyContent(), template([row('Laporan keuangan', ['A', 'B'], 'rater-rhk'), row('Rapat')]));
    expect(result).toMatchObject({ rhkAdded: 2, ikiAdded: 3, ekspektasiFilled: 0 });
    expect(result.content.rhk.map((r) => [r.text, r.rhkAtasanId, r.iki.length])).toEqual([
      ['Laporan keuangan', 'rater-rhk', 2],
      ['Rapat', null, 1],
    ]);
    const ids = result.content.rhk.flatMap((r) => [r.id, ...r.iki.map((i) => i.id)]);
    expect(new Set(ids).size).toBe(5);
  });

  it('drops the cascade link when the template owner does not rate the employee', () => {
    const result = merged(emptyContent(), template([row('Laporan', ['A'], 'rater-rhk')]), false);
    expect(result.content.rhk[0]?.rhkAtasanId).toBeNull();
  });

  it('adds nothing the second time: the same rows are NOTHING_TO_ADD (idempotent)', () => {
    const t = template([row('Laporan', ['A', 'B'])], { AKUNTABEL: 'Tepat waktu' });
    const once = merged(emptyContent(), t);
    expect(mergeTemplate(once.content, t, options())).toMatchObject({ ok: false, reason: 'NOTHING_TO_ADD' });
  });

  it('matches RHK and IKI by text regardless of case and spaces, adding only missing IKI under a kept RHK', () => {
    const first = merged(emptyContent(), template([row('Laporan  Keuangan', ['Jumlah laporan'])]));
    const rhkId = first.content.rhk[0]?.id;
    const second = merged(first.content, template([row(' laporan keuangan ', ['JUMLAH LAPORAN', 'Ketepatan'])]));
    expect(second).toMatchObject({ rhkAdded: 0, ikiAdded: 1 });
    expect(second.content.rhk).toHaveLength(1);
    expect(second.content.rhk[0]?.id).toBe(rhkId);
    expect(second.content.rhk[0]?.text).toBe('Laporan  Keuangan');
    expect(second.content.rhk[0]?.iki.map((i) => i.indikator)).toEqual(['Jumlah laporan', 'Ketepatan']);
  });

  it("keeps the employee's own rows untouched and in their order, appending the template's", () => {
    const own = merged(emptyContent(), template([row('Milik pegawai', ['X'], 'old-link')]));
    const next = merged(own.content, template([row('Dari templat', ['Y'], 'new-link'), row('milik pegawai', ['X'])]));
    expect(next.content.rhk.map((r) => [r.text, r.rhkAtasanId])).toEqual([
      ['Milik pegawai', 'old-link'],
      ['Dari templat', 'new-link'],
    ]);
  });

  it('fills ekspektasi khusus only where the perilaku row has none (R10)', () => {
    const content: SkpContent = {
      ...emptyContent(),
      perilaku: emptyContent().perilaku.map((p) =>
        p.value === 'AKUNTABEL' ? { ...p, ekspektasiKhusus: 'Dari atasan' } : p,
      ),
    };
    const result = merged(content, template([], { AKUNTABEL: 'Lain', KOMPETEN: 'Belajar', HARMONIS: '  ' }));
    expect(result.ekspektasiFilled).toBe(1);
    expect(Object.fromEntries(result.content.perilaku.map((p) => [p.value, p.ekspektasiKhusus]))).toMatchObject({
      AKUNTABEL: 'Dari atasan',
      KOMPETEN: 'Belajar',
      HARMONIS: '',
    });
  });

  it('adopts the template approach for an SKP without rows; a text target needs KUALITATIF (R8)', () => {
    const textRow: TemplateRhk = {
      ...row('Kualitatif', []),
      iki: [{ ...iki('Mutu'), target: { kind: 'TEXT', text: 'Baik' } }],
    };
    const qualitative = template([textRow], {}, 'KUALITATIF' as never);
    expect(merged(emptyContent(), qualitative).content.approach).toBe('KUALITATIF');
    const withRows = merged(emptyContent(), template([row('Kuantitatif')]));
    expect(mergeTemplate(withRows.content, qualitative, options())).toMatchObject({
      ok: false,
      reason: 'APPROACH_MISMATCH',
    });
    // Rows with numbers or without IKI fit either approach: the SKP keeps its own.
    const numericRows = template([row('Angka')], {}, 'KUALITATIF' as never);
    expect(merged(withRows.content, numericRows).content.approach).toBe('KUANTITATIF');
  });

  it('refuses a result beyond the RHK and IKI limits (SKP_LIMITS)', () => {
    const full = merged(
      emptyContent(),
      template(Array.from({ length: SKP_LIMITS.rhkPerSkp }, (_, i) => row(`RHK ${i}`))),
    );
    expect(mergeTemplate(full.content, template([row('Satu lagi')]), options())).toMatchObject({
      ok: false,
      reason: 'LIMIT_EXCEEDED',
    });
    const ikis = Array.from({ length: SKP_LIMITS.ikiPerRhk }, (_, i) => `IKI ${i}`);
    const wide = merged(emptyContent(), template([row('Lebar', ikis)]));
    expect(mergeTemplate(wide.content, template([row('Lebar', ['IKI baru'])]), options())).toMatchObject({
      ok: false,
      reason: 'LIMIT_EXCEEDED',
    });
  });
});

describe(sameText.name, () => {
  it.each([
    ['Laporan Keuangan', ' laporan   keuangan ', true],
    ['Laporan', 'Laporan.', false],
    ['ﬁle', 'file', true],
  ])('%j ~ %j is %s', (a, b, same) => {
    expect(sameText(a) === sameText(b)).toBe(same);
  });
});
