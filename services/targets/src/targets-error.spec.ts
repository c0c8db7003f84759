import { describe, expect, it } from '@jest/globals';
import { checkIfMatch, requireUuids, TargetsError } from './targets-error.js';

const codeOf = (run: () => void) => {
  try {
    run();
    return 'passed';
  } catch (error) {
    return error instanceof TargetsError ? error.code : 'untyped';
  }
};

describe(checkIfMatch.name, () => {
  it.each([
    ['"7"', 7, true, 'passed'],
    ['W/"7"', 7, true, 'passed'],
    ['7', 7, false, 'passed'],
    ['"6"', 7, true, 'PRECONDITION_FAILED'],
    ['', 7, true, 'PRECONDITION_REQUIRED'],
    ['', 7, false, 'passed'],
  ] as const)('If-Match %s against version %s (required %s): %s', (given, current, required, expected) => {
    expect(codeOf(() => checkIfMatch(given, current, required))).toBe(expected);
  });
});

describe(requireUuids.name, () => {
  it('accepts UUIDs and the optional empty values, refuses the rest with field errors', () => {
    expect(codeOf(() => requireUuids({ id: '3f1d8f8e-8c1a-4c3e-9a43-1f2d3c4b5a60', a: '' }, ['a']))).toBe('passed');
    expect(codeOf(() => requireUuids({ id: "1' OR 1=1" }))).toBe('VALIDATION_FAILED');
  });
});
