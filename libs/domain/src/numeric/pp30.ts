import { explanation } from '../explain/explanation.js';
import { checkNumber } from '../explain/guards.js';
import { failure, ok, type Result } from '../explain/result.js';
import type { Pp30Settings } from '../settings/tenant-settings.js';
import { roundHalfAwayFromZero } from './rounding.js';

// R32: PP 30/2019 Art. 41, numeric mode used until PermenPANRB 6/2022.
export const PP30_PREDIKATS = ['SANGAT_BAIK', 'BAIK', 'CUKUP', 'KURANG', 'SANGAT_KURANG'] as const;
export type Pp30Predikat = (typeof PP30_PREDIKATS)[number];

export type Pp30Result = {
  readonly nilai: number;
  readonly display: number;
  readonly weights: { readonly skp: number; readonly perilaku: number };
  readonly predikat: Pp30Predikat;
};

/** R32 predikat of a nilai kinerja (unrounded); SANGAT_BAIK also needs a recorded innovation. */
export function pp30Predikat(nilai: number, hasInnovation: boolean): Pp30Predikat {
  if (nilai >= 110 && nilai <= 120 && hasInnovation) return 'SANGAT_BAIK';
  return nilai >= 90 ? 'BAIK' : nilai >= 70 ? 'CUKUP' : nilai >= 50 ? 'KURANG' : 'SANGAT_KURANG';
}

/** R32: nilai = 0.7·SKP + 0.3·perilaku, or 0.6/0.4 when the tenant uses peer review. */
export function pp30Nilai(
  nilaiSkp: number,
  nilaiPerilaku: number,
  hasInnovation: boolean,
  settings: Pp30Settings,
): Result<Pp30Result> {
  const invalid =
    checkNumber('nilaiSkp', nilaiSkp, { min: 0 }, ['R32']) ??
    checkNumber('nilaiPerilaku', nilaiPerilaku, { min: 0 }, ['R32']);
  if (invalid !== null) return invalid;
  if (typeof hasInnovation !== 'boolean' || typeof settings.peerReview !== 'boolean') {
    return failure(
      'INVALID_INPUT',
      {
        id: 'hasInnovation dan pp30.peerReview harus benar/salah.',
        en: 'hasInnovation and pp30.peerReview must be booleans.',
      },
      { rules: ['R32'] },
    );
  }
  const weights = settings.peerReview ? { skp: 0.6, perilaku: 0.4 } : { skp: 0.7, perilaku: 0.3 };
  const nilai = weights.skp * nilaiSkp + weights.perilaku * nilaiPerilaku;
  const predikat = pp30Predikat(nilai, hasInnovation);
  const display = roundHalfAwayFromZero(nilai);
  return ok(
    { nilai, display, weights, predikat },
    explanation({
      decision: 'numeric.pp30Nilai',
      rules: ['R32', 'R34'],
      inputs: { nilaiSkp, nilaiPerilaku, hasInnovation },
      settings: { peerReview: settings.peerReview },
      values: { nilai, weights, predikat },
      text: {
        id: `Nilai kinerja (PP 30/2019) = ${weights.skp * 100}% × ${nilaiSkp} + ${weights.perilaku * 100}% × ${nilaiPerilaku} = ${display}, predikat ${predikat}.`,
        en: `Performance score (PP 30/2019) = ${weights.skp * 100}% × ${nilaiSkp} + ${weights.perilaku * 100}% × ${nilaiPerilaku} = ${display}, predikat ${predikat}.`,
      },
    }),
  );
}
