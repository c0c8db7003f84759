import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import {
  allowedSkpActions,
  positionChange,
  skpFallbackActive,
  skpLateness,
  transitionSkp,
  type SkpAction,
  type SkpActor,
  type SkpStatus,
  type SkpTransitionRequest,
} from './lifecycle.js';

const request = (
  from: SkpStatus,
  action: SkpAction,
  actor: SkpActor,
  patch: Partial<SkpTransitionRequest> = {},
): SkpTransitionRequest => ({
  from,
  action,
  actor,
  actorId: `${actor.toLowerCase()}-1`,
  at: '2024-01-20T10:00:00+07:00',
  reason: null,
  fallbackActive: false,
  ...patch,
});

describe('transitionSkp (R11)', () => {
  it.each([
    ['DRAFT', 'EDIT', 'EMPLOYEE', 'DRAFT'],
    ['DRAFT', 'SUBMIT', 'EMPLOYEE', 'SUBMITTED'],
    ['SUBMITTED', 'APPROVE', 'RATER', 'APPROVED'],
    ['REJECTED', 'EDIT', 'EMPLOYEE', 'DRAFT'],
    ['REVISION', 'CANCEL_REVISION', 'RATER', 'APPROVED'],
    ['REVISION', 'SUPERSEDE', 'SYSTEM', 'CLOSED'],
  ] as const)('R11: %s --%s by %s--> %s', (from, action, actor, to) => {
    expect(valueOf(transitionSkp(request(from, action, actor))).to).toBe(to);
  });

  it('R11: a rejection and a closure need a reason; the audit record keeps it', () => {
    expectError(transitionSkp(request('SUBMITTED', 'REJECT', 'RATER')), 'REASON_REQUIRED');
    const rejected = valueOf(transitionSkp(request('SUBMITTED', 'REJECT', 'RATER', { reason: 'IKI belum terukur' })));
    expect(rejected.audit).toEqual({
      actor: 'RATER',
      actorId: 'rater-1',
      at: '2024-01-20T10:00:00+07:00',
      from: 'SUBMITTED',
      to: 'REJECTED',
      action: 'REJECT',
      reason: 'IKI belum terukur',
    });
    expect(valueOf(transitionSkp(request('APPROVED', 'CLOSE', 'SYSTEM', { reason: 'R6' }))).effects).toEqual([
      'REQUIRE_NEW_SKP',
    ]);
    expect(valueOf(transitionSkp(request('REVISION', 'CLOSE', 'SYSTEM', { reason: 'YEAR_END' }))).to).toBe('CLOSED');
  });

  it('R11: a revision keeps the approved version in force until the new one is approved', () => {
    const revised = valueOf(transitionSkp(request('APPROVED', 'REVISE', 'EMPLOYEE', { reason: 'Tugas tambahan' })));
    expect(revised).toMatchObject({
      to: 'REVISION',
      effects: ['OPEN_REVISION_VERSION', 'APPROVED_VERSION_STAYS_IN_FORCE'],
    });
  });

  it('R11: only the employee edits a draft and only the rater approves or rejects', () => {
    expectError(transitionSkp(request('DRAFT', 'EDIT', 'RATER')), 'ACTOR_NOT_ALLOWED');
    expectError(transitionSkp(request('SUBMITTED', 'APPROVE', 'EMPLOYEE')), 'ACTOR_NOT_ALLOWED');
    expectError(
      transitionSkp(request('SUBMITTED', 'REJECT', 'PERFORMANCE_MANAGER', { reason: 'x', fallbackActive: true })),
      'ACTOR_NOT_ALLOWED',
    );
  });

  it('R11: performance managers draft and approve on the employee’s behalf only when the fallback applies', () => {
    expectError(transitionSkp(request('DRAFT', 'SUBMIT', 'PERFORMANCE_MANAGER')), 'ACTOR_NOT_ALLOWED');
    const approved = transitionSkp(request('SUBMITTED', 'APPROVE', 'PERFORMANCE_MANAGER', { fallbackActive: true }));
    expect(valueOf(approved).to).toBe('APPROVED');
    expect(approved.ok && approved.explanation.values).toMatchObject({ onBehalf: true });
  });

  it('R11: refuses an action from a state that does not allow it, and unknown values', () => {
    expectError(transitionSkp(request('CLOSED', 'EDIT', 'EMPLOYEE')), 'TRANSITION_NOT_ALLOWED');
    expectError(transitionSkp(request('DRAFT', 'APPROVE', 'RATER')), 'TRANSITION_NOT_ALLOWED');
    expectError(transitionSkp(request(bad('ARCHIVED'), 'EDIT', 'EMPLOYEE')), 'UNKNOWN_ENUM');
    expectError(transitionSkp(request('DRAFT', bad('DELETE'), 'EMPLOYEE')), 'UNKNOWN_ENUM');
    expectError(transitionSkp(request('DRAFT', 'EDIT', bad('ADMIN'))), 'UNKNOWN_ENUM');
  });
});

describe('allowedSkpActions (R11)', () => {
  it('R11: lists what an actor may do from a state', () => {
    expect(valueOf(allowedSkpActions('DRAFT', 'EMPLOYEE', false))).toEqual(['EDIT', 'SUBMIT']);
    expect(valueOf(allowedSkpActions('SUBMITTED', 'RATER', false))).toEqual(['APPROVE', 'REJECT']);
    expect(valueOf(allowedSkpActions('SUBMITTED', 'PERFORMANCE_MANAGER', true))).toEqual(['APPROVE']);
    expect(valueOf(allowedSkpActions('SUBMITTED', 'PERFORMANCE_MANAGER', false))).toEqual([]);
    expect(valueOf(allowedSkpActions('CLOSED', 'SYSTEM', false))).toEqual([]);
    expectError(allowedSkpActions(bad('X'), 'SYSTEM', false), 'UNKNOWN_ENUM');
    expectError(allowedSkpActions('DRAFT', bad('X'), false), 'UNKNOWN_ENUM');
  });
});

describe('skpFallbackActive (R11)', () => {
  const settings = { fallbackDay: '01-14' };

  it('R11: opens after 14 January when no SKP exists (both sides)', () => {
    expect(valueOf(skpFallbackActive(2024, '2024-01-14', false, settings))).toBe(false);
    expect(valueOf(skpFallbackActive(2024, '2024-01-15', false, settings))).toBe(true);
    expect(valueOf(skpFallbackActive(2024, '2024-03-01', true, settings))).toBe(false);
    expect(valueOf(skpFallbackActive(2024, '2024-01-21', false, { fallbackDay: '01-21' }))).toBe(false);
  });

  it('R11: refuses a bad year, date or fallback day', () => {
    expectError(skpFallbackActive(1800, '2024-01-15', false, settings), 'OUT_OF_RANGE');
    expectError(skpFallbackActive(2024, '15-01-2024', false, settings), 'INVALID_DATE');
    expectError(skpFallbackActive(2023, '2023-03-01', false, { fallbackDay: '02-29' }), 'INVALID_DATE');
    expectError(skpFallbackActive(2024, '2024-03-01', false, { fallbackDay: bad(14) }), 'INVALID_DATE');
  });
});

describe('skpLateness (R13)', () => {
  it('R13: approved after 31 January of its year is late (both sides)', () => {
    expect(valueOf(skpLateness(2024, '2024-01-31', null))).toEqual({
      late: false,
      deadline: '2024-01-31',
      basis: 'YEAR_START',
    });
    expect(valueOf(skpLateness(2024, '2024-02-01', null)).late).toBe(true);
  });

  it('R13: after a position change, more than 30 days later is late (both sides)', () => {
    expect(valueOf(skpLateness(2024, '2024-07-01', '2024-06-01'))).toEqual({
      late: false,
      deadline: '2024-07-01',
      basis: 'POSITION_CHANGE',
    });
    expect(valueOf(skpLateness(2024, '2024-07-02', '2024-06-01')).late).toBe(true);
  });

  it('R13: refuses an approval before the change and invalid input', () => {
    expectError(skpLateness(2024, '2024-05-01', '2024-06-01'), 'DATES_OUT_OF_ORDER');
    expectError(skpLateness(2024, '2024-05-01', '2024-06-31'), 'INVALID_DATE');
    expectError(skpLateness(2024, 'x', null), 'INVALID_DATE');
    expectError(skpLateness(Number.NaN, '2024-05-01', null), 'INVALID_NUMBER');
  });
});

describe('positionChange (R6)', () => {
  it('R6: the current SKP closes the day before the change and a new SKP is required', () => {
    expect(valueOf(positionChange('2024-01-01', '2024-07-01'))).toEqual({
      closeOn: '2024-06-30',
      newSkpFrom: '2024-07-01',
      newSkpDueBy: '2024-07-31',
      newSkpRequired: true,
    });
    expect(valueOf(positionChange('2024-01-01', '2024-03-01')).closeOn).toBe('2024-02-29');
  });

  it('R6: refuses a change on or before the SKP start, and invalid dates', () => {
    expectError(positionChange('2024-01-01', '2024-01-01'), 'DATES_OUT_OF_ORDER');
    expectError(positionChange('2024-01-01', '2024-13-01'), 'INVALID_DATE');
    expectError(positionChange('nope', '2024-02-01'), 'INVALID_DATE');
  });
});
