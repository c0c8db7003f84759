import { describe, expect, it } from '@jest/globals';
import { expectError, valueOf } from '../../test/support.js';
import { resolveRater, type OrgSnapshot } from './rater.js';

// Dinas (top) → Bidang → Seksi; the kepala daerah account rates the head of the Dinas.
function anOrg(patch: Partial<OrgSnapshot> = {}): OrgSnapshot {
  return {
    regionalHeadAccountId: 'bupati',
    units: [
      { id: 'dinas', parentId: null, headEmployeeId: 'kadis' },
      { id: 'bidang', parentId: 'dinas', headEmployeeId: 'kabid' },
      { id: 'seksi', parentId: 'bidang', headEmployeeId: 'kasi' },
    ],
    actingAppointments: [],
    assignments: [
      { employeeId: 'staf', unitId: 'seksi', from: '2020-01-01', to: null },
      { employeeId: 'kasi', unitId: 'seksi', from: '2020-01-01', to: null },
      { employeeId: 'kabid', unitId: 'bidang', from: '2020-01-01', to: null },
      { employeeId: 'kadis', unitId: 'dinas', from: '2020-01-01', to: null },
    ],
    ...patch,
  };
}

describe('resolveRater (R5)', () => {
  it("R5: staff are rated by their unit's head; the superior is the head above", () => {
    const value = valueOf(resolveRater(anOrg(), 'staf', '2024-05-01'));
    expect(value.rater).toMatchObject({ id: 'kasi', isRegionalHead: false, unitId: 'seksi' });
    expect(value.rater.path).toEqual([
      { step: 'ASSIGNED_TO', unitId: 'seksi' },
      { step: 'HEAD', unitId: 'seksi', employeeId: 'kasi' },
    ]);
    expect(value.raterSuperior).toMatchObject({ id: 'kabid', unitId: 'bidang' });
  });

  it("R5: a unit head is rated by the parent unit's head", () => {
    const value = valueOf(resolveRater(anOrg(), 'kasi', '2024-05-01'));
    expect(value.rater.id).toBe('kabid');
    expect(value.rater.path[1]).toEqual({ step: 'EMPLOYEE_IS_HEAD', unitId: 'seksi' });
    expect(value.raterSuperior.id).toBe('kadis');
  });

  it("R5: the top unit's head is rated by the regional head, who is also the superior", () => {
    const value = valueOf(resolveRater(anOrg(), 'kadis', '2024-05-01'));
    expect(value.rater).toMatchObject({ id: 'bupati', isRegionalHead: true, unitId: null });
    expect(value.raterSuperior.id).toBe('bupati');
    expect(valueOf(resolveRater(anOrg(), 'kabid', '2024-05-01')).raterSuperior).toMatchObject({
      id: 'bupati',
      isRegionalHead: true,
    });
  });

  it('R5: an acting appointment valid on the date overrides the head, and only on those dates', () => {
    const org = anOrg({
      actingAppointments: [{ unitId: 'seksi', employeeId: 'plt', kind: 'PLT', from: '2024-04-01', to: '2024-06-30' }],
    });
    const during = valueOf(resolveRater(org, 'staf', '2024-06-30'));
    expect(during.rater.id).toBe('plt');
    expect(during.rater.path[1]).toEqual({ step: 'ACTING_HEAD', unitId: 'seksi', employeeId: 'plt', kind: 'PLT' });
    expect(valueOf(resolveRater(org, 'staf', '2024-07-01')).rater.id).toBe('kasi');
    expect(valueOf(resolveRater(org, 'staf', '2024-03-31')).rater.id).toBe('kasi');
  });

  it('R5: an acting head is rated, as superior, from the unit above', () => {
    const org = anOrg({
      actingAppointments: [{ unitId: 'bidang', employeeId: 'plh', kind: 'PLH', from: '2024-05-01', to: '2024-05-03' }],
    });
    expect(valueOf(resolveRater(org, 'staf', '2024-05-02')).raterSuperior.id).toBe('plh');
    expect(valueOf(resolveRater(org, 'kasi', '2024-05-02'))).toMatchObject({
      rater: { id: 'plh' },
      raterSuperior: { id: 'kadis' },
    });
  });

  it('R5: a PLH standing in for a present definitive head rates the staff, never the head', () => {
    const org = anOrg({
      actingAppointments: [{ unitId: 'seksi', employeeId: 'plh', kind: 'PLH', from: '2024-05-01', to: '2024-05-03' }],
    });
    expect(valueOf(resolveRater(org, 'staf', '2024-05-02')).rater.id).toBe('plh');
    const head = valueOf(resolveRater(org, 'kasi', '2024-05-02'));
    expect(head.rater.id).toBe('kabid');
    expect(head.rater.path[1]).toEqual({ step: 'EMPLOYEE_IS_HEAD', unitId: 'seksi' });
    expect(head.raterSuperior.id).toBe('kadis');
  });

  it('R5: a vacant head passes the question up, and the path says so', () => {
    const org = anOrg({ units: anOrg().units.map((u) => (u.id === 'seksi' ? { ...u, headEmployeeId: null } : u)) });
    const value = valueOf(resolveRater(org, 'staf', '2024-05-01'));
    expect(value.rater.id).toBe('kabid');
    expect(value.rater.path[1]).toEqual({ step: 'VACANT_HEAD', unitId: 'seksi' });
  });

  it('R5: history is kept: the assignment valid on the date decides the unit', () => {
    const org = anOrg({
      assignments: [
        { employeeId: 'staf', unitId: 'bidang', from: '2020-01-01', to: '2023-12-31' },
        { employeeId: 'staf', unitId: 'seksi', from: '2024-01-01', to: null },
      ],
    });
    expect(valueOf(resolveRater(org, 'staf', '2023-12-31')).rater.id).toBe('kabid');
    expect(valueOf(resolveRater(org, 'staf', '2024-01-01')).rater.id).toBe('kasi');
  });

  it('R5: refuses missing or ambiguous data with typed errors', () => {
    expectError(resolveRater(anOrg(), 'nobody', '2024-05-01'), 'NO_ASSIGNMENT');
    expectError(
      resolveRater(
        anOrg({
          assignments: [...anOrg().assignments, { employeeId: 'staf', unitId: 'bidang', from: '2024-01-01', to: null }],
        }),
        'staf',
        '2024-05-01',
      ),
      'AMBIGUOUS_ASSIGNMENT',
    );
    const twoActing = anOrg({
      actingAppointments: [
        { unitId: 'seksi', employeeId: 'a', kind: 'PLT', from: '2024-01-01', to: null },
        { unitId: 'seksi', employeeId: 'b', kind: 'PLH', from: '2024-05-01', to: '2024-05-01' },
      ],
    });
    expectError(resolveRater(twoActing, 'staf', '2024-05-01'), 'AMBIGUOUS_ACTING_APPOINTMENT');
    expectError(
      resolveRater(
        anOrg({ assignments: [{ employeeId: 'x', unitId: 'ghost', from: '2020-01-01', to: null }] }),
        'x',
        '2024-05-01',
      ),
      'UNKNOWN_UNIT',
    );
    const cyclic = anOrg({
      units: [
        { id: 'a', parentId: 'b', headEmployeeId: null },
        { id: 'b', parentId: 'a', headEmployeeId: null },
      ],
      assignments: [{ employeeId: 'x', unitId: 'a', from: '2020-01-01', to: null }],
    });
    expectError(resolveRater(cyclic, 'x', '2024-05-01'), 'ORGANISATION_CYCLE');
    const superiorCycle = anOrg({
      units: [
        { id: 'a', parentId: 'b', headEmployeeId: 'h' },
        { id: 'b', parentId: 'a', headEmployeeId: null },
      ],
      assignments: [{ employeeId: 'x', unitId: 'a', from: '2020-01-01', to: null }],
    });
    expectError(resolveRater(superiorCycle, 'x', '2024-05-01'), 'ORGANISATION_CYCLE');
    expectError(resolveRater(anOrg(), 'staf', '2024-5-1'), 'INVALID_DATE');
    expectError(resolveRater(anOrg(), '', '2024-05-01'), 'INVALID_INPUT');
    expectError(resolveRater(anOrg({ regionalHeadAccountId: '' }), 'staf', '2024-05-01'), 'INVALID_INPUT');
  });
});
