import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { perilakuRows } from './berakhlak.js';
import { skpCompleteness, type Iki, type RaterSkp, type Rhk, type SkpDraft } from './completeness.js';

const anIki = (patch: Partial<Iki> = {}): Iki => ({
  id: 'iki-1',
  indikator: 'Dokumen tersusun',
  aspek: 'KUANTITAS',
  target: { kind: 'NUMERIC', value: 2, unit: 'dokumen' },
  direction: 'HIGHER_IS_BETTER',
  ...patch,
});
const anRhk = (patch: Partial<Rhk> = {}): Rhk => ({
  id: 'rhk-1',
  jenis: 'UTAMA',
  text: 'Tersusunnya laporan',
  perspektif: null,
  rhkAtasanId: 'atasan-1',
  perjanjianKinerjaRef: null,
  iki: [anIki()],
  ...patch,
});
const aSkp = (patch: Partial<SkpDraft> = {}): SkpDraft => ({
  year: 2024,
  approach: 'KUANTITATIF',
  jenisJabatan: 'PELAKSANA',
  isTopUnitHead: false,
  rhk: [anRhk()],
  perilaku: perilakuRows(),
  lampiran: {
    dukunganSumberDaya: ['Komputer'],
    skemaPertanggungjawaban: ['Laporan triwulan'],
    konsekuensi: ['Penghargaan'],
  },
  ...patch,
});
const rater: RaterSkp = { year: 2024, status: 'APPROVED', rhkIds: ['atasan-1', 'atasan-2'] };
const missing = (skp: SkpDraft, raterSkp: RaterSkp = rater): string[] =>
  valueOf(skpCompleteness(skp, raterSkp)).missing.map((m) => `${m.code}@${m.field}`);

describe('skpCompleteness (R12, R8, R9)', () => {
  it('R12: a complete SKP can be submitted', () => {
    expect(valueOf(skpCompleteness(aSkp(), rater))).toEqual({ complete: true, missing: [] });
  });

  it('R12: needs at least one UTAMA RHK', () => {
    expect(missing(aSkp({ rhk: [anRhk({ jenis: 'TAMBAHAN' })] }))).toEqual(['NO_UTAMA_RHK@rhk']);
    expect(missing(aSkp({ rhk: [] }))).toEqual(['NO_UTAMA_RHK@rhk']);
  });

  it('R12: every RHK has an IKI and every IKI a valid target', () => {
    expect(missing(aSkp({ rhk: [anRhk({ iki: [] })] }))).toEqual(['RHK_WITHOUT_IKI@rhk.0.iki']);
    expect(missing(aSkp({ rhk: [anRhk({ iki: [anIki({ target: null })] })] }))).toEqual([
      'IKI_WITHOUT_TARGET@rhk.0.iki.0.target',
    ]);
    const invalidTargets = [
      { kind: 'NUMERIC' as const, value: Number.NaN, unit: 'x' },
      { kind: 'NUMERIC' as const, value: -1, unit: 'x' },
      { kind: 'RANGE' as const, min: 90, max: 80, unit: '%' },
      { kind: 'RANGE' as const, min: -1, max: 80, unit: '%' },
      { kind: 'RANGE' as const, min: 1, max: Number.NaN, unit: '%' },
      { kind: 'TEXT' as const, text: 'Laporan diterima pimpinan' },
    ];
    for (const target of invalidTargets)
      expect(missing(aSkp({ rhk: [anRhk({ iki: [anIki({ target })] })] }))).toEqual([
        'IKI_TARGET_INVALID@rhk.0.iki.0.target',
      ]);
    expect(
      missing(aSkp({ rhk: [anRhk({ iki: [anIki({ target: { kind: 'RANGE', min: 80, max: 90, unit: '%' } })] })] })),
    ).toEqual([]);
  });

  it('R8: text targets belong to KUALITATIF SKPs and must not be empty', () => {
    const qualitative = (text: string) =>
      aSkp({ approach: 'KUALITATIF', rhk: [anRhk({ iki: [anIki({ target: { kind: 'TEXT', text } })] })] });
    expect(missing(qualitative('Laporan diterima pimpinan tanpa revisi'))).toEqual([]);
    expect(missing(qualitative(' '))).toEqual(['IKI_TARGET_INVALID@rhk.0.iki.0.target']);
  });

  it('R8: non-JPT IKIs carry an aspek; JPT RHKs carry a perspektif (R12)', () => {
    expect(missing(aSkp({ rhk: [anRhk({ iki: [anIki({ aspek: null })] })] }))).toEqual([
      'IKI_ASPEK_MISSING@rhk.0.iki.0.aspek',
    ]);
    expect(missing(aSkp({ rhk: [anRhk({ iki: [anIki({ aspek: bad('MUTU') })] })] }))).toEqual([
      'IKI_ASPEK_MISSING@rhk.0.iki.0.aspek',
    ]);
    const jpt = (perspektif: Rhk['perspektif']) =>
      aSkp({ jenisJabatan: 'JPT_PRATAMA', rhk: [anRhk({ perspektif, iki: [anIki({ aspek: null })] })] });
    expect(missing(jpt('PROSES_BISNIS'))).toEqual([]);
    expect(missing(jpt(null))).toEqual(['PERSPEKTIF_MISSING@rhk.0.perspektif']);
    expect(missing(jpt(bad('KEUANGAN')))).toEqual(['PERSPEKTIF_MISSING@rhk.0.perspektif']);
  });

  it("R9: every RHK cites an RHK of the rater's approved SKP for the same year", () => {
    expect(missing(aSkp({ rhk: [anRhk({ rhkAtasanId: null })] }))).toEqual(['CASCADE_MISSING@rhk.0.rhkAtasanId']);
    expect(missing(aSkp({ rhk: [anRhk({ rhkAtasanId: 'other' })] }))).toEqual([
      'CASCADE_NOT_IN_RATER_SKP@rhk.0.rhkAtasanId',
    ]);
    expect(missing(aSkp(), { ...rater, status: 'SUBMITTED' })).toEqual(['CASCADE_RATER_SKP_NOT_APPROVED@raterSkp']);
    expect(missing(aSkp(), { ...rater, year: 2023 })).toEqual(['CASCADE_RATER_SKP_NOT_APPROVED@raterSkp']);
    expect(missing(aSkp(), null)).toEqual(['CASCADE_RATER_SKP_NOT_APPROVED@raterSkp']);
    expect(missing(aSkp(), { ...rater, status: 'REVISION' })).toEqual([]);
  });

  it("R9: the top unit head cites the perjanjian kinerja instead of a rater's RHK", () => {
    const top = (ref: string | null) =>
      aSkp({
        isTopUnitHead: true,
        jenisJabatan: 'JPT_PRATAMA',
        rhk: [
          anRhk({
            rhkAtasanId: null,
            perjanjianKinerjaRef: ref,
            perspektif: 'PENERIMA_LAYANAN',
            iki: [anIki({ aspek: null })],
          }),
        ],
      });
    expect(missing(top('PK-2024-1'), null)).toEqual([]);
    expect(missing(top(null), null)).toEqual(['PERJANJIAN_KINERJA_MISSING@rhk.0.perjanjianKinerjaRef']);
    expect(missing(top(' '), null)).toEqual(['PERJANJIAN_KINERJA_MISSING@rhk.0.perjanjianKinerjaRef']);
  });

  it('R12: the lampiran must be present, and the perilaku rows must be the fixed ones (R10)', () => {
    expect(missing(aSkp({ lampiran: null }))).toEqual(['LAMPIRAN_MISSING@lampiran']);
    expect(missing(aSkp({ perilaku: perilakuRows().slice(1) }))).toContain('PERILAKU_COUNT@perilaku');
  });

  it('R12: lists every missing item at once', () => {
    const result = skpCompleteness(
      aSkp({ rhk: [anRhk({ jenis: 'TAMBAHAN', rhkAtasanId: null, iki: [] })], lampiran: null }),
      null,
    );
    expect(valueOf(result).missing.map((m) => m.code)).toEqual([
      'NO_UTAMA_RHK',
      'RHK_WITHOUT_IKI',
      'CASCADE_RATER_SKP_NOT_APPROVED',
      'CASCADE_MISSING',
      'LAMPIRAN_MISSING',
    ]);
    expect(result.ok && result.explanation.text.en).toContain('5 items missing');
  });

  it('R8: refuses unknown enum values with typed errors', () => {
    expectError(skpCompleteness(aSkp({ approach: bad('CAMPURAN') }), rater), 'UNKNOWN_ENUM');
    expectError(skpCompleteness(aSkp({ jenisJabatan: bad('ESELON_IV') }), rater), 'UNKNOWN_ENUM');
    expectError(skpCompleteness(aSkp({ rhk: bad(null) }), rater), 'INVALID_INPUT');
    expectError(skpCompleteness(aSkp({ rhk: [anRhk({ jenis: bad('LAIN') })] }), rater), 'UNKNOWN_ENUM');
    expectError(skpCompleteness(aSkp({ rhk: [anRhk({ iki: bad('x') })] }), rater), 'INVALID_INPUT');
    expectError(
      skpCompleteness(aSkp({ rhk: [anRhk({ iki: [anIki({ direction: bad('UP') })] })] }), rater),
      'UNKNOWN_ENUM',
    );
    expectError(skpCompleteness(aSkp({ perilaku: bad(null) }), rater), 'INVALID_INPUT');
  });
});
