import { SKP_LIMITS, type Approach, type Iki, type Rhk } from '@kinerja/domain';
import type { SkpContent } from '../skp/skp-content.js';

// Merging a template's rows into an SKP's working version (decision 0014). Pure: rows already present are matched
// by text (RHK text, then IKI indikator, compared without case or extra spaces) and never changed; only what is
// missing is added, with new ids, so applying the same rows twice adds nothing. Ekspektasi khusus (R10) fill only
// perilaku rows that have none.

/** A template's RHK row: an SKP row without ids. */
export type TemplateIki = Omit<Iki, 'id'>;
export type TemplateRhk = Omit<Rhk, 'id' | 'iki' | 'perjanjianKinerjaRef'> & { readonly iki: readonly TemplateIki[] };

export type TemplateRows = {
  readonly approach: Approach;
  readonly rhk: readonly TemplateRhk[];
  readonly ekspektasi: Readonly<Record<string, string>>;
};

export type MergeSkip = 'NOTHING_TO_ADD' | 'LIMIT_EXCEEDED' | 'APPROACH_MISMATCH';

export type MergeResult =
  | { ok: true; content: SkpContent; rhkAdded: number; ikiAdded: number; ekspektasiFilled: number }
  | { ok: false; reason: MergeSkip; message: string };

/** Text compared as people read it: case, surrounding and repeated spaces do not make a row different. */
export const sameText = (text: string): string => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export function mergeTemplate(
  content: SkpContent,
  template: TemplateRows,
  options: { keepLinks: boolean; newId: () => string },
): MergeResult {
  const rhk: Rhk[] = content.rhk.map((row) => ({ ...row, iki: [...row.iki] }));
  const byText = new Map(rhk.map((row, i) => [sameText(row.text), i]));
  let rhkAdded = 0;
  let ikiAdded = 0;
  const addedTargets: string[] = [];
  for (const row of template.rhk) {
    const at = byText.get(sameText(row.text));
    if (at === undefined) {
      rhk.push({
        id: options.newId(),
        jenis: row.jenis,
        text: row.text,
        perspektif: row.perspektif,
        rhkAtasanId: options.keepLinks ? row.rhkAtasanId : null,
        perjanjianKinerjaRef: null,
        iki: row.iki.map((iki) => ({ ...iki, id: options.newId() })),
      });
      byText.set(sameText(row.text), rhk.length - 1);
      rhkAdded++;
      ikiAdded += row.iki.length;
      for (const iki of row.iki) if (iki.target) addedTargets.push(iki.target.kind);
      continue;
    }
    const existing = rhk[at] as Rhk;
    const known = new Set(existing.iki.map((iki) => sameText(iki.indikator)));
    const added = row.iki.filter((iki) => !known.has(sameText(iki.indikator)));
    if (added.length > 0) {
      rhk[at] = { ...existing, iki: [...existing.iki, ...added.map((iki) => ({ ...iki, id: options.newId() }))] };
      ikiAdded += added.length;
      for (const iki of added) if (iki.target) addedTargets.push(iki.target.kind);
    }
  }
  let ekspektasiFilled = 0;
  const perilaku = content.perilaku.map((row) => {
    const text = template.ekspektasi[row.value]?.trim() ?? '';
    if (text === '' || row.ekspektasiKhusus.trim() !== '') return row;
    ekspektasiFilled++;
    return { ...row, ekspektasiKhusus: text };
  });
  if (rhkAdded + ikiAdded + ekspektasiFilled === 0)
    return { ok: false, reason: 'NOTHING_TO_ADD', message: 'Semua baris templat sudah ada di SKP ini.' };
  // R8: a text target belongs to KUALITATIF; an SKP with rows keeps its approach, an empty one takes the template's.
  const approach = content.rhk.length === 0 ? template.approach : content.approach;
  if (approach !== 'KUALITATIF' && addedTargets.some((kind) => kind === 'TEXT'))
    return {
      ok: false,
      reason: 'APPROACH_MISMATCH',
      message: `Target teks memerlukan pendekatan KUALITATIF; SKP ini ${approach}.`,
    };
  if (rhk.length > SKP_LIMITS.rhkPerSkp || rhk.some((row) => row.iki.length > SKP_LIMITS.ikiPerRhk))
    return {
      ok: false,
      reason: 'LIMIT_EXCEEDED',
      message: `Hasilnya melebihi ${SKP_LIMITS.rhkPerSkp} RHK per SKP atau ${SKP_LIMITS.ikiPerRhk} IKI per RHK.`,
    };
  return { ok: true, content: { ...content, approach, rhk, perilaku }, rhkAdded, ikiAdded, ekspektasiFilled };
}
