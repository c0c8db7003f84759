import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkArray, checkNumber } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import { roundHalfAwayFromZero } from '../numeric/rounding.js';
import type { IkmSettings } from '../settings/tenant-settings.js';

// R21: indeks kepuasan masyarakat (PermenPANRB 14/2017): 9 elements, each answered 1–4, equal weights.
export const IKM_ELEMENTS = [
  'PERSYARATAN',
  'SISTEM_MEKANISME_PROSEDUR',
  'WAKTU_PENYELESAIAN',
  'BIAYA_TARIF',
  'PRODUK_SPESIFIKASI_JENIS_PELAYANAN',
  'KOMPETENSI_PELAKSANA',
  'PERILAKU_PELAKSANA',
  'PENANGANAN_PENGADUAN',
  'SARANA_PRASARANA',
] as const;
export type IkmElement = (typeof IKM_ELEMENTS)[number];

export const IKM_MUTU = ['A', 'B', 'C', 'D'] as const;
export type IkmMutu = (typeof IKM_MUTU)[number];

export const IKM_MUTU_LABELS: Readonly<Record<IkmMutu, LocalizedText>> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Fair' },
  D: { id: 'Tidak Baik', en: 'Poor' },
};

// Lower bounds of konversi in hundredths: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00.
const MUTU_BOUNDS: readonly (readonly [number, IkmMutu])[] = [
  [8831, 'A'],
  [7661, 'B'],
  [6500, 'C'],
];

/** One survey response: the 9 element scores in IKM_ELEMENTS order, each 1–4. */
export type IkmResponse = readonly number[];

export type IkmResult = {
  readonly responses: number;
  readonly nrr: readonly number[];
  readonly ikm: number;
  readonly konversi: number;
  readonly mutu: IkmMutu;
  /** R21: published only with at least `ikm.minResponses` responses; the count is always shown. */
  readonly published: boolean;
  readonly display: { readonly ikm: number; readonly konversi: number };
};

/** R21: NRR per element, IKM = Σ NRR / 9, konversi = IKM × 25, mutu A–D, and the publication gate. */
export function ikm(responses: readonly IkmResponse[], settings: IkmSettings): Result<IkmResult> {
  const invalid =
    checkArray('responses', responses, { nonEmpty: true }, ['R21']) ??
    checkNumber('ikm.minResponses', settings.minResponses, { integer: true, min: 1 }, ['R21']);
  if (invalid !== null) return invalid;
  const sums: number[] = IKM_ELEMENTS.map(() => 0);
  for (const [r, response] of responses.entries()) {
    if (!Array.isArray(response) || response.length !== IKM_ELEMENTS.length) {
      return failure(
        'INVALID_INPUT',
        { id: `Respons ${r} harus menjawab ke-9 unsur.`, en: `Response ${r} must answer all 9 elements.` },
        { rules: ['R21'] },
      );
    }
    for (const [e, score] of response.entries()) {
      const bad = checkNumber(`responses.${r}.${e}`, score, { integer: true, min: 1, max: 4 }, ['R21']);
      if (bad !== null) return bad;
      sums[e] = (sums[e] as number) + (score as number);
    }
  }
  const n = responses.length;
  const total = sums.reduce((a, b) => a + b, 0);
  const nrr = sums.map((sum) => sum / n);
  const ikmValue = total / n / IKM_ELEMENTS.length;
  const konversi = ikmValue * 25;
  // Exact classification: konversi ≥ T/100 ⇔ 25·total/(9n) ≥ T/100 ⇔ 2500·total ≥ 9·T·n (whole numbers only).
  const mutu = MUTU_BOUNDS.find(([bound]) => 2500 * total >= 9 * bound * n)?.[1] ?? 'D';
  const published = n >= settings.minResponses;
  const display = { ikm: roundHalfAwayFromZero(ikmValue), konversi: roundHalfAwayFromZero(konversi) };
  return ok(
    { responses: n, nrr, ikm: ikmValue, konversi, mutu, published, display },
    explanation({
      decision: 'feedback.ikm',
      rules: ['R21', 'R34'],
      inputs: { responses: n },
      settings: { minResponses: settings.minResponses },
      values: { elementSums: sums, total, nrr, ikm: ikmValue, konversi, mutu, published },
      text: {
        id: `IKM ${display.konversi} (mutu ${mutu}, ${IKM_MUTU_LABELS[mutu].id}) dari ${n} responden${published ? '' : `; belum dipublikasikan, minimal ${settings.minResponses} responden`}.`,
        en: `IKM ${display.konversi} (grade ${mutu}, ${IKM_MUTU_LABELS[mutu].en}) from ${n} responses${published ? '' : `; not published below ${settings.minResponses} responses`}.`,
      },
    }),
  );
}
