import type { JsonObject } from './json.js';

export const RULE_IDS = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R8',
  'R9',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'R16',
  'R17',
  'R18',
  'R19',
  'R20',
  'R21',
  'R22',
  'R23',
  'R24',
  'R25',
  'R26',
  'R27',
  'R28',
  'R29',
  'R30',
  'R31',
  'R32',
  'R33',
  'R34',
  'R35',
  'R36',
  'R37',
  'R38',
  'R39',
  'R40',
  'R41',
  'R42',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Locale = 'id' | 'en';
/** A user-facing sentence in Bahasa Indonesia (`id`, the default) and English (`en`). */
export type LocalizedText = { readonly id: string; readonly en: string };

/**
 * Why a decision came out as it did (R30): the rules applied, the inputs, the tenant settings in force,
 * intermediate numbers and the outcome, plus one short sentence per language. Plain JSON throughout.
 */
export type Explanation = {
  readonly decision: string;
  readonly rules: readonly RuleId[];
  readonly inputs: JsonObject;
  readonly settings: JsonObject;
  readonly values: JsonObject;
  readonly text: LocalizedText;
};

export function explanation(parts: {
  decision: string;
  rules: readonly RuleId[];
  inputs: JsonObject;
  settings?: JsonObject;
  values: JsonObject;
  text: LocalizedText;
}): Explanation {
  return {
    decision: parts.decision,
    rules: parts.rules,
    inputs: parts.inputs,
    settings: parts.settings ?? {},
    values: parts.values,
    text: parts.text,
  };
}

export function renderExplanation(value: Explanation, locale: Locale = 'id'): string {
  return value.text[locale];
}
