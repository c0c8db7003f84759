import { create } from '@bufbuild/protobuf';
import { identityV1 } from '@kinerja/contracts';
import type { OrgSnapshot, RaterResolution, RaterRole, RaterStep } from '@kinerja/domain';
import type { PersonRef, UnitOnDate } from './org-snapshot.repository.js';

// R5 works on a plain snapshot; a tenant without a regional head account still resolves up to the top, and the
// answer then says that the account is not set.
export const REGIONAL_HEAD_UNSET = '(belum ditetapkan)';

export type Placement = { employeeId: string; unitId: string; from: string; to: string | null };

export function orgSnapshotOf(
  units: readonly UnitOnDate[],
  placements: readonly Placement[],
  regionalHeadSubject: string | null,
): OrgSnapshot {
  return {
    units: units.map((u) => ({ id: u.id, parentId: u.parentId, headEmployeeId: u.head?.employeeId ?? null })),
    actingAppointments: units.flatMap((u) =>
      u.acting.map((a) => ({ unitId: u.id, employeeId: a.employeeId, kind: a.kind, from: a.from, to: a.to })),
    ),
    assignments: placements.map((p) => ({ employeeId: p.employeeId, unitId: p.unitId, from: p.from, to: p.to })),
    regionalHeadAccountId: regionalHeadSubject || REGIONAL_HEAD_UNSET,
  };
}

type Lookup = { units: ReadonlyMap<string, UnitOnDate>; placements: readonly Placement[] };

function stepView(step: RaterStep, employeeId: string, lookup: Lookup): identityV1.RaterStep {
  const unitId = 'unitId' in step ? step.unitId : '';
  const unit = lookup.units.get(unitId);
  const base = { step: step.step, unitId, unitName: unit?.name ?? '' };
  switch (step.step) {
    case 'ASSIGNED_TO': {
      const placed = lookup.placements.find((p) => p.employeeId === employeeId && p.unitId === step.unitId);
      return create(identityV1.RaterStepSchema, { ...base, from: placed?.from ?? '', to: placed?.to ?? '' });
    }
    case 'HEAD':
      return create(identityV1.RaterStepSchema, {
        ...base,
        employeeId: step.employeeId,
        from: unit?.head?.from ?? '',
        to: unit?.head?.to ?? '',
      });
    case 'ACTING_HEAD': {
      const acting = unit?.acting.find((a) => a.employeeId === step.employeeId);
      return create(identityV1.RaterStepSchema, {
        ...base,
        employeeId: step.employeeId,
        actingKind: step.kind,
        actingId: acting?.id ?? '',
        from: acting?.from ?? '',
        to: acting?.to ?? '',
      });
    }
    case 'EMPLOYEE_IS_HEAD': {
      const acting = unit?.acting.find((a) => a.employeeId === employeeId);
      const held = acting ?? unit?.head;
      return create(identityV1.RaterStepSchema, {
        ...base,
        employeeId,
        actingKind: acting?.kind ?? '',
        actingId: acting?.id ?? '',
        from: held?.from ?? '',
        to: held?.to ?? '',
      });
    }
    case 'VACANT_HEAD':
      return create(identityV1.RaterStepSchema, base);
    case 'REGIONAL_HEAD':
      return create(identityV1.RaterStepSchema, {
        step: step.step,
        accountSubject: step.accountId === REGIONAL_HEAD_UNSET ? '' : step.accountId,
      });
  }
}

function personOf(role: RaterRole, lookup: Lookup): PersonRef | null {
  const unit = role.unitId === null ? undefined : lookup.units.get(role.unitId);
  return unit?.acting.find((a) => a.employeeId === role.id) ?? (unit?.head?.employeeId === role.id ? unit.head : null);
}

export function raterView(role: RaterRole, ratedId: string, lookup: Lookup): identityV1.RaterView {
  const last = role.path.at(-1);
  const path = role.path.map((step) => stepView(step, ratedId, lookup));
  if (role.isRegionalHead)
    return create(identityV1.RaterViewSchema, {
      kind: 'REGIONAL_HEAD',
      basis: 'REGIONAL_HEAD',
      accountSubject: role.id === REGIONAL_HEAD_UNSET ? '' : role.id,
      path,
    });
  const person = personOf(role, lookup);
  return create(identityV1.RaterViewSchema, {
    kind: 'EMPLOYEE',
    employeeId: role.id,
    name: person?.name ?? '',
    nip: person?.nip ?? '',
    positionName: person?.positionName ?? '',
    unitId: role.unitId ?? '',
    basis: last?.step === 'ACTING_HEAD' ? 'ACTING' : 'HEAD',
    path,
  });
}

function label(view: identityV1.RaterView, lookup: Lookup, locale: 'id' | 'en'): string {
  if (view.kind === 'REGIONAL_HEAD') {
    const unset = view.accountSubject === '';
    if (locale === 'id') return unset ? 'kepala daerah (akun belum ditetapkan)' : 'kepala daerah';
    return unset ? 'the regional head (account not set)' : 'the regional head';
  }
  const unit = lookup.units.get(view.unitId)?.name ?? view.unitId;
  const acting = view.path.at(-1)?.actingKind;
  if (locale === 'id') return `${view.name} (${acting ? `${acting} kepala` : 'kepala'} ${unit})`;
  return `${view.name} (${acting ? `${acting} head` : 'head'} of ${unit})`;
}

/** R5, R30: the decision in one sentence per language, with names. */
export function explain(
  resolution: RaterResolution,
  rater: identityV1.RaterView,
  superior: identityV1.RaterView,
  employeeName: string,
  lookup: Lookup,
): { id: string; en: string } {
  const unitId =
    resolution.rater.path[0] && 'unitId' in resolution.rater.path[0] ? resolution.rater.path[0].unitId : '';
  const unit = lookup.units.get(unitId)?.name ?? unitId;
  return {
    id: `Pada ${resolution.date}, ${employeeName} ditempatkan di ${unit}; pejabat penilainya ${label(rater, lookup, 'id')} dan atasan pejabat penilainya ${label(superior, lookup, 'id')}.`,
    en: `On ${resolution.date}, ${employeeName} is placed in ${unit}; the rater is ${label(rater, lookup, 'en')} and the rater's superior is ${label(superior, lookup, 'en')}.`,
  };
}
