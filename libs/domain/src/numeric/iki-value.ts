import { explanation } from '../explain/explanation.js';
import { checkNumber } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';
import { roundHalfAwayFromZero } from './rounding.js';

// R33: nilai capaian IKI per PermenPANRB 8/2021, from capaian c as a ratio (1.00 = 100 %).

export type IkiValueBand = 'SANGAT_KURANG' | 'KURANG' | 'CUKUP' | 'BAIK' | 'SANGAT_BAIK';

export type IkiValue = {
  readonly capaian: number;
  readonly value: number;
  readonly display: number;
  readonly band: IkiValueBand;
  readonly formula: string;
};

function compute(c: number): IkiValue {
  const make = (value: number, band: IkiValueBand, formula: string): IkiValue => ({
    capaian: c,
    value,
    display: roundHalfAwayFromZero(value),
    band,
    formula,
  });
  if (c < 0.6) return make((c / 0.59) * 49, 'SANGAT_KURANG', 'c/0.59·49');
  if (c < 0.8) return make(50 + (c - 0.6) * (19 / 0.19), 'KURANG', '50 + (c − 0.60)·(19/0.19)');
  if (c < 1) return make(70 + (c - 0.8) * (19 / 0.19), 'CUKUP', '70 + (c − 0.80)·(19/0.19)');
  if (c === 1) return make(109, 'BAIK', '109');
  if (c <= 1.1)
    return make(
      Math.min(120, Math.max(110, 110 + (c - 1.01) * (10 / 0.09))),
      'SANGAT_BAIK',
      'clamp(110 + (c − 1.01)·(10/0.09), 110, 120)',
    );
  return make(120, 'SANGAT_BAIK', '120');
}

/** R33: the IKI value from capaian; bands are compared on the unrounded capaian (R34). */
export function ikiValue(capaian: number): Result<IkiValue> {
  const invalid = checkNumber('capaian', capaian, { min: 0 }, ['R33']);
  if (invalid !== null) return invalid;
  const result = compute(capaian);
  return ok(
    result,
    explanation({
      decision: 'numeric.ikiValue',
      rules: ['R33', 'R34'],
      inputs: { capaian },
      values: { value: result.value, display: result.display, band: result.band, formula: result.formula },
      text: {
        id: `Capaian ${roundHalfAwayFromZero(capaian * 100)}% memberi nilai IKI ${result.display} (rumus ${result.formula}).`,
        en: `Capaian ${roundHalfAwayFromZero(capaian * 100)}% gives an IKI value of ${result.display} (formula ${result.formula}).`,
      },
    }),
  );
}
