import { expect } from '@jest/globals';
import type { DomainError, DomainErrorCode, Ok, Result } from '../src/index.js';

// Assertions shared by the domain specs. Every successful result is checked for R30: its explanation
// survives a JSON round trip and renders to one non-empty sentence per language.
export function expectOk<T>(result: Result<T>): Ok<T> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  const { explanation } = result;
  expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
  expect(explanation.rules.length).toBeGreaterThan(0);
  for (const sentence of [explanation.text.id, explanation.text.en]) {
    expect(sentence.trim().length).toBeGreaterThan(0);
    expect(sentence).not.toMatch(/\n/);
    // One sentence: no terminator followed by more text.
    expect(sentence).not.toMatch(/[.!?]\s+\S/);
  }
  return result;
}

export function valueOf<T>(result: Result<T>): T {
  return expectOk(result).value;
}

export function expectError<T>(result: Result<T>, code: DomainErrorCode): DomainError {
  if (result.ok) throw new Error(`expected ${code}, got ok: ${result.explanation.text.en}`);
  expect(result.error.code).toBe(code);
  expect(result.error.message).toBe(result.error.text.en);
  expect(result.error.text.id.length).toBeGreaterThan(0);
  return result.error;
}

/** Casts a deliberately wrong value past the type checker, to test runtime guards. */
export function bad<T>(value: unknown): T {
  return value as T;
}
