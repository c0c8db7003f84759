import { addDays, dayBefore } from './dates.js';

// A history of dated terms (R3–R5): a unit's parent, a unit's head, an employee's placement, an employee's status.
// Terms are inclusive `[from, to]`, `to = null` is open, and they never overlap. A change takes effect from a date:
// the term running then ends the day before and the new one starts. History is not rewritten: a change may not take
// effect before the latest term's start; a change on that same date replaces the latest term (a correction).

export type Term<V> = { readonly from: string; readonly to: string | null; readonly value: V };

export type TermChange<V> =
  | {
      readonly ok: true;
      readonly changed: boolean;
      readonly terms: readonly Term<V>[];
      /** The term in force the day before the change, if any, as it stands after the change. */
      readonly previous: Term<V> | null;
      /** The term the change started; null when the change ends a term (a vacancy). */
      readonly current: Term<V> | null;
    }
  | { readonly ok: false; readonly latestFrom: string };

const covers = <V>(term: Term<V>, date: string): boolean => term.from <= date && (term.to === null || date <= term.to);

export function termOn<V>(terms: readonly Term<V>[], date: string): Term<V> | null {
  return terms.find((term) => covers(term, date)) ?? null;
}

/** The latest term if it is open (what "current" means on the aggregate's row). */
export function openTerm<V>(terms: readonly Term<V>[]): Term<V> | null {
  const last = terms.at(-1);
  return last && last.to === null ? last : null;
}

/**
 * Sets `value` from `from` on (`null` ends the running term: a vacancy). `same` tells whether two values are the
 * same, so that setting what already holds changes nothing.
 */
export function changeFrom<V>(
  history: readonly Term<V>[],
  from: string,
  value: V | null,
  same: (a: V, b: V) => boolean,
): TermChange<V> {
  const change = apply(history, from, value, same);
  // The term before the change as it stands after it (ended the day before).
  return change.ok ? { ...change, previous: termOn(change.terms, dayBefore(from)) } : change;
}

function apply<V>(
  history: readonly Term<V>[],
  from: string,
  value: V | null,
  same: (a: V, b: V) => boolean,
): TermChange<V> {
  const terms = [...history].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const last = terms.at(-1);
  if (last && from < last.from) return { ok: false, latestFrom: last.from };
  const previous = null;
  const unchanged = { ok: true as const, changed: false, terms, previous, current: termOn(terms, from) };

  if (last && from === last.from) {
    // A correction of the latest change: it never happened, and the new value (if any) starts on the same day.
    const before = terms.slice(0, -1);
    const prior = before.at(-1);
    if (value === null) return { ok: true, changed: true, terms: before, previous, current: null };
    if (last.to === null && same(last.value, value)) return unchanged;
    if (prior && prior.to === dayBefore(from) && same(prior.value, value)) {
      // Undoing the latest change: the term before it simply continues.
      const reopened = { ...prior, to: null };
      return { ok: true, changed: true, terms: [...before.slice(0, -1), reopened], previous, current: reopened };
    }
    const current = { from, to: null, value };
    return { ok: true, changed: true, terms: [...before, current], previous, current };
  }

  const running = last && (last.to === null || last.to >= from) ? last : null;
  if (value === null) {
    if (!running) return unchanged;
    const closed = { ...running, to: dayBefore(from) };
    return { ok: true, changed: true, terms: [...terms.slice(0, -1), closed], previous, current: null };
  }
  if (running && same(running.value, value)) {
    if (running.to === null) return unchanged;
    const extended = { ...running, to: null };
    return { ok: true, changed: true, terms: [...terms.slice(0, -1), extended], previous, current: extended };
  }
  const kept = running ? [...terms.slice(0, -1), { ...running, to: dayBefore(from) }] : terms;
  const current = { from, to: null, value };
  return { ok: true, changed: true, terms: [...kept, current], previous, current };
}

/** The dates on which any of `terms` starts or ends, from `from` on: where a structure can change. */
export function changeDates<V>(terms: readonly Term<V>[], from: string): string[] {
  const dates = new Set<string>([from]);
  for (const term of terms) {
    if (term.from > from) dates.add(term.from);
    if (term.to !== null && term.to >= from) dates.add(addDays(term.to, 1));
  }
  return [...dates].sort();
}
