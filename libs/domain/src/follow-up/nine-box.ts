import { PREDIKAT_LABELS, PREDIKATS, RATINGS, type Predikat, type Rating } from '../evaluation/enums.js';
import { explanation, type LocalizedText } from '../explain/explanation.js';
import { checkEnum } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import type { NineBoxSettings } from '../settings/tenant-settings.js';

// R39: nine-box talent mapping (PermenPANRB 3/2020): kinerja from the annual predikat × potensial from an assessment.
export const POTENSIAL = ['RENDAH', 'MENENGAH', 'TINGGI'] as const;
export type Potensial = (typeof POTENSIAL)[number];

export type NineBoxNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const NINE_BOX: Readonly<Record<Rating, Readonly<Record<Potensial, NineBoxNumber>>>> = {
  DI_ATAS: { RENDAH: 4, MENENGAH: 7, TINGGI: 9 },
  SESUAI: { RENDAH: 2, MENENGAH: 5, TINGGI: 8 },
  DI_BAWAH: { RENDAH: 1, MENENGAH: 3, TINGGI: 6 },
};

export const TALENT_POOL_BOXES: readonly NineBoxNumber[] = [7, 8, 9];

// REGULATIONS.md §5.1.
export const NINE_BOX_RECOMMENDATIONS: Readonly<Record<NineBoxNumber, readonly LocalizedText[]>> = {
  9: [
    { id: 'Dipromosikan dan dipertahankan', en: 'Promote and retain' },
    { id: 'Masuk kelompok rencana suksesi instansi/nasional', en: 'Place in the agency/national succession group' },
    { id: 'Mendapat penghargaan', en: 'Give awards' },
  ],
  8: [
    { id: 'Dipertahankan', en: 'Retain' },
    { id: 'Masuk kelompok rencana suksesi instansi', en: 'Place in the agency succession group' },
    { id: 'Rotasi/perluasan jabatan', en: 'Rotation or job enlargement' },
    { id: 'Bimbingan kinerja', en: 'Performance coaching' },
  ],
  7: [
    { id: 'Dipertahankan', en: 'Retain' },
    { id: 'Masuk kelompok rencana suksesi instansi', en: 'Place in the agency succession group' },
    { id: 'Rotasi/pengayaan jabatan', en: 'Rotation or job enrichment' },
    { id: 'Pengembangan kompetensi', en: 'Competency development' },
    { id: 'Tugas belajar', en: 'Study assignment' },
  ],
  6: [
    { id: 'Penempatan yang sesuai', en: 'Suitable placement' },
    { id: 'Bimbingan kinerja', en: 'Performance coaching' },
    { id: 'Konseling kinerja', en: 'Performance counselling' },
  ],
  5: [
    { id: 'Penempatan yang sesuai', en: 'Suitable placement' },
    { id: 'Bimbingan kinerja', en: 'Performance coaching' },
    { id: 'Pengembangan kompetensi', en: 'Competency development' },
  ],
  4: [
    { id: 'Rotasi', en: 'Rotation' },
    { id: 'Pengembangan kompetensi', en: 'Competency development' },
  ],
  3: [
    { id: 'Bimbingan dan konseling kinerja', en: 'Performance coaching and counselling' },
    { id: 'Pengembangan kompetensi', en: 'Competency development' },
    { id: 'Penempatan yang sesuai', en: 'Suitable placement' },
  ],
  2: [
    { id: 'Bimbingan kinerja', en: 'Performance coaching' },
    { id: 'Pengembangan kompetensi', en: 'Competency development' },
    { id: 'Penempatan yang sesuai', en: 'Suitable placement' },
  ],
  1: [{ id: 'Diproses sesuai ketentuan peraturan perundang-undangan', en: 'Process under the applicable regulations' }],
};

export type NineBoxPlacement = {
  readonly kinerja: Rating;
  readonly potensial: Potensial;
  readonly box: NineBoxNumber;
  readonly talentPool: boolean;
  readonly recommendations: readonly LocalizedText[];
};

/** R39: the box, talent-pool membership and recommendations for an annual predikat and a potensial. */
export function nineBox(
  annualPredikat: Predikat,
  potensial: Potensial,
  settings: NineBoxSettings,
): Result<NineBoxPlacement> {
  const invalid =
    checkEnum('annualPredikat', annualPredikat, PREDIKATS, ['R39']) ??
    checkEnum('potensial', potensial, POTENSIAL, ['R39']);
  if (invalid !== null) return invalid;
  const kinerja = settings.kinerjaByPredikat[annualPredikat];
  const badSetting = checkEnum(`nineBox.kinerjaByPredikat.${annualPredikat}`, kinerja, RATINGS, ['R39']);
  if (badSetting !== null) return badSetting;
  const box = NINE_BOX[kinerja][potensial];
  const talentPool = TALENT_POOL_BOXES.includes(box);
  const recommendations = NINE_BOX_RECOMMENDATIONS[box];
  return ok(
    { kinerja, potensial, box, talentPool, recommendations },
    explanation({
      decision: 'followUp.nineBox',
      rules: ['R39'],
      inputs: { annualPredikat, potensial },
      settings: { kinerjaByPredikat: settings.kinerjaByPredikat },
      values: { kinerja, box, talentPool },
      text: {
        id: `Predikat ${PREDIKAT_LABELS[annualPredikat].id} (kinerja ${kinerja}) dan potensial ${potensial}: kotak ${box}${talentPool ? ', masuk kelompok talenta' : ''}.`,
        en: `Predikat ${PREDIKAT_LABELS[annualPredikat].en} (kinerja ${kinerja}) and potential ${potensial}: box ${box}${talentPool ? ', in the talent pool' : ''}.`,
      },
    }),
  );
}
