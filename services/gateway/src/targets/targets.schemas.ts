import { z } from 'zod';
import {
  APPROACHES,
  ASPEK,
  BERAKHLAK_VALUES,
  DIRECTIONS,
  ORG_RATINGS,
  PERSPEKTIF,
  RHK_TYPES,
  SKP_LIMITS,
} from '@kinerja/domain';

// Shapes only (types, unknown fields, enums, lengths and counts, SKP_LIMITS); the targets service applies the rules
// (R8–R13: a text target under KUANTITATIF, min > max, ids of the SKP, completeness) and answers with field errors.
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max);
export const uuidParam = z.uuid();
export const yearParam = z.coerce.number().int().min(2000).max(2100);

const number = z.number().finite();
export const target = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('NUMERIC'), value: number, unit: text(SKP_LIMITS.targetUnit) }),
  z.strictObject({ kind: z.literal('RANGE'), min: number, max: number, unit: text(SKP_LIMITS.targetUnit) }),
  z.strictObject({ kind: z.literal('TEXT'), text: text(SKP_LIMITS.targetText) }),
]);

export const iki = z.strictObject({
  id: z.uuid().optional(),
  indikator: text(SKP_LIMITS.text),
  aspek: z.enum(ASPEK).optional(),
  target: target.optional(),
  direction: z.enum(DIRECTIONS).optional(),
});

export const rhk = z.strictObject({
  id: z.uuid().optional(),
  jenis: z.enum(RHK_TYPES),
  text: text(SKP_LIMITS.text),
  perspektif: z.enum(PERSPEKTIF).optional(),
  rhkAtasanId: z.uuid().optional().describe("R9: the rater's RHK this one supports"),
  perjanjianKinerjaRef: z.uuid().optional().describe('R9: the perjanjian kinerja result (top unit head)'),
  iki: z.array(iki).max(SKP_LIMITS.ikiPerRhk),
});

const lampiranList = z.array(text(SKP_LIMITS.lampiranItem)).max(SKP_LIMITS.lampiranItems);

export const createSkpBody = z.strictObject({
  employeeId: z.uuid().optional().describe("Another employee's id: a performance manager after the fallback day (R11)"),
  year: z.number().int().min(2000).max(2100),
});
export type CreateSkpBody = z.output<typeof createSkpBody>;

export const updateSkpBody = z.strictObject({
  approach: z.enum(APPROACHES),
  rhk: z.array(rhk).max(SKP_LIMITS.rhkPerSkp),
  lampiran: z
    .strictObject({
      dukunganSumberDaya: lampiranList,
      skemaPertanggungjawaban: lampiranList,
      konsekuensi: lampiranList,
    })
    .optional(),
});
export type UpdateSkpBody = z.output<typeof updateSkpBody>;

export const expectationsBody = z.strictObject({
  ekspektasi: z.partialRecord(z.enum(BERAKHLAK_VALUES), optionalText(SKP_LIMITS.ekspektasi)),
});
export type ExpectationsBody = z.output<typeof expectationsBody>;

export const transitionBody = z.strictObject({ reason: optionalText(SKP_LIMITS.reason).optional() }).optional();
export const transitionVerb = z.enum(['submit', 'approve', 'reject', 'revise', 'cancel-revision']);
export type TransitionBody = z.output<typeof transitionBody>;

export const listSkpsQuery = z.strictObject({
  employeeId: z.uuid().optional(),
  year: yearParam.optional(),
});

export const unitStatusQuery = z.strictObject({
  year: yearParam,
  includeDescendants: z.enum(['true', 'false']).default('false'),
});

export const updatePeriodBody = z.strictObject({
  inputDeadline: z.iso.date().describe('YYYY-MM-DD, on or after the period end, before the period opens'),
});

export const agreementBody = z.strictObject({
  results: z
    .array(
      z.strictObject({
        id: z.uuid().optional(),
        text: text(SKP_LIMITS.text),
        indicators: z
          .array(
            z.strictObject({
              id: z.uuid().optional(),
              text: text(SKP_LIMITS.text),
              target: optionalText(SKP_LIMITS.agreementTarget).optional(),
            }),
          )
          .max(SKP_LIMITS.agreementIndicators),
      }),
    )
    .max(SKP_LIMITS.agreementResults),
});
export type AgreementBody = z.output<typeof agreementBody>;

export const orgRatingBody = z.strictObject({
  rating: z.enum(ORG_RATINGS),
  note: text(SKP_LIMITS.orgRatingNote),
});
export type OrgRatingBody = z.output<typeof orgRatingBody>;

export const orgRatingsQuery = z.strictObject({ year: yearParam.optional() });

export const rencanaAksiBody = z.strictObject({
  rhkId: z.uuid(),
  periodId: z.uuid(),
  text: text(SKP_LIMITS.rencanaAksiText),
  target: optionalText(SKP_LIMITS.rencanaAksiTarget).optional(),
});
export type RencanaAksiBody = z.output<typeof rencanaAksiBody>;

export const rencanaAksiUpdateBody = z.strictObject({
  text: text(SKP_LIMITS.rencanaAksiText),
  target: optionalText(SKP_LIMITS.rencanaAksiTarget).optional(),
});
export type RencanaAksiUpdateBody = z.output<typeof rencanaAksiUpdateBody>;

export const rencanaAksiQuery = z.strictObject({ periodId: z.uuid().optional() });

// Decision 0012: the SKP document (PDF) and the audit export.
export const skpDocumentQuery = z.strictObject({
  version: z.coerce.number().int().min(1).max(10_000).optional().describe('A past version; default the one in force'),
  lang: z.enum(['id', 'en']).optional().describe('Default from Accept-Language, else Bahasa Indonesia'),
  place: z.string().trim().max(100).optional().describe('The place written above the signatures'),
});
export type SkpDocumentQuery = z.output<typeof skpDocumentQuery>;

export const skpAuditQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
});
