import { explanation } from '../explain/explanation.js';
import { checkEnum } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import type { OrgToHasilSettings } from '../settings/tenant-settings.js';
import {
  ORG_RATING_LABELS,
  ORG_RATINGS,
  PREDIKAT_LABELS,
  RATING_LABELS,
  RATINGS,
  type OrgRating,
  type Predikat,
  type Rating,
} from './enums.js';

/** R23: predikat by [rating hasil][rating perilaku]. Not monotone on the ordinal scale, so read cell by cell. */
export const PREDIKAT_MATRIX: Readonly<Record<Rating, Readonly<Record<Rating, Predikat>>>> = {
  DI_ATAS: { DI_BAWAH: 'KURANG', SESUAI: 'BAIK', DI_ATAS: 'SANGAT_BAIK' },
  SESUAI: { DI_BAWAH: 'KURANG', SESUAI: 'BAIK', DI_ATAS: 'BAIK' },
  DI_BAWAH: { DI_BAWAH: 'SANGAT_KURANG', SESUAI: 'BUTUH_PERBAIKAN', DI_ATAS: 'BUTUH_PERBAIKAN' },
};

/** R23: the predikat of a rating hasil kerja and a rating perilaku kerja. */
export function predikat(hasil: Rating, perilaku: Rating): Result<Predikat> {
  const invalid = checkEnum('hasil', hasil, RATINGS, ['R23']) ?? checkEnum('perilaku', perilaku, RATINGS, ['R23']);
  if (invalid !== null) return invalid;
  const value = PREDIKAT_MATRIX[hasil][perilaku];
  return ok(
    value,
    explanation({
      decision: 'evaluation.predikat',
      rules: ['R23'],
      inputs: { hasil, perilaku },
      values: { predikat: value },
      text: {
        id: `Hasil kerja ${RATING_LABELS[hasil].id} dan perilaku kerja ${RATING_LABELS[perilaku].id} menghasilkan predikat ${PREDIKAT_LABELS[value].id}.`,
        en: `Results ${RATING_LABELS[hasil].en} and behaviour ${RATING_LABELS[perilaku].en} give the predikat ${PREDIKAT_LABELS[value].en}.`,
      },
    }),
  );
}

/** R24: a unit head's rating hasil is the unit's organisation rating mapped by the tenant; never entered by hand. */
export function unitHeadRatingHasil(organisationRating: OrgRating, orgToHasil: OrgToHasilSettings): Result<Rating> {
  const invalid = checkEnum('organisationRating', organisationRating, ORG_RATINGS, ['R24']);
  if (invalid !== null) return invalid;
  const mapped = orgToHasil[organisationRating];
  const badSetting = checkEnum(`orgToHasil.${organisationRating}`, mapped, RATINGS, ['R24']);
  if (badSetting !== null) return badSetting;
  return ok(
    mapped,
    explanation({
      decision: 'evaluation.unitHeadRatingHasil',
      rules: ['R24'],
      inputs: { organisationRating },
      settings: { orgToHasil },
      values: { ratingHasil: mapped },
      text: {
        id: `Rating hasil kerja kepala unit mengikuti capaian organisasi ${ORG_RATING_LABELS[organisationRating].id}: ${RATING_LABELS[mapped].id}.`,
        en: `The unit head's results rating follows the organisation rating ${ORG_RATING_LABELS[organisationRating].en}: ${RATING_LABELS[mapped].en}.`,
      },
    }),
  );
}

/** R26: a unit's predikats for a period can be finalised only once its organisation rating is set. */
export function canFinalisePredikats(organisationRating: OrgRating | null): Result<boolean> {
  const invalid =
    organisationRating === null ? null : checkEnum('organisationRating', organisationRating, ORG_RATINGS, ['R26']);
  if (invalid !== null) return invalid;
  const allowed = organisationRating !== null;
  return ok(
    allowed,
    explanation({
      decision: 'evaluation.canFinalisePredikats',
      rules: ['R26'],
      inputs: { organisationRating },
      values: { allowed },
      text: allowed
        ? {
            id: 'Capaian kinerja organisasi sudah ditetapkan; predikat pegawai dapat difinalkan.',
            en: 'The organisation rating is set; individual predikats may be finalised.',
          }
        : {
            id: 'Capaian kinerja organisasi belum ditetapkan; predikat pegawai belum dapat difinalkan.',
            en: 'The organisation rating is not set yet; individual predikats cannot be finalised.',
          },
    }),
  );
}
