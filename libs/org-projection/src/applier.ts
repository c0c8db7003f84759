import { decodeEvent, identityV1 } from '@kinerja/contracts';
import type { TenantTx } from '@kinerja/platform/database';

// Applies identity's events to the projection. Each unit, acting-appointment, employee and tenant event carries the
// aggregate's whole state with a `version`: a row is replaced only by a higher version, so a duplicate or an older
// event arriving late changes nothing (order-tolerant; duplicates are also stopped by the consumer's inbox).
// Settings versions carry no version of their own; the per-aggregate sequence of the tenant's events orders them.

// A date before any performance year: history missing from an event is read as "since ever".
export const SINCE_EVER = '1900-01-01';

export type IdentityMessage =
  | identityV1.TenantCreated
  | identityV1.TenantUpdated
  | identityV1.TenantSettingsChanged
  | identityV1.UnitCreated
  | identityV1.UnitUpdated
  | identityV1.UnitMoved
  | identityV1.UnitHeadChanged
  | identityV1.ActingAppointed
  | identityV1.ActingChanged
  | identityV1.EmployeeCreated
  | identityV1.EmployeeUpdated
  | identityV1.EmployeeMoved
  | identityV1.EmployeeStatusChanged
  | identityV1.EmployeeAccountLinked
  | identityV1.EmployeeRolesChanged;

const schemas = [
  identityV1.TenantCreatedSchema,
  identityV1.TenantUpdatedSchema,
  identityV1.TenantSettingsChangedSchema,
  identityV1.UnitCreatedSchema,
  identityV1.UnitUpdatedSchema,
  identityV1.UnitMovedSchema,
  identityV1.UnitHeadChangedSchema,
  identityV1.ActingAppointedSchema,
  identityV1.ActingChangedSchema,
  identityV1.EmployeeCreatedSchema,
  identityV1.EmployeeUpdatedSchema,
  identityV1.EmployeeMovedSchema,
  identityV1.EmployeeStatusChangedSchema,
  identityV1.EmployeeAccountLinkedSchema,
  identityV1.EmployeeRolesChangedSchema,
] as const;
const schemaByType = new Map<string, (typeof schemas)[number]>(schemas.map((s) => [s.typeName, s]));

/** The identity event types the projection reads. */
export const IDENTITY_EVENT_TYPES: readonly string[] = schemas.map((s) => s.typeName);

/** Decodes an identity event body by its `ce-type`; undefined for a type the projection does not read. */
export function decodeIdentityEvent(type: string, payload: Uint8Array): IdentityMessage | undefined {
  const schema = schemaByType.get(type);
  return schema ? (decodeEvent(schema, payload) as IdentityMessage) : undefined;
}

export type ApplyOutcome = 'applied' | 'stale' | 'ignored';

const orNull = (value: string) => (value === '' ? null : value);

function sameTenant(tx: TenantTx, tenantId: string, what: string): void {
  // The header's tenant decides the transaction; a body naming another tenant is a broken event, never applied.
  if (tenantId !== '' && tenantId !== tx.tenantId) throw new Error(`${what} belongs to another tenant than its event`);
}

async function upserted(tx: TenantTx, sql: string, params: unknown[]): Promise<boolean> {
  const rows = (await tx.manager.query(sql, params)) as unknown[];
  return rows.length > 0;
}

type Term = { from: string; to: string };

async function replaceTerms(
  tx: TenantTx,
  table: string,
  ownerColumn: string,
  ownerId: string,
  columns: string[],
  rows: { values: unknown[]; term: Term }[],
): Promise<void> {
  await tx.manager.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND ${ownerColumn} = $2`, [tx.tenantId, ownerId]);
  if (rows.length === 0) return;
  const params: unknown[] = [tx.tenantId, ownerId];
  const tuples = rows.map((row, i) => {
    const start = params.length;
    params.push(i, ...row.values, row.term.from || SINCE_EVER, orNull(row.term.to));
    const placeholders = Array.from({ length: row.values.length + 3 }, (_, k) => `$${start + k + 1}`);
    return `($1, $2, ${placeholders.join(', ')})`;
  });
  await tx.manager.query(
    `INSERT INTO ${table} (tenant_id, ${ownerColumn}, ordinal, ${columns.join(', ')}, from_date, to_date)
     VALUES ${tuples.join(', ')}`,
    params,
  );
}

async function upsertTenant(tx: TenantTx, tenant: identityV1.Tenant | undefined): Promise<ApplyOutcome> {
  if (!tenant) return 'ignored';
  sameTenant(tx, tenant.id, 'tenant');
  const zone = orNull(tenant.timeZone);
  await tx.manager.query(
    `INSERT INTO org_known_tenant (tenant_id, time_zone) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET time_zone = coalesce(excluded.time_zone, org_known_tenant.time_zone)`,
    [tx.tenantId, zone],
  );
  const applied = await upserted(
    tx,
    `INSERT INTO org_tenant AS t (tenant_id, code, name, time_zone, regional_head_subject, holidays, version)
     VALUES ($1, $2, $3, $4, $5, $6::date[], $7)
     ON CONFLICT (tenant_id) DO UPDATE SET code = excluded.code, name = excluded.name, time_zone = excluded.time_zone,
       regional_head_subject = excluded.regional_head_subject, holidays = excluded.holidays, version = excluded.version,
       updated_at = now()
     WHERE t.version < excluded.version OR t.time_zone IS NULL
     RETURNING 1`,
    [tx.tenantId, tenant.code, tenant.name, zone, tenant.regionalHeadSubject, tenant.holidays, tenant.version],
  );
  return applied ? 'applied' : 'stale';
}

async function replaceSettings(
  tx: TenantTx,
  seq: number,
  versions: identityV1.TenantSettingsVersion[],
): Promise<ApplyOutcome> {
  const newer = await upserted(
    tx,
    `INSERT INTO org_tenant AS t (tenant_id, settings_seq) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET settings_seq = excluded.settings_seq WHERE t.settings_seq < excluded.settings_seq
     RETURNING 1`,
    [tx.tenantId, seq],
  );
  if (!newer) return 'stale';
  await tx.manager.query(`DELETE FROM org_settings_version WHERE tenant_id = $1`, [tx.tenantId]);
  for (const version of versions) {
    await tx.manager.query(
      `INSERT INTO org_settings_version (tenant_id, effective_from, overrides, rollout, changed_by, reason)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)
       ON CONFLICT (tenant_id, effective_from) DO UPDATE SET overrides = excluded.overrides, rollout = excluded.rollout`,
      [
        tx.tenantId,
        version.effectiveFrom,
        version.overridesJson || '{}',
        JSON.stringify(version.rollout.map((r) => ({ module: r.module, scope: r.scope, unitIds: r.unitIds }))),
        version.changedBy,
        version.reason,
      ],
    );
  }
  return 'applied';
}

async function upsertUnit(tx: TenantTx, unit: identityV1.Unit | undefined): Promise<ApplyOutcome> {
  if (!unit) return 'ignored';
  sameTenant(tx, unit.tenantId, 'unit');
  const applied = await upserted(
    tx,
    `INSERT INTO org_unit AS u (tenant_id, id, code, name, kind, head_position_name, active, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
       head_position_name = excluded.head_position_name, active = excluded.active, version = excluded.version
     WHERE u.version < excluded.version
     RETURNING 1`,
    [tx.tenantId, unit.id, unit.code, unit.name, unit.kind, unit.headPositionName, unit.active, unit.version],
  );
  if (!applied) return 'stale';
  // A unit without history is read as holding its current parent and head since ever.
  const parents =
    unit.parents.length > 0
      ? unit.parents.map((p) => ({ values: [orNull(p.parentId)], term: p }))
      : [{ values: [orNull(unit.parentId)], term: { from: SINCE_EVER, to: '' } }];
  const heads =
    unit.heads.length > 0
      ? unit.heads.map((h) => ({ values: [h.employeeId], term: h }))
      : unit.headEmployeeId
        ? [{ values: [unit.headEmployeeId], term: { from: SINCE_EVER, to: '' } }]
        : [];
  await replaceTerms(tx, 'org_unit_parent', 'unit_id', unit.id, ['parent_id'], parents);
  await replaceTerms(tx, 'org_unit_head', 'unit_id', unit.id, ['employee_id'], heads);
  return 'applied';
}

async function upsertActing(tx: TenantTx, acting: identityV1.ActingAppointment | undefined): Promise<ApplyOutcome> {
  if (!acting) return 'ignored';
  sameTenant(tx, acting.tenantId, 'acting appointment');
  const applied = await upserted(
    tx,
    `INSERT INTO org_acting AS a (tenant_id, id, unit_id, employee_id, kind, from_date, to_date, revoked, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, id) DO UPDATE SET unit_id = excluded.unit_id, employee_id = excluded.employee_id,
       kind = excluded.kind, from_date = excluded.from_date, to_date = excluded.to_date, revoked = excluded.revoked,
       version = excluded.version
     WHERE a.version < excluded.version
     RETURNING 1`,
    [
      tx.tenantId,
      acting.id,
      acting.unitId,
      acting.employeeId,
      acting.kind,
      acting.from || SINCE_EVER,
      orNull(acting.to),
      acting.revoked,
      acting.version,
    ],
  );
  return applied ? 'applied' : 'stale';
}

async function upsertEmployee(tx: TenantTx, employee: identityV1.Employee | undefined): Promise<ApplyOutcome> {
  if (!employee) return 'ignored';
  sameTenant(tx, employee.tenantId, 'employee');
  const applied = await upserted(
    tx,
    `INSERT INTO org_employee AS e (tenant_id, id, nip, name, employment_type, golongan, account_subject, username, roles, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10)
     ON CONFLICT (tenant_id, id) DO UPDATE SET nip = excluded.nip, name = excluded.name,
       employment_type = excluded.employment_type, golongan = excluded.golongan,
       account_subject = excluded.account_subject, username = excluded.username, roles = excluded.roles,
       version = excluded.version
     WHERE e.version < excluded.version
     RETURNING 1`,
    [
      tx.tenantId,
      employee.id,
      employee.nip,
      employee.name,
      employee.employmentType,
      employee.golongan,
      employee.accountSubject,
      employee.username,
      employee.roles,
      employee.version,
    ],
  );
  if (!applied) return 'stale';
  // An employee without history is read as holding the current unit, position and status since ever.
  const assignments =
    employee.assignments.length > 0
      ? employee.assignments
      : employee.unitId
        ? [
            {
              unitId: employee.unitId,
              positionName: employee.positionName,
              jenisJabatan: employee.jenisJabatan,
              jenjang: employee.jenjang,
              decreeNumber: '',
              from: SINCE_EVER,
              to: '',
            },
          ]
        : [];
  const statuses =
    employee.statuses.length > 0
      ? employee.statuses
      : [{ status: employee.status || 'AKTIF', from: employee.statusSince || SINCE_EVER, to: '' }];
  await replaceTerms(
    tx,
    'org_assignment',
    'employee_id',
    employee.id,
    ['unit_id', 'position_name', 'jenis_jabatan', 'jenjang', 'decree_number'],
    assignments.map((a) => ({
      values: [a.unitId, a.positionName, a.jenisJabatan, a.jenjang, a.decreeNumber],
      term: a,
    })),
  );
  await replaceTerms(
    tx,
    'org_status_term',
    'employee_id',
    employee.id,
    ['status'],
    statuses.map((s) => ({ values: [s.status], term: s })),
  );
  return 'applied';
}

/** Applies one decoded identity event in the consumer's tenant transaction. */
export async function applyIdentityEvent(
  tx: TenantTx,
  message: IdentityMessage,
  aggregateSeq: number,
): Promise<ApplyOutcome> {
  switch (message.$typeName) {
    case 'kinerja.identity.v1.TenantCreated': {
      const tenant = await upsertTenant(tx, message.tenant);
      const settings = await replaceSettings(tx, aggregateSeq, message.settings);
      return tenant === 'applied' || settings === 'applied' ? 'applied' : 'stale';
    }
    case 'kinerja.identity.v1.TenantUpdated':
      return upsertTenant(tx, message.tenant);
    case 'kinerja.identity.v1.TenantSettingsChanged':
      sameTenant(tx, message.tenantId, 'settings');
      return replaceSettings(tx, aggregateSeq, message.settings);
    case 'kinerja.identity.v1.UnitCreated':
    case 'kinerja.identity.v1.UnitUpdated':
    case 'kinerja.identity.v1.UnitMoved':
    case 'kinerja.identity.v1.UnitHeadChanged':
      return upsertUnit(tx, message.unit);
    case 'kinerja.identity.v1.ActingAppointed':
    case 'kinerja.identity.v1.ActingChanged':
      return upsertActing(tx, message.appointment);
    case 'kinerja.identity.v1.EmployeeCreated':
    case 'kinerja.identity.v1.EmployeeUpdated':
    case 'kinerja.identity.v1.EmployeeMoved':
    case 'kinerja.identity.v1.EmployeeStatusChanged':
    case 'kinerja.identity.v1.EmployeeAccountLinked':
    case 'kinerja.identity.v1.EmployeeRolesChanged':
      return upsertEmployee(tx, message.employee);
  }
}
