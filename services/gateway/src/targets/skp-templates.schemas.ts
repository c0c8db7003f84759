import { z } from 'zod';
import { APPROACHES, BERAKHLAK_VALUES, SKP_LIMITS } from '@kinerja/domain';
import { iki, rhk } from './targets.schemas.js';

// Shapes of SKP templates and the team matrix (decision 0014): a template's rows are SKP rows without ids (each
// application gives new ones) and without a perjanjian kinerja reference; the targets service applies the rules.
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max);

const templateRhk = rhk
  .omit({ id: true, perjanjianKinerjaRef: true })
  .extend({ iki: z.array(iki.omit({ id: true })).max(SKP_LIMITS.ikiPerRhk) });

export const templateBody = z.strictObject({
  name: text(200),
  description: optionalText(1_000).optional(),
  scope: z.enum(['TENANT', 'OWN']).optional().describe('Default: TENANT for a performance manager, else OWN'),
  approach: z.enum(APPROACHES),
  rhk: z.array(templateRhk).max(SKP_LIMITS.rhkPerSkp),
  ekspektasi: z
    .partialRecord(z.enum(BERAKHLAK_VALUES), optionalText(SKP_LIMITS.ekspektasi))
    .optional()
    .describe('R10: ekspektasi khusus filled into empty perilaku rows'),
});
export type TemplateBody = z.output<typeof templateBody>;

export const templateUpdateBody = templateBody.omit({ scope: true });
export type TemplateUpdateBody = z.output<typeof templateUpdateBody>;

export const applyBody = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    target: z.strictObject({
      unitId: z.uuid().optional(),
      includeDescendants: z.boolean().optional(),
      positionName: optionalText(200).optional(),
      jenisJabatan: optionalText(50).optional(),
      employeeIds: z.array(z.uuid()).max(20_000).optional(),
    }),
  })
  .refine(
    ({ target }) =>
      [target.unitId, target.positionName || target.jenisJabatan, target.employeeIds?.length].filter(Boolean).length ===
      1,
    { path: ['target'], message: 'Exactly one of unitId, positionName/jenisJabatan or employeeIds' },
  );
export type ApplyBody = z.output<typeof applyBody>;

export const teamMatrixBody = z.strictObject({
  assignments: z
    .array(
      z.strictObject({
        rhkId: z.uuid(),
        employeeId: z.uuid(),
        resultText: optionalText(SKP_LIMITS.text).describe('Empty removes the assignment'),
        role: optionalText(100).optional(),
      }),
    )
    .max(2_000),
});
export type TeamMatrixBody = z.output<typeof teamMatrixBody>;

export const prefillBody = z
  .strictObject({ employeeIds: z.array(z.uuid()).max(2_000).optional() })
  .optional()
  .describe('Empty: every subordinate with an assignment');
export type PrefillBody = z.output<typeof prefillBody>;
