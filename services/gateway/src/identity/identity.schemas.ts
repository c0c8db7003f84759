import { z } from 'zod';
import {
  ACTING_KINDS,
  EMPLOYMENT_STATUSES,
  EMPLOYMENT_TYPES,
  GOLONGAN,
  JENIS_JABATAN,
  JENJANG,
  ROLLOUT_MODULES,
  ROLLOUT_SCOPES,
  TIME_ZONES,
  UNIT_KINDS,
} from '@kinerja/domain';
import { realmRoles } from '@kinerja/platform/auth';

// Shapes only (unknown fields refused); the identity service applies the rules (R1 NIP, R3 statuses, R4 jenjang,
// R5 dates and overlaps, tree cycles) and answers with field errors.
const text = (max: number) => z.string().trim().min(1).max(max);
export const uuidParam = z.uuid();
/** A calendar date `YYYY-MM-DD` in the tenant's time zone; the service checks that it exists. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date YYYY-MM-DD.');
const reason = text(500).optional().describe('Why (kept in the audit, R42)');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const page = {
  cursor: z.string().max(500).optional().describe('page.nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size (default 50)'),
};

export const tenantLevels = ['PROVINSI', 'KABUPATEN', 'KOTA'] as const;
export const createTenantBody = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'Upper-case letters, digits and dashes, 2 to 32 characters.'),
  name: text(200),
  level: z.enum(tenantLevels),
  parentTenantId: z.uuid().optional(),
  timeZone: z.enum(TIME_ZONES),
  holidays: z.array(localDate).max(1000).optional(),
  admin: z.strictObject({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Lower-case letters, digits, dot, dash, underscore.'),
    email: z.email().max(254),
    name: text(200),
  }),
});
export type CreateTenantBody = z.output<typeof createTenantBody>;

export const listTenantsQuery = z.strictObject({ code: z.string().max(32).optional() });

export const updateTenantBody = z.strictObject({
  name: text(200).optional(),
  timeZone: z.enum(TIME_ZONES).optional().describe('Platform admin only'),
  holidays: z.array(localDate).max(1000).optional().describe('Replaces the holiday calendar'),
  regionalHeadSubject: z
    .string()
    .max(255)
    .optional()
    .describe("The kepala daerah login's subject (R5); empty clears it"),
  reason,
});
export type UpdateTenantBody = z.output<typeof updateTenantBody>;

export const settingsQuery = z.strictObject({ date: localDate.optional().describe('Default: today') });
export const moduleRollout = z.strictObject({
  module: z.enum(ROLLOUT_MODULES),
  scope: z.enum(ROLLOUT_SCOPES),
  unitIds: z.array(z.uuid()).max(1000).optional().describe('For scope UNITS: the units, each with its descendants'),
});
export const updateSettingsBody = z.strictObject({
  effectiveFrom: localDate.describe('Today or later'),
  overrides: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Overrides of the RULES.md defaults, by group (e.g. {"period": {"cadence": "MONTHLY"}})'),
  rollout: z.array(moduleRollout).max(ROLLOUT_MODULES.length).default([]),
  reason,
});
export type UpdateSettingsBody = z.output<typeof updateSettingsBody>;

export const createUnitBody = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'Letters, digits, dot, dash, underscore, slash.'),
  name: text(200),
  kind: z.enum(UNIT_KINDS),
  parentId: z.uuid().optional().describe('Empty for a top unit'),
  headPositionName: text(200).optional(),
  effectiveFrom: localDate.optional().describe('From when it exists under its parent (default: today)'),
});
export type CreateUnitBody = z.output<typeof createUnitBody>;

export const listUnitsQuery = z.strictObject({
  parentId: z.uuid().optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  q: z.string().max(100).optional().describe('Part of the name or code'),
  includeInactive: flag.optional(),
  ...page,
});
export const unitTreeQuery = z.strictObject({
  date: localDate.optional().describe('Default: today'),
  rootId: z.uuid().optional(),
});

export const updateUnitBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/)
      .optional(),
    name: text(200).optional(),
    kind: z.enum(UNIT_KINDS).optional(),
    headPositionName: z.string().trim().max(200).optional(),
    active: z.boolean().optional(),
    parentId: z.uuid().nullable().optional().describe('A move: the new parent (null: a top unit) from effectiveFrom'),
    effectiveFrom: localDate.optional(),
    reason,
  })
  .refine((b) => b.parentId === undefined || b.effectiveFrom !== undefined, {
    path: ['effectiveFrom'],
    message: 'A move needs effectiveFrom.',
  });
export type UpdateUnitBody = z.output<typeof updateUnitBody>;

export const setHeadBody = z.strictObject({
  employeeId: z.uuid().nullable().describe('null: the head is vacant from effectiveFrom'),
  effectiveFrom: localDate,
  reason,
});
export type SetHeadBody = z.output<typeof setHeadBody>;

export const createActingBody = z.strictObject({
  employeeId: z.uuid(),
  kind: z.enum(ACTING_KINDS),
  from: localDate,
  to: localDate.optional().describe('Empty: open-ended'),
  decreeNumber: text(100).optional(),
  reason,
});
export type CreateActingBody = z.output<typeof createActingBody>;

export const updateActingBody = z.strictObject({
  from: localDate.optional(),
  to: localDate.nullable().optional().describe('null: open-ended'),
  decreeNumber: text(100).optional(),
  reason,
});
export type UpdateActingBody = z.output<typeof updateActingBody>;

export const revokeActingBody = z.strictObject({ reason }).default({});

export const createEmployeeBody = z.strictObject({
  nip: z.string().max(40).describe('NIP (R1) or NI PPPK (R2); spaces are ignored'),
  name: text(200),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  status: z.enum(EMPLOYMENT_STATUSES).default('AKTIF'),
  unitId: z.uuid().optional(),
  positionName: text(200).optional(),
  jenisJabatan: z.enum(JENIS_JABATAN).optional(),
  jenjang: z.enum(JENJANG).optional().describe('For a JF only (R4)'),
  golongan: z
    .enum(GOLONGAN as [string, ...string[]])
    .optional()
    .describe('PNS only (R4)'),
  email: z.email().max(254).optional(),
  effectiveFrom: localDate.optional().describe('Start of the status and placement (default: today)'),
  decreeNumber: text(100).optional(),
});
export type CreateEmployeeBody = z.output<typeof createEmployeeBody>;

export const listEmployeesQuery = z.strictObject({
  unitId: z.uuid().optional(),
  includeDescendants: flag.optional(),
  status: z.enum(EMPLOYMENT_STATUSES).optional(),
  q: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Start of a NIP (digits), start of the name (1–2 letters), or words (3+ letters in all) that each start a word of the name, e.g. "budi sant"',
    ),
  date: localDate.optional().describe('For the unit and status filters (default: today)'),
  ...page,
});

export const updateEmployeeBody = z.strictObject({
  nip: z.string().max(40).optional(),
  name: text(200).optional(),
  email: z.union([z.email().max(254), z.literal('')]).optional(),
  golongan: z.union([z.enum(GOLONGAN as [string, ...string[]]), z.literal('')]).optional(),
  reason,
});
export type UpdateEmployeeBody = z.output<typeof updateEmployeeBody>;

export const moveEmployeeBody = z.strictObject({
  effectiveFrom: localDate,
  unitId: z.uuid().optional(),
  positionName: z.string().trim().max(200).optional(),
  jenisJabatan: z.enum(JENIS_JABATAN).optional(),
  jenjang: z.union([z.enum(JENJANG), z.literal('')]).optional(),
  decreeNumber: text(100).optional(),
  reason,
});
export type MoveEmployeeBody = z.output<typeof moveEmployeeBody>;

export const statusChangeBody = z.strictObject({
  status: z.enum(EMPLOYMENT_STATUSES),
  effectiveFrom: localDate,
  reason,
});
export type StatusChangeBody = z.output<typeof statusChangeBody>;

export const dateQuery = z.strictObject({ date: localDate.optional().describe('Default: today') });

export const setRolesBody = z.strictObject({
  // Every realm role is a valid name here; the service refuses the ones a tenant admin cannot grant (403).
  roles: z.array(z.enum(realmRoles)).max(realmRoles.length),
  reason,
});
export type SetRolesBody = z.output<typeof setRolesBody>;

export const createAccountBody = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Lower-case letters, digits, dot, dash, underscore.'),
  email: z.email().max(254).optional().describe("Default: the employee's contact e-mail"),
});
export type CreateAccountBody = z.output<typeof createAccountBody>;

export const auditQuery = z.strictObject({
  entityType: z.enum(['tenant', 'settings', 'unit', 'acting', 'employee', 'import']).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  actorSubject: z.string().max(255).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...page,
});

export const importKindParam = z.enum(['units', 'employees']);
const importModes = ['ALL_OR_NOTHING', 'VALID_ROWS_ONLY'] as const;
export const startImportQuery = z.strictObject({
  mode: z
    .enum(importModes)
    .default('ALL_OR_NOTHING')
    .describe('ALL_OR_NOTHING: nothing is written when any row is invalid; VALID_ROWS_ONLY: the valid rows are'),
  dryRun: flag.optional().describe('Check the file only; nothing is written'),
});
export const importQuery = z.strictObject(page);
export const listImportsQuery = z.strictObject(page);
