import { describe, expect, it } from '@jest/globals';
import { perilakuRows, SKP_LIMITS, type Target } from '@kinerja/domain';
import { maxDocumentBytes, REPLY_ENVELOPE_BYTES } from './skp-document.handler.js';
import {
  documentFilename,
  formatNumber,
  formatTarget,
  LABELS,
  longDate,
  perilakuLabel,
  type SkpDocumentModel,
} from './skp-document.model.js';
import { renderSkpPdf } from './skp-pdf.js';

const person = (name: string) => ({
  name,
  nip: '198501012010012001',
  pangkat: 'Penata, III/c',
  jabatan: 'Analis',
  unit: 'Bidang',
});

/** The largest SKP the limits allow (SKP_LIMITS): every list full, every text at its maximum length. */
function largestSkp(): SkpDocumentModel {
  const text = (n: number, c = 'W') => c.repeat(n);
  return {
    lang: 'id',
    instansi: text(200),
    year: 2026,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    approach: 'KUANTITATIF',
    jenisJabatan: 'PELAKSANA',
    versionNumber: 1,
    versionStatus: 'APPROVED',
    employee: person(text(100)),
    rater: person(text(100)),
    superior: person(text(100)),
    rhk: Array.from({ length: SKP_LIMITS.rhkPerSkp }, (_, i) => ({
      jenis: i % 2 ? 'TAMBAHAN' : 'UTAMA',
      text: text(SKP_LIMITS.text),
      cited: text(SKP_LIMITS.text, 'M'),
      perspektif: null,
      iki: Array.from({ length: SKP_LIMITS.ikiPerRhk }, () => ({
        indikator: text(SKP_LIMITS.text, 'm'),
        aspek: 'KUANTITAS' as const,
        target: { kind: 'NUMERIC', value: 123456.789, unit: text(SKP_LIMITS.targetUnit) } as Target,
        direction: 'LOWER_IS_BETTER' as const,
      })),
    })),
    perilaku: perilakuRows().map((r) => ({ ...r, ekspektasiKhusus: text(SKP_LIMITS.ekspektasi) })),
    lampiran: {
      dukunganSumberDaya: Array.from({ length: SKP_LIMITS.lampiranItems }, () => text(SKP_LIMITS.lampiranItem)),
      skemaPertanggungjawaban: Array.from({ length: SKP_LIMITS.lampiranItems }, () => text(SKP_LIMITS.lampiranItem)),
      konsekuensi: Array.from({ length: SKP_LIMITS.lampiranItems }, () => text(SKP_LIMITS.lampiranItem)),
    },
    approvedOn: '2026-01-20',
    place: text(100),
  };
}

describe('SKP document model', () => {
  it.each([
    ['2026-01-05', 'id', '5 Januari 2026'],
    ['2026-12-31', 'id', '31 Desember 2026'],
    ['2026-08-17', 'en', '17 August 2026'],
  ] as const)('writes %s in %s as %s', (date, lang, expected) => expect(longDate(date, lang)).toBe(expected));

  it('writes numbers the Indonesian way in Bahasa Indonesia', () => {
    expect(formatNumber(1250.5, 'id')).toBe('1.250,5');
    expect(formatNumber(1250.5, 'en')).toBe('1,250.5');
  });

  it.each([
    [{ kind: 'NUMERIC', value: 12, unit: 'dokumen' }, 'HIGHER_IS_BETTER', '12 dokumen'],
    [{ kind: 'RANGE', min: 80, max: 100, unit: '%' }, 'HIGHER_IS_BETTER', '80–100 %'],
    [{ kind: 'NUMERIC', value: 3, unit: 'hari' }, 'LOWER_IS_BETTER', '3 hari (semakin rendah semakin baik)'],
    [{ kind: 'TEXT', text: ' Laporan diterima ' }, 'HIGHER_IS_BETTER', 'Laporan diterima'],
    [null, 'HIGHER_IS_BETTER', '-'],
  ] as const)('writes the target %j (%s) as %s (R8)', (target, direction, expected) =>
    expect(formatTarget(target as Target | null, direction, 'id')).toBe(expected),
  );

  it('names the BerAKHLAK values in both languages (R10)', () => {
    expect(perilakuLabel('BERORIENTASI_PELAYANAN', 'id')).toBe('Berorientasi Pelayanan');
    expect(perilakuLabel('BERORIENTASI_PELAYANAN', 'en')).toBe('Service-oriented');
  });

  it('names the file after the NIP and the year, or the SKP id without a NIP', () => {
    expect(documentFilename('198501012010012001', 'x', 2026)).toBe('SKP-198501012010012001-2026.pdf');
    expect(documentFilename('-', '5b1c', 2026)).toBe('SKP-5b1c-2026.pdf');
  });

  it('has every label in both languages', () => {
    expect(Object.keys(LABELS.en).sort()).toEqual(Object.keys(LABELS.id).sort());
    expect(LABELS.en.hasilKerjaHeaders).toHaveLength(LABELS.id.hasilKerjaHeaders.length);
  });
});

describe('SKP document size (decision 0012)', () => {
  it('keeps the reply limit below the default NATS max_payload, envelope included', () => {
    const limit = maxDocumentBytes(1_048_576);
    expect(Math.ceil(limit / 3) * 4 + REPLY_ENVELOPE_BYTES).toBeLessThanOrEqual(1_048_576);
  });

  it('prints the largest SKP the limits allow within one reply', async () => {
    const pdf = await renderSkpPdf(largestSkp());
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Measured: about 0.5 MB over about 300 pages (decision 0012); the limit is about 0.77 MB.
    expect(pdf.bytes.length).toBeLessThan(maxDocumentBytes(1_048_576));
    expect(pdf.pages).toBeGreaterThan(100);
  }, 60_000);
});
