import type { UnitOnDate } from './org-snapshot.repository.js';

/** R5: who heads the unit on the snapshot's date for rating: the acting head (PLT/PLH) over the definitive head. */
export function effectiveHead(unit: UnitOnDate): { employeeId: string; basis: 'HEAD' | 'ACTING' } | null {
  const [acting] = unit.acting;
  if (acting) return { employeeId: acting.employeeId, basis: 'ACTING' };
  return unit.head ? { employeeId: unit.head.employeeId, basis: 'HEAD' } : null;
}
