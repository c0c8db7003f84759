import { explanation } from '../explain/explanation.js';
import { checkNumber } from '../explain/guards.js';
import { ok, type Result } from '../explain/result.js';

/**
 * R34: rounds half away from zero on the decimal digits a person reads (1.005 → 1.01, 5.625 → 5.63).
 * Shifting through the shortest decimal string avoids binary artefacts such as 1.005 × 100 = 100.49999….
 * Values of 1e15 and above have no fractional digits left and come back unchanged.
 */
export function roundHalfAwayFromZero(value: number, decimals = 2): number {
  const magnitude = Math.abs(value);
  if (!Number.isFinite(value) || magnitude >= 1e15) return value;
  const [mantissa, exponent] = magnitude.toExponential().split('e') as [string, string];
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`));
  const rounded = Number(`${shifted}e-${decimals}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** R34: the displayed value (2 decimals by default); comparisons elsewhere keep the unrounded number. */
export function displayValue(value: number, decimals = 2): Result<number> {
  const invalid =
    checkNumber('value', value, {}, ['R34']) ??
    checkNumber('decimals', decimals, { integer: true, min: 0, max: 10 }, ['R34']);
  if (invalid !== null) return invalid;
  const rounded = roundHalfAwayFromZero(value, decimals);
  return ok(
    rounded,
    explanation({
      decision: 'numeric.displayValue',
      rules: ['R34'],
      inputs: { value, decimals },
      values: { rounded },
      text: { id: `${value} dibulatkan menjadi ${rounded}.`, en: `${value} rounds to ${rounded}.` },
    }),
  );
}
