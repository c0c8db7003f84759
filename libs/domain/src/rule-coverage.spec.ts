import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_IDS, type RuleId } from './explain/explanation.js';

// Every rule of R1–R40 that has a computation must be implemented (cited in code) and tested (cited in a spec).
// R18 (continuous feedback) only records and shows notes: there is nothing to compute.
const WITHOUT_COMPUTATION: readonly RuleId[] = ['R18'];
const COMPUTED_RULES = RULE_IDS.slice(0, 40).filter((id) => !WITHOUT_COMPUTATION.includes(id));

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [{ file: full, text: readFileSync(full, 'utf8') }] : [];
  });
}

const cites = (text: string, id: RuleId): boolean => new RegExp(`\\b${id}\\b`).test(text);

describe('rule coverage (R1–R40)', () => {
  const files = sources(import.meta.dirname).filter((f) => !f.file.endsWith('rule-coverage.spec.ts'));
  const specs = files.filter((f) => f.file.endsWith('.spec.ts'));
  const code = files.filter((f) => !f.file.endsWith('.spec.ts'));

  it('lists 39 rules with a computation', () => {
    expect(COMPUTED_RULES).toHaveLength(39);
  });

  it('every computed rule is cited by a test', () => {
    expect(COMPUTED_RULES.filter((id) => !specs.some((f) => cites(f.text, id)))).toEqual([]);
  });

  it('every computed rule is cited in the code that implements it', () => {
    expect(COMPUTED_RULES.filter((id) => !code.some((f) => cites(f.text, id)))).toEqual([]);
  });
});
