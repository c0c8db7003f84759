import { describe, expect, it } from '@jest/globals';
import { perilakuRows } from '@kinerja/domain';
import type { SkpContent } from './skp-content.js';
import { diffSkpContent, targetText } from './skp-diff.js';

const base: SkpContent = {
  approach: 'KUANTITATIF',
  rhk: [
    {
      id: 'r1',
      jenis: 'UTAMA',
      text: 'Laporan kinerja',
      perspektif: null,
      rhkAtasanId: 'a1',
      perjanjianKinerjaRef: null,
      iki: [
        {
          id: 'i1',
          indikator: 'Jumlah laporan',
          aspek: 'KUANTITAS',
          direction: 'HIGHER_IS_BETTER',
          target: { kind: 'NUMERIC', value: 10, unit: 'dokumen' },
        },
      ],
    },
  ],
  perilaku: perilakuRows(),
  lampiran: { dukunganSumberDaya: ['Anggaran'], skemaPertanggungjawaban: [], konsekuensi: [] },
};

describe(diffSkpContent.name, () => {
  it('says nothing for equal versions', () => {
    expect(diffSkpContent(base, base)).toEqual([]);
  });

  it('describes changed targets, added and removed rows, lampiran and expectations by stable id', () => {
    const next: SkpContent = {
      ...base,
      rhk: [
        {
          ...(base.rhk[0] as SkpContent['rhk'][number]),
          iki: [
            {
              ...(base.rhk[0]?.iki[0] as SkpContent['rhk'][number]['iki'][number]),
              target: { kind: 'RANGE', min: 10, max: 12, unit: 'dokumen' },
            },
          ],
        },
        {
          id: 'r2',
          jenis: 'TAMBAHAN',
          text: 'Inovasi',
          perspektif: null,
          rhkAtasanId: null,
          perjanjianKinerjaRef: null,
          iki: [],
        },
      ],
      perilaku: perilakuRows().map((row, i) => (i === 1 ? { ...row, ekspektasiKhusus: 'Tepat waktu' } : row)),
      lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: ['Laporan bulanan'], konsekuensi: [] },
    };
    expect(diffSkpContent(base, next).map((c) => [c.kind, c.path, c.description])).toEqual([
      [
        'CHANGED',
        'rhk.r1.iki.i1.target',
        'IKI "Jumlah laporan": target diubah dari "10 dokumen" menjadi "10–12 dokumen".',
      ],
      ['ADDED', 'rhk.r2', 'RHK TAMBAHAN "Inovasi" ditambahkan dengan 0 IKI.'],
      ['REMOVED', 'lampiran.dukunganSumberDaya', 'Dukungan sumber daya: "Anggaran" dihapus.'],
      ['ADDED', 'lampiran.skemaPertanggungjawaban', 'Skema pertanggungjawaban: "Laporan bulanan" ditambahkan.'],
      [
        'CHANGED',
        'perilaku.AKUNTABEL.ekspektasiKhusus',
        'Ekspektasi khusus pimpinan untuk AKUNTABEL diubah menjadi "Tepat waktu".',
      ],
    ]);
    expect(diffSkpContent(next, base).map((c) => c.kind)).toContain('REMOVED');
  });

  it('writes targets as people read them', () => {
    expect(targetText(null)).toBe('(belum ada)');
    expect(targetText({ kind: 'TEXT', text: 'Tepat waktu' })).toBe('Tepat waktu');
  });
});
