import { z } from 'zod';
import { EMPLOYMENT_STATUSES, EMPLOYMENT_TYPES, JENIS_JABATAN, TIME_ZONES } from '@kinerja/domain';

// Shapes only; the identity service applies the rules (R1 NIP, R3 statuses) and answers with field errors.
const text = (max: number) => z.string().trim().min(1).max(max);
export const uuidParam = z.uuid();

export const tenantLevels = ['PROVINSI', 'KABUPATEN', 'KOTA'] as const;
export const createTenantBody = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'Upper-case letters, digits and dashes, 2 to 32 characters.'),
  name: text(200),
  level: z.enum(tenantLevels),
  parentTenantId: z.uuid().optional(),
  timeZone: z.enum(TIME_ZONES),
  admin: z.strictObject({
    username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Lower-case letters, digits, dot, dash, underscore.'),
    email: z.email().max(254),
    name: text(200),
  }),
});
export type CreateTenantBody = z.output<typeof createTenantBody>;

export const createEmployeeBody = z.strictObject({
  nip: z.string().max(40).describe('NIP (R1) or NI PPPK (R2); spaces are ignored'),
  name: text(200),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  status: z.enum(EMPLOYMENT_STATUSES).default('AKTIF'),
  unitId: z.uuid().optional(),
  positionName: text(200).optional(),
  jenisJabatan: z.enum(JENIS_JABATAN).optional(),
  email: z.email().max(254).optional(),
});
export type CreateEmployeeBody = z.output<typeof createEmployeeBody>;

export const listTenantsQuery = z.strictObject({ code: z.string().max(32).optional() });
