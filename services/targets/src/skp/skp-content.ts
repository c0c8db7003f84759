import { randomUUID } from 'node:crypto';
import type { targetsV1 } from '@kinerja/contracts';
import {
  APPROACHES,
  ASPEK,
  DIRECTIONS,
  perilakuRows,
  PERSPEKTIF,
  RHK_TYPES,
  SKP_LIMITS,
  type Approach,
  type Iki,
  type Lampiran,
  type PerilakuRow,
  type Rhk,
  type Target,
} from '@kinerja/domain';
import type { FieldError } from '@kinerja/platform/errors';

// The SKP's content as stored (one JSON document per version) and the checks an edit passes before it is kept.
// Completeness (R12) is checked at submission; here only what can never be right is refused: unknown values,
// a text target under KUANTITATIF, a range with min > max, ids that are not this SKP's, and the limits.

export type SkpContent = {
  readonly approach: Approach;
  readonly rhk: readonly Rhk[];
  readonly perilaku: readonly PerilakuRow[];
  readonly lampiran: Lampiran | null;
};

export function emptyContent(): SkpContent {
  return { approach: 'KUANTITATIF', rhk: [], perilaku: perilakuRows(), lampiran: null };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

type Edit = { approach: string; rhk: readonly targetsV1.Rhk[]; lampiran?: targetsV1.Lampiran };

/** The ids of every RHK and IKI an SKP's versions have held: the only ids an edit may name. */
export function idsOf(contents: readonly SkpContent[]): Set<string> {
  const ids = new Set<string>();
  for (const content of contents)
    for (const rhk of content.rhk) {
      ids.add(rhk.id);
      for (const iki of rhk.iki) ids.add(iki.id);
    }
  return ids;
}

export function checkContentEdit(
  edit: Edit,
  known: ReadonlySet<string>,
  perilaku: readonly PerilakuRow[],
): { content: SkpContent; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const text = (field: string, value: string, max: number, required = true): string => {
    const trimmed = value.trim();
    if (required && trimmed === '') fail(field, 'REQUIRED', 'Wajib diisi.');
    if (trimmed.length > max) fail(field, 'TOO_LONG', `Paling banyak ${max} karakter.`);
    return trimmed;
  };
  const seen = new Set<string>();
  const idOf = (field: string, id: string): string => {
    if (id === '') return randomUUID();
    if (!uuid.test(id) || !known.has(id)) fail(field, 'UNKNOWN_ID', 'Bukan baris SKP ini; hapus id untuk baris baru.');
    else if (seen.has(id)) fail(field, 'DUPLICATE_ID', 'Id dipakai dua kali.');
    seen.add(id);
    return id;
  };
  const optionalUuid = (field: string, value: string): string | null => {
    if (value === '') return null;
    if (!uuid.test(value)) fail(field, 'INVALID_VALUE', 'Harus UUID.');
    return value;
  };

  const approach: Approach = oneOf(APPROACHES, edit.approach) ? edit.approach : 'KUANTITATIF';
  if (!oneOf(APPROACHES, edit.approach)) fail('approach', 'INVALID_VALUE', APPROACHES.join(' | '));
  if (edit.rhk.length > SKP_LIMITS.rhkPerSkp)
    fail('rhk', 'TOO_MANY', `Paling banyak ${SKP_LIMITS.rhkPerSkp} RHK per SKP.`);

  const target = (field: string, t: targetsV1.Target | undefined): Target | null => {
    if (!t) return null;
    const number = (path: string, value: number) => {
      if (!Number.isFinite(value) || value < 0) fail(path, 'INVALID_NUMBER', 'Angka ≥ 0.');
    };
    if (t.kind === 'NUMERIC') {
      number(`${field}.value`, t.value);
      return { kind: 'NUMERIC', value: t.value, unit: text(`${field}.unit`, t.unit, SKP_LIMITS.targetUnit) };
    }
    if (t.kind === 'RANGE') {
      number(`${field}.min`, t.min);
      number(`${field}.max`, t.max);
      if (t.min > t.max) fail(`${field}.min`, 'RANGE_MIN_ABOVE_MAX', 'Batas bawah melebihi batas atas.');
      return { kind: 'RANGE', min: t.min, max: t.max, unit: text(`${field}.unit`, t.unit, SKP_LIMITS.targetUnit) };
    }
    if (t.kind === 'TEXT') {
      // R8: a text target belongs to the KUALITATIF approach; KUANTITATIF needs a number or a range.
      if (approach !== 'KUALITATIF')
        fail(`${field}.kind`, 'TARGET_NOT_NUMERIC', 'Pendekatan KUANTITATIF memerlukan target angka atau rentang.');
      return { kind: 'TEXT', text: text(`${field}.text`, t.text, SKP_LIMITS.targetText) };
    }
    fail(`${field}.kind`, 'INVALID_VALUE', 'NUMERIC | RANGE | TEXT');
    return null;
  };

  const rhk: Rhk[] = edit.rhk.map((row, i) => {
    const at = `rhk.${i}`;
    if (!oneOf(RHK_TYPES, row.jenis)) fail(`${at}.jenis`, 'INVALID_VALUE', RHK_TYPES.join(' | '));
    if (row.perspektif !== '' && !oneOf(PERSPEKTIF, row.perspektif))
      fail(`${at}.perspektif`, 'INVALID_VALUE', PERSPEKTIF.join(' | '));
    if (row.iki.length > SKP_LIMITS.ikiPerRhk)
      fail(`${at}.iki`, 'TOO_MANY', `Paling banyak ${SKP_LIMITS.ikiPerRhk} IKI per RHK.`);
    const iki: Iki[] = row.iki.map((measure, j) => {
      const field = `${at}.iki.${j}`;
      if (measure.aspek !== '' && !oneOf(ASPEK, measure.aspek))
        fail(`${field}.aspek`, 'INVALID_VALUE', ASPEK.join(' | '));
      const direction = measure.direction === '' ? 'HIGHER_IS_BETTER' : measure.direction;
      if (!oneOf(DIRECTIONS, direction)) fail(`${field}.direction`, 'INVALID_VALUE', DIRECTIONS.join(' | '));
      return {
        id: idOf(`${field}.id`, measure.id),
        indikator: text(`${field}.indikator`, measure.indikator, SKP_LIMITS.text),
        aspek: oneOf(ASPEK, measure.aspek) ? measure.aspek : null,
        target: target(`${field}.target`, measure.target),
        direction: oneOf(DIRECTIONS, direction) ? direction : 'HIGHER_IS_BETTER',
      };
    });
    return {
      id: idOf(`${at}.id`, row.id),
      jenis: oneOf(RHK_TYPES, row.jenis) ? row.jenis : 'UTAMA',
      text: text(`${at}.text`, row.text, SKP_LIMITS.text),
      perspektif: oneOf(PERSPEKTIF, row.perspektif) ? row.perspektif : null,
      rhkAtasanId: optionalUuid(`${at}.rhkAtasanId`, row.rhkAtasanId),
      perjanjianKinerjaRef: optionalUuid(`${at}.perjanjianKinerjaRef`, row.perjanjianKinerjaRef),
      iki,
    };
  });

  const list = (field: string, items: readonly string[]): string[] => {
    if (items.length > SKP_LIMITS.lampiranItems)
      fail(field, 'TOO_MANY', `Paling banyak ${SKP_LIMITS.lampiranItems} butir.`);
    return items.map((item, i) => text(`${field}.${i}`, item, SKP_LIMITS.lampiranItem));
  };
  const lampiran: Lampiran | null = edit.lampiran
    ? {
        dukunganSumberDaya: list('lampiran.dukunganSumberDaya', edit.lampiran.dukunganSumberDaya),
        skemaPertanggungjawaban: list('lampiran.skemaPertanggungjawaban', edit.lampiran.skemaPertanggungjawaban),
        konsekuensi: list('lampiran.konsekuensi', edit.lampiran.konsekuensi),
      }
    : null;
  return { content: { approach, rhk, perilaku, lampiran }, errors };
}
