import { explanation } from '../explain/explanation.js';
import { checkArray, checkNumber } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import type { RatingSettings } from '../settings/tenant-settings.js';
import { RATING_LABELS, type Rating } from './enums.js';

/** One UTAMA IKI with its capaian (R16) as a ratio; `null` when the IKI has no numeric target. */
export type UtamaIkiCapaian = { readonly ikiId: string; readonly capaian: number | null };

export type IkiClass = 'BELOW' | 'AS_EXPECTED' | 'ABOVE';

export type RatingSuggestion = {
  /** `null` when no UTAMA IKI has a numeric target. */
  readonly suggestion: Rating | null;
  readonly below: readonly string[];
  readonly asExpected: readonly string[];
  readonly above: readonly string[];
  /** IKIs left out because they have no numeric target. */
  readonly excluded: readonly string[];
};

/** R25: advisory rating hasil from the UTAMA IKIs' capaian, with its reasons. */
export function suggestRatingHasil(
  utamaIki: readonly UtamaIkiCapaian[],
  settings: RatingSettings,
): Result<RatingSuggestion> {
  const invalid =
    checkArray('utamaIki', utamaIki, { nonEmpty: true }, ['R25']) ??
    checkNumber('rating.aboveThreshold', settings.aboveThreshold, { min: 1 }, ['R25']) ??
    utamaIki
      .map((iki, i) =>
        iki.capaian === null ? null : checkNumber(`utamaIki.${i}.capaian`, iki.capaian, { min: 0 }, ['R25']),
      )
      .find((check) => check !== null) ??
    null;
  if (invalid !== null) return invalid;
  const below: string[] = [];
  const asExpected: string[] = [];
  const above: string[] = [];
  const excluded: string[] = [];
  for (const iki of utamaIki) {
    if (iki.capaian === null) excluded.push(iki.ikiId);
    else if (iki.capaian < 1) below.push(iki.ikiId);
    else if (iki.capaian > settings.aboveThreshold) above.push(iki.ikiId);
    else asExpected.push(iki.ikiId);
  }
  const counted = below.length + asExpected.length + above.length;
  // R25: at least half below → DI_BAWAH; none below and more than half above → DI_ATAS; otherwise SESUAI.
  const suggestion: Rating | null =
    counted === 0
      ? null
      : 2 * below.length >= counted
        ? 'DI_BAWAH'
        : below.length === 0 && 2 * above.length > counted
          ? 'DI_ATAS'
          : 'SESUAI';
  const excludedNote = excluded.length === 0 ? '' : `; ${excluded.length} IKI tanpa target numerik tidak dihitung`;
  const excludedNoteEn =
    excluded.length === 0 ? '' : `; ${excluded.length} IKIs without a numeric target were left out`;
  return ok(
    { suggestion, below, asExpected, above, excluded },
    explanation({
      decision: 'evaluation.suggestRatingHasil',
      rules: ['R25', 'R16'],
      inputs: { utamaIki },
      settings: { aboveThreshold: settings.aboveThreshold },
      values: { counted, below, asExpected, above, excluded, suggestion },
      text:
        suggestion === null
          ? {
              id: `Tidak ada saran: tidak ada IKI utama dengan target numerik${excludedNote}.`,
              en: `No suggestion: no UTAMA IKI has a numeric target${excludedNoteEn}.`,
            }
          : {
              id: `Saran rating hasil kerja ${RATING_LABELS[suggestion].id}: ${below.length} di bawah, ${asExpected.length} sesuai, ${above.length} di atas dari ${counted} IKI utama${excludedNote}.`,
              en: `Suggested results rating ${RATING_LABELS[suggestion].en}: ${below.length} below, ${asExpected.length} as expected, ${above.length} above of ${counted} UTAMA IKIs${excludedNoteEn}.`,
            },
    }),
  );
}
