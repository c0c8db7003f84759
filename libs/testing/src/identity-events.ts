import { randomUUID } from 'node:crypto';
import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { encodeEvent, identityV1 } from '@kinerja/contracts';
import { eventHeader, toNatsHeaders } from '@kinerja/platform/messaging';

// Publishes identity's events as identity's outbox relay would (binary body, CloudEvents headers, per-aggregate
// sequence), keeping each aggregate's whole state so a test can say "move this employee" in one line. Tests pass
// a private `source` (or a private NATS server) so they never write into a real identity stream.

export const EVER = '2000-01-01';

type Init<D extends DescMessage> = MessageInitShape<D>;

export type UnitInit = { id?: string; name?: string; parentId?: string; headEmployeeId?: string; from?: string };
export type EmployeeInit = {
  id?: string;
  name?: string;
  nip?: string;
  unitId: string;
  positionName?: string;
  jenisJabatan?: string;
  status?: string;
  accountSubject?: string;
  from?: string;
  /** R4: golongan ruang (I/a … IV/e). */
  golongan?: string;
};

export class IdentityEvents {
  private readonly js: JetStreamClient;
  private readonly seq = new Map<string, number>();
  private readonly units = new Map<string, identityV1.Unit>();
  private readonly employees = new Map<string, identityV1.Employee>();
  private tenantState: identityV1.Tenant | undefined;
  private nipCounter = 1;

  constructor(
    connection: NatsConnection,
    readonly tenantId: string,
    readonly source = 'identity',
  ) {
    this.js = jetstream(connection);
  }

  /** Publishes one event; returns its id (ce-id). */
  async publish<D extends DescMessage>(
    schema: D,
    message: Init<D>,
    aggregate: { type: string; id: string; event: string },
  ): Promise<string> {
    const key = `${aggregate.type}:${aggregate.id}`;
    const seq = (this.seq.get(key) ?? 0) + 1;
    this.seq.set(key, seq);
    const id = randomUUID();
    await this.js.publish(
      `evt.${this.source}.${this.tenantId}.${aggregate.type}.${aggregate.event}`,
      encodeEvent(schema, message),
      {
        msgID: id,
        headers: toNatsHeaders({
          [eventHeader.id]: id,
          [eventHeader.type]: schema.typeName,
          [eventHeader.source]: `kinerja/${this.source}`,
          [eventHeader.time]: new Date().toISOString(),
          [eventHeader.specVersion]: '1.0',
          [eventHeader.tenant]: this.tenantId,
          [eventHeader.aggregateType]: aggregate.type,
          [eventHeader.aggregateId]: aggregate.id,
          [eventHeader.aggregateSeq]: String(seq),
        }),
      },
    );
    return id;
  }

  async tenant(
    init: { timeZone?: string; regionalHeadSubject?: string; overrides?: Record<string, unknown> } = {},
  ): Promise<identityV1.Tenant> {
    const tenant = create(identityV1.TenantSchema, {
      id: this.tenantId,
      code: `T-${this.tenantId.slice(0, 8).toUpperCase()}`,
      name: 'BKD Uji',
      level: 'PROVINSI',
      timeZone: init.timeZone ?? 'Asia/Jakarta',
      regionalHeadSubject: init.regionalHeadSubject ?? '',
      version: BigInt((this.tenantState?.version ?? 0n) + 1n),
    });
    const first = this.tenantState === undefined;
    this.tenantState = tenant;
    const settings = [{ effectiveFrom: EVER, overridesJson: JSON.stringify(init.overrides ?? {}) }];
    if (first)
      await this.publish(identityV1.TenantCreatedSchema, { tenant, settings }, this.aggregate('tenant', 'created'));
    else await this.publish(identityV1.TenantUpdatedSchema, { tenant }, this.aggregate('tenant', 'updated'));
    return tenant;
  }

  async settings(versions: { effectiveFrom: string; overrides: Record<string, unknown> }[]): Promise<void> {
    await this.publish(
      identityV1.TenantSettingsChangedSchema,
      {
        tenantId: this.tenantId,
        settings: versions.map((v) => ({ effectiveFrom: v.effectiveFrom, overridesJson: JSON.stringify(v.overrides) })),
      },
      this.aggregate('tenant', 'settings-changed'),
    );
  }

  async unit(init: UnitInit = {}): Promise<identityV1.Unit> {
    const id = init.id ?? randomUUID();
    const from = init.from ?? EVER;
    const unit = create(identityV1.UnitSchema, {
      id,
      tenantId: this.tenantId,
      code: `U-${id.slice(0, 6)}`,
      name: init.name ?? `Unit ${id.slice(0, 4)}`,
      kind: init.parentId ? 'BIDANG' : 'PERANGKAT_DAERAH',
      parentId: init.parentId ?? '',
      headEmployeeId: init.headEmployeeId ?? '',
      parents: [{ parentId: init.parentId ?? '', from }],
      heads: init.headEmployeeId ? [{ employeeId: init.headEmployeeId, from }] : [],
      active: true,
      version: 1n,
    });
    this.units.set(id, unit);
    await this.publish(identityV1.UnitCreatedSchema, { unit }, { type: 'unit', id, event: 'created' });
    return unit;
  }

  /** The definitive head changes from `from` (the previous term ends the day before). */
  async unitHead(unitId: string, employeeId: string, from: string): Promise<identityV1.Unit> {
    const unit = this.units.get(unitId);
    if (!unit) throw new Error(`unknown unit ${unitId}`);
    const heads = unit.heads.map((h) => (h.to === '' ? { ...h, to: dayBefore(from) } : h));
    const next = create(identityV1.UnitSchema, {
      ...unit,
      headEmployeeId: employeeId,
      heads: [...heads, create(identityV1.UnitHeadTermSchema, { employeeId, from })],
      version: unit.version + 1n,
    });
    this.units.set(unitId, next);
    await this.publish(
      identityV1.UnitHeadChangedSchema,
      { unit: next, headEmployeeId: employeeId, effectiveDate: from },
      { type: 'unit', id: unitId, event: 'head-changed' },
    );
    return next;
  }

  async employee(init: EmployeeInit): Promise<identityV1.Employee> {
    const id = init.id ?? randomUUID();
    const from = init.from ?? EVER;
    const employee = create(identityV1.EmployeeSchema, {
      id,
      tenantId: this.tenantId,
      nip: init.nip ?? `19850101201001${String(1000 + this.nipCounter++).slice(-4)}`,
      name: init.name ?? `Pegawai ${id.slice(0, 4)}`,
      employmentType: 'PNS',
      golongan: init.golongan ?? '',
      status: init.status ?? 'AKTIF',
      unitId: init.unitId,
      positionName: init.positionName ?? 'Analis',
      jenisJabatan: init.jenisJabatan ?? 'PELAKSANA',
      accountSubject: init.accountSubject ?? '',
      assignments: [
        {
          unitId: init.unitId,
          positionName: init.positionName ?? 'Analis',
          jenisJabatan: init.jenisJabatan ?? 'PELAKSANA',
          from,
        },
      ],
      statuses: [{ status: init.status ?? 'AKTIF', from }],
      version: 1n,
    });
    this.employees.set(id, employee);
    await this.publish(identityV1.EmployeeCreatedSchema, { employee }, { type: 'employee', id, event: 'created' });
    return employee;
  }

  /** R6: the employee holds a new unit and position from `effectiveDate`. */
  async move(
    employeeId: string,
    to: { unitId: string; positionName?: string; jenisJabatan?: string },
    effectiveDate: string,
  ): Promise<identityV1.Employee> {
    const employee = this.employees.get(employeeId);
    if (!employee) throw new Error(`unknown employee ${employeeId}`);
    const previous = employee.assignments.at(-1);
    const closed = employee.assignments.map((a) => (a.to === '' ? { ...a, to: dayBefore(effectiveDate) } : a));
    const current = create(identityV1.AssignmentSchema, {
      unitId: to.unitId,
      positionName: to.positionName ?? previous?.positionName ?? '',
      jenisJabatan: to.jenisJabatan ?? previous?.jenisJabatan ?? '',
      from: effectiveDate,
    });
    const next = create(identityV1.EmployeeSchema, {
      ...employee,
      unitId: to.unitId,
      positionName: current.positionName,
      jenisJabatan: current.jenisJabatan,
      assignments: [...closed, current],
      version: employee.version + 1n,
    });
    this.employees.set(employeeId, next);
    await this.publish(
      identityV1.EmployeeMovedSchema,
      { employee: next, previous, current, effectiveDate },
      { type: 'employee', id: employeeId, event: 'moved' },
    );
    return next;
  }

  async acting(init: {
    unitId: string;
    employeeId: string;
    from: string;
    to?: string;
    kind?: 'PLT' | 'PLH';
    id?: string;
  }): Promise<string> {
    const id = init.id ?? randomUUID();
    await this.publish(
      identityV1.ActingAppointedSchema,
      {
        appointment: {
          id,
          tenantId: this.tenantId,
          unitId: init.unitId,
          employeeId: init.employeeId,
          kind: init.kind ?? 'PLT',
          from: init.from,
          to: init.to ?? '',
          version: 1n,
        },
      },
      { type: 'acting', id, event: 'appointed' },
    );
    return id;
  }

  private aggregate(type: string, event: string) {
    return { type, id: this.tenantId, event };
  }
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
