import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import type { Principal } from '@kinerja/platform/auth';
import type { TenantTx } from '@kinerja/platform/database';
import { AuditRepository, type AuditEntry } from '../audit/audit.repository.js';
import { LEAVING_STATUSES, samePlacement } from '../employees/employee-checks.js';
import { publishEmployee } from '../employees/employee-events.js';
import { toAssignmentMessage, toEmployeeMessage } from '../employees/employee.mapper.js';
import { EmployeeRepository } from '../employees/employee.repository.js';
import { IdentityError } from '../identity-error.js';
import { changeFrom, openTerm } from '../terms.js';
import { publishUnit } from '../units/unit-events.js';
import { UnitHeads } from '../units/unit-heads.js';
import { UnitRepository } from '../units/unit.repository.js';
import type { EmployeePlan, UnitPlan } from './import-plan.js';
import type { RowError } from './import-rows.js';

// Applies a checked import plan, one chunk per transaction (import-runner.ts), with the same effects as the
// single-record API: terms, audit records (R42) and events through the outbox in the chunk's transaction. Creations
// are written in one statement per chunk; changes of known records lock and re-read them first, so a change made
// since the plan was checked is seen (and reported when it now conflicts) rather than overwritten.

export type ChunkResult = { created: number; updated: number; unchanged: number; errors: RowError[] };

const result = (): ChunkResult => ({ created: 0, updated: 0, unchanged: 0, errors: [] });

function conflict(sheet: 'UNOR' | 'PEGAWAI', row: number, column: string, latestFrom: string): RowError {
  return {
    sheet,
    row,
    column,
    code: 'HISTORY_CONFLICT',
    message: `Diubah selama impor: harus pada atau setelah ${latestFrom}.`,
  };
}

@Injectable()
export class ImportWriter {
  constructor(
    private readonly units: UnitRepository,
    private readonly employees: EmployeeRepository,
    private readonly heads: UnitHeads,
    private readonly audit: AuditRepository,
  ) {}

  /** Units without their heads (heads may be employees of the same file, written after the units). */
  async writeUnits(tx: TenantTx, actor: Principal, reason: string, plans: readonly UnitPlan[]): Promise<ChunkResult> {
    const out = result();
    const entries: AuditEntry[] = [];
    for (const plan of plans) {
      if (plan.action === 'unchanged') {
        out.unchanged += 1;
        continue;
      }
      const { row } = plan;
      if (plan.action === 'create') {
        const aggregate = await this.units.insert(
          tx,
          {
            id: plan.id,
            code: row.code,
            name: row.name,
            kind: row.kind,
            parentId: plan.parentId,
            headPositionName: row.headPositionName ?? null,
          },
          plan.from,
        );
        entries.push({
          action: 'unit.created',
          entityType: 'unit',
          entityId: plan.id,
          new: { code: row.code, name: row.name, kind: row.kind, parentId: plan.parentId, from: plan.from },
          reason,
        });
        publishUnit(tx, aggregate, identityV1.UnitCreatedSchema, 'created');
        out.created += 1;
        continue;
      }
      const aggregate = await this.units.aggregate(tx, plan.id, true);
      if (!aggregate) continue;
      let parents = aggregate.parents;
      let moved: { from: string | null; to: string | null } | null = null;
      if (plan.move) {
        const change = changeFrom(
          parents,
          plan.move.from,
          { parentId: plan.move.parentId },
          (a, b) => a.parentId === b.parentId,
        );
        if (!change.ok) {
          out.errors.push(conflict('UNOR', row.row, 'TMT_BERLAKU', change.latestFrom));
          continue;
        }
        if (change.changed) {
          await this.units.replaceParentTerms(tx, plan.id, change.terms);
          parents = [...change.terms];
          moved = { from: change.previous?.value.parentId ?? null, to: plan.move.parentId };
        }
      }
      const changed = Object.keys(plan.changes).length > 0;
      if (!changed && !moved) {
        if (!plan.head) out.unchanged += 1;
        continue;
      }
      const open = parents.at(-1);
      const updated = {
        ...aggregate,
        parents,
        unit: await this.units.update(tx, plan.id, {
          ...plan.changes,
          parentId: open?.to === null ? open.value.parentId : null,
        }),
      };
      if (changed) {
        entries.push({
          action: 'unit.updated',
          entityType: 'unit',
          entityId: plan.id,
          old: Object.fromEntries(Object.keys(plan.changes).map((k) => [k, aggregate.unit[k as 'name']])),
          new: plan.changes,
          reason,
        });
        publishUnit(tx, updated, identityV1.UnitUpdatedSchema, 'updated');
      }
      if (moved && plan.move) {
        entries.push({
          action: 'unit.moved',
          entityType: 'unit',
          entityId: plan.id,
          old: { parentId: moved.from },
          new: { parentId: moved.to, from: plan.move.from },
          reason,
        });
        publishUnit(tx, updated, identityV1.UnitMovedSchema, 'moved', {
          fromParentId: moved.from ?? '',
          toParentId: moved.to ?? '',
          effectiveDate: plan.move.from,
        });
      }
      out.updated += 1;
    }
    await this.audit.record(tx, actor, entries);
    return out;
  }

  /** R5: the definitive heads the file names (NIP_PIMPINAN), after the employees are written. */
  async writeHeads(tx: TenantTx, actor: Principal, reason: string, plans: readonly UnitPlan[]): Promise<ChunkResult> {
    const out = result();
    for (const plan of plans) {
      const head =
        plan.action === 'create'
          ? plan.headId && { employeeId: plan.headId, from: plan.from }
          : plan.action === 'update'
            ? plan.head
            : null;
      if (!head) continue;
      try {
        const { changed } = await this.heads.set(tx, actor, {
          unitId: plan.id,
          employeeId: head.employeeId,
          from: head.from,
          reason,
        });
        if (changed && plan.action === 'update' && Object.keys(plan.changes).length === 0 && !plan.move)
          out.updated += 1;
      } catch (error) {
        if (!(error instanceof IdentityError && error.code === 'HISTORY_CONFLICT')) throw error;
        const message = error.fields[0]?.message ?? error.message;
        out.errors.push({ sheet: 'UNOR', row: plan.row.row, column: 'NIP_PIMPINAN', code: error.code, message });
      }
    }
    return out;
  }

  async writeEmployees(
    tx: TenantTx,
    actor: Principal,
    reason: string,
    plans: readonly EmployeePlan[],
  ): Promise<ChunkResult> {
    const out = result();
    const creates = plans.filter((p): p is Extract<EmployeePlan, { action: 'create' }> => p.action === 'create');
    const rows = await this.employees.insertMany(
      tx,
      creates.map(({ row, id, unitId, placementFrom, statusFrom }) => ({
        tenantId: tx.tenantId,
        id,
        nip: row.nip,
        name: row.name,
        employmentType: row.employmentType,
        status: row.status ?? 'AKTIF',
        unitId,
        positionName: unitId ? (row.placement?.positionName ?? null) : null,
        jenisJabatan: unitId ? (row.placement?.jenisJabatan ?? null) : null,
        jenjang: unitId ? (row.placement?.jenjang ?? null) : null,
        email: row.email ?? null,
        golongan: row.golongan ?? null,
        statusSince: statusFrom,
        birthDate: row.birthDate,
        gender: row.gender,
        placementFrom: unitId ? placementFrom : null,
      })),
    );
    const entries: AuditEntry[] = [];
    const placedFrom = new Map(creates.map((c) => [c.id, c.placementFrom]));
    for (const row of rows) {
      // The new employee's history is what was just inserted: one status term and at most one placement.
      const employee = toEmployeeMessage(row, {
        statuses: [{ from: row.statusSince, to: null, value: { status: row.status } }],
        assignments: row.unitId
          ? [
              {
                from: placedFrom.get(row.id) ?? row.statusSince,
                to: null,
                value: {
                  unitId: row.unitId,
                  positionName: row.positionName,
                  jenisJabatan: row.jenisJabatan,
                  jenjang: row.jenjang,
                  decreeNumber: null,
                },
              },
            ]
          : [],
      });
      tx.outbox.publish(identityV1.EmployeeCreatedSchema, create(identityV1.EmployeeCreatedSchema, { employee }), {
        aggregateType: 'employee',
        aggregateId: row.id,
        event: 'created',
      });
      entries.push({
        action: 'employee.created',
        entityType: 'employee',
        entityId: row.id,
        new: {
          nip: row.nip,
          name: row.name,
          employmentType: row.employmentType,
          status: row.status,
          unitId: row.unitId,
        },
        reason,
      });
    }
    out.created = rows.length;

    for (const plan of plans) {
      if (plan.action === 'unchanged') out.unchanged += 1;
      if (plan.action !== 'update') continue;
      const changed = await this.updateEmployee(tx, actor, reason, plan, entries, out.errors);
      if (changed) out.updated += 1;
      else if (!out.errors.some((e) => e.row === plan.row.row)) out.unchanged += 1;
    }
    await this.audit.record(tx, actor, entries);
    return out;
  }

  private async updateEmployee(
    tx: TenantTx,
    actor: Principal,
    reason: string,
    plan: Extract<EmployeePlan, { action: 'update' }>,
    entries: AuditEntry[],
    errors: RowError[],
  ): Promise<boolean> {
    const current = await this.employees.lockForChange(tx, plan.id);
    const history = await this.employees.history(tx, plan.id);
    const placement =
      plan.placement && changeFrom(history.assignments, plan.placement.from, plan.placement.value, samePlacement);
    if (placement && !placement.ok) {
      errors.push(conflict('PEGAWAI', plan.row.row, 'TMT_JABATAN', placement.latestFrom));
      return false;
    }
    const status =
      plan.status &&
      changeFrom(history.statuses, plan.status.from, { status: plan.status.status }, (a, b) => a.status === b.status);
    if (status && !status.ok) {
      errors.push(conflict('PEGAWAI', plan.row.row, 'TMT_KEDUDUKAN', status.latestFrom));
      return false;
    }
    const changes = Object.fromEntries(
      Object.entries(plan.changes).filter(([key, value]) => current[key as keyof typeof plan.changes] !== value),
    ) as typeof plan.changes;
    const moved = placement?.ok && placement.changed ? placement : null;
    const statusChanged = status?.ok && status.changed ? status : null;
    if (Object.keys(changes).length === 0 && !moved && !statusChanged) return false;

    let row = current;
    if (Object.keys(changes).length > 0) {
      row = await this.employees.update(tx, plan.id, changes);
      entries.push({
        action: 'employee.updated',
        entityType: 'employee',
        entityId: plan.id,
        old: Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof typeof changes]])),
        new: changes,
        reason,
      });
      await publishEmployee(tx, this.employees, row, identityV1.EmployeeUpdatedSchema, 'updated', () => ({}));
    }
    if (moved && plan.placement) {
      await this.employees.replaceAssignments(tx, plan.id, moved.terms);
      const open = openTerm(moved.terms)?.value ?? plan.placement.value;
      row = await this.employees.update(tx, plan.id, {
        unitId: open.unitId,
        positionName: open.positionName,
        jenisJabatan: open.jenisJabatan,
        jenjang: open.jenjang,
      });
      const from = plan.placement.from;
      const ended =
        moved.previous && moved.previous.value.unitId !== plan.placement.value.unitId
          ? await this.heads.endHeadshipsOf(tx, actor, plan.id, from, reason, plan.placement.value.unitId)
          : [];
      entries.push({
        action: 'employee.moved',
        entityType: 'employee',
        entityId: plan.id,
        old: moved.previous ? { ...moved.previous.value, from: moved.previous.from } : null,
        new: { ...plan.placement.value, from, endedHeadshipUnitIds: ended },
        reason,
      });
      await publishEmployee(tx, this.employees, row, identityV1.EmployeeMovedSchema, 'moved', () => ({
        previous: moved.previous ? toAssignmentMessage(moved.previous) : undefined,
        current: moved.current ? toAssignmentMessage(moved.current) : undefined,
        effectiveDate: from,
      }));
    }
    if (statusChanged && plan.status) {
      await this.employees.replaceStatuses(tx, plan.id, statusChanged.terms);
      const open = openTerm(statusChanged.terms);
      row = await this.employees.update(tx, plan.id, {
        status: open?.value.status ?? plan.status.status,
        statusSince: open?.from ?? plan.status.from,
      });
      const ended = LEAVING_STATUSES.has(plan.status.status)
        ? await this.heads.endHeadshipsOf(tx, actor, plan.id, plan.status.from, reason)
        : [];
      const previousStatus = statusChanged.previous?.value.status ?? '';
      entries.push({
        action: 'employee.status-changed',
        entityType: 'employee',
        entityId: plan.id,
        old: { status: previousStatus || null },
        new: { status: plan.status.status, from: plan.status.from, endedHeadshipUnitIds: ended },
        reason,
      });
      await publishEmployee(tx, this.employees, row, identityV1.EmployeeStatusChangedSchema, 'status-changed', () => ({
        previousStatus,
        status: plan.status?.status ?? '',
        effectiveDate: plan.status?.from ?? '',
      }));
    }
    return true;
  }
}
