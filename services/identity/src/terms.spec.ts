import { describe, expect, it } from '@jest/globals';
import { changeDates, changeFrom, openTerm, termOn, type Term } from './terms.js';

type Head = { employeeId: string };
const same = (a: Head, b: Head) => a.employeeId === b.employeeId;
const t = (from: string, to: string | null, employeeId: string): Term<Head> => ({ from, to, value: { employeeId } });
const show = (terms: readonly Term<Head>[]) => terms.map((x) => `${x.value.employeeId} ${x.from}..${x.to ?? ''}`);

describe('dated terms (R3–R5 histories)', () => {
  const budi = [t('2024-01-01', null, 'budi')];

  it('starts a history', () => {
    const change = changeFrom<Head>([], '2024-01-01', { employeeId: 'budi' }, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..']);
    expect(change.ok && change.previous).toBeNull();
  });

  it('ends the running term the day before the change', () => {
    const change = changeFrom(budi, '2024-07-01', { employeeId: 'siti' }, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..2024-06-30', 'siti 2024-07-01..']);
    expect(change.ok && change.previous?.value.employeeId).toBe('budi');
    expect(change.ok && change.current?.value.employeeId).toBe('siti');
  });

  it('ends the running term for a vacancy and starts nothing', () => {
    const change = changeFrom(budi, '2024-03-01', null, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..2024-02-29']);
    expect(change.ok && change.current).toBeNull();
  });

  it('leaves a gap when the new term starts after a vacancy', () => {
    const vacant = [t('2024-01-01', '2024-02-29', 'budi')];
    const change = changeFrom(vacant, '2024-05-01', { employeeId: 'siti' }, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..2024-02-29', 'siti 2024-05-01..']);
    expect(change.ok && change.previous).toBeNull();
  });

  it('changes nothing when the value already holds, or a vacancy is set twice', () => {
    expect(changeFrom(budi, '2024-05-01', { employeeId: 'budi' }, same)).toMatchObject({ ok: true, changed: false });
    const vacant = [t('2024-01-01', '2024-02-29', 'budi')];
    expect(changeFrom(vacant, '2024-05-01', null, same)).toMatchObject({ ok: true, changed: false });
    expect(changeFrom<Head>([], '2024-05-01', null, same)).toMatchObject({ ok: true, changed: false });
  });

  it('reopens a term that was set to end when the same value is set again', () => {
    const ending = [t('2024-01-01', '2024-12-31', 'budi')];
    const change = changeFrom(ending, '2024-06-01', { employeeId: 'budi' }, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..']);
  });

  it('refuses a change before the latest change: history is not rewritten', () => {
    const two = [t('2024-01-01', '2024-06-30', 'budi'), t('2024-07-01', null, 'siti')];
    expect(changeFrom(two, '2024-06-30', { employeeId: 'agus' }, same)).toEqual({
      ok: false,
      latestFrom: '2024-07-01',
    });
  });

  it('replaces the latest term when the change is on the same date (a correction)', () => {
    const two = [t('2024-01-01', '2024-06-30', 'budi'), t('2024-07-01', null, 'siti')];
    const change = changeFrom(two, '2024-07-01', { employeeId: 'agus' }, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..2024-06-30', 'agus 2024-07-01..']);
    const vacated = changeFrom(two, '2024-07-01', null, same);
    expect(vacated.ok && show(vacated.terms)).toEqual(['budi 2024-01-01..2024-06-30']);
    expect(changeFrom(two, '2024-07-01', { employeeId: 'siti' }, same)).toMatchObject({ changed: false });
  });

  it('undoes the latest change when the correction restores the value before it', () => {
    const two = [t('2024-01-01', '2024-06-30', 'budi'), t('2024-07-01', null, 'siti')];
    const change = changeFrom(two, '2024-07-01', { employeeId: 'budi' }, same);
    expect(change.ok && show(change.terms)).toEqual(['budi 2024-01-01..']);
  });

  it('finds the term on a date and the open term', () => {
    const two = [t('2024-01-01', '2024-06-30', 'budi'), t('2024-07-01', null, 'siti')];
    expect(termOn(two, '2024-06-30')?.value.employeeId).toBe('budi');
    expect(termOn(two, '2023-12-31')).toBeNull();
    expect(openTerm(two)?.value.employeeId).toBe('siti');
    expect(openTerm([t('2024-01-01', '2024-06-30', 'budi')])).toBeNull();
  });

  it('lists the dates from which a structure can change', () => {
    const two = [t('2024-01-01', '2024-06-30', 'budi'), t('2024-09-01', null, 'siti')];
    expect(changeDates(two, '2024-03-01')).toEqual(['2024-03-01', '2024-07-01', '2024-09-01']);
  });
});
