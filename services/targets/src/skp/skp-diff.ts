import type { Iki, Rhk, Target } from '@kinerja/domain';
import type { SkpContent } from './skp-content.js';

// A readable difference between two versions of an SKP, one sentence in Bahasa Indonesia per change, keyed by the
// stable ids of RHKs and IKIs so that a reordered row is not reported as removed and added.

export type SkpChange = {
  path: string;
  kind: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: string;
  after: string;
  description: string;
};

export function targetText(target: Target | null): string {
  if (target === null) return '(belum ada)';
  if (target.kind === 'NUMERIC') return `${target.value} ${target.unit}`.trim();
  if (target.kind === 'RANGE') return `${target.min}–${target.max} ${target.unit}`.trim();
  return target.text;
}

const quote = (text: string) => `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`;

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function fieldChanges(path: string, label: string, pairs: [string, string, string][], changes: SkpChange[]): void {
  for (const [name, before, after] of pairs)
    if (before !== after)
      changes.push({
        path: `${path}.${name}`,
        kind: 'CHANGED',
        before,
        after,
        description: `${label}: ${name} diubah dari ${quote(before || '-')} menjadi ${quote(after || '-')}.`,
      });
}

function ikiChanges(path: string, before: readonly Iki[], after: readonly Iki[], changes: SkpChange[]): void {
  const old = byId(before);
  for (const iki of after) {
    const previous = old.get(iki.id);
    const at = `${path}.iki.${iki.id}`;
    if (!previous) {
      changes.push({
        path: at,
        kind: 'ADDED',
        before: '',
        after: iki.indikator,
        description: `IKI ${quote(iki.indikator)} ditambahkan dengan target ${targetText(iki.target)}.`,
      });
      continue;
    }
    fieldChanges(
      at,
      `IKI ${quote(iki.indikator)}`,
      [
        ['indikator', previous.indikator, iki.indikator],
        ['aspek', previous.aspek ?? '', iki.aspek ?? ''],
        ['target', targetText(previous.target), targetText(iki.target)],
        ['direction', previous.direction, iki.direction],
      ],
      changes,
    );
  }
  const kept = new Set(after.map((iki) => iki.id));
  for (const iki of before)
    if (!kept.has(iki.id))
      changes.push({
        path: `${path}.iki.${iki.id}`,
        kind: 'REMOVED',
        before: iki.indikator,
        after: '',
        description: `IKI ${quote(iki.indikator)} dihapus.`,
      });
}

function rhkChanges(before: readonly Rhk[], after: readonly Rhk[], changes: SkpChange[]): void {
  const old = byId(before);
  for (const rhk of after) {
    const previous = old.get(rhk.id);
    const at = `rhk.${rhk.id}`;
    if (!previous) {
      changes.push({
        path: at,
        kind: 'ADDED',
        before: '',
        after: rhk.text,
        description: `RHK ${rhk.jenis} ${quote(rhk.text)} ditambahkan dengan ${rhk.iki.length} IKI.`,
      });
      continue;
    }
    fieldChanges(
      at,
      `RHK ${quote(rhk.text)}`,
      [
        ['text', previous.text, rhk.text],
        ['jenis', previous.jenis, rhk.jenis],
        ['perspektif', previous.perspektif ?? '', rhk.perspektif ?? ''],
        ['rhkAtasanId', previous.rhkAtasanId ?? '', rhk.rhkAtasanId ?? ''],
        ['perjanjianKinerjaRef', previous.perjanjianKinerjaRef ?? '', rhk.perjanjianKinerjaRef ?? ''],
      ],
      changes,
    );
    ikiChanges(at, previous.iki, rhk.iki, changes);
  }
  const kept = new Set(after.map((rhk) => rhk.id));
  for (const rhk of before)
    if (!kept.has(rhk.id))
      changes.push({
        path: `rhk.${rhk.id}`,
        kind: 'REMOVED',
        before: rhk.text,
        after: '',
        description: `RHK ${quote(rhk.text)} dihapus.`,
      });
}

function listChanges(
  path: string,
  label: string,
  before: readonly string[],
  after: readonly string[],
  changes: SkpChange[],
) {
  for (const item of after)
    if (!before.includes(item))
      changes.push({
        path,
        kind: 'ADDED',
        before: '',
        after: item,
        description: `${label}: ${quote(item)} ditambahkan.`,
      });
  for (const item of before)
    if (!after.includes(item))
      changes.push({
        path,
        kind: 'REMOVED',
        before: item,
        after: '',
        description: `${label}: ${quote(item)} dihapus.`,
      });
}

export function diffSkpContent(before: SkpContent, after: SkpContent): SkpChange[] {
  const changes: SkpChange[] = [];
  if (before.approach !== after.approach)
    changes.push({
      path: 'approach',
      kind: 'CHANGED',
      before: before.approach,
      after: after.approach,
      description: `Pendekatan diubah dari ${before.approach} menjadi ${after.approach}.`,
    });
  rhkChanges(before.rhk, after.rhk, changes);
  const none = { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] };
  const [l0, l1] = [before.lampiran ?? none, after.lampiran ?? none];
  listChanges(
    'lampiran.dukunganSumberDaya',
    'Dukungan sumber daya',
    l0.dukunganSumberDaya,
    l1.dukunganSumberDaya,
    changes,
  );
  listChanges(
    'lampiran.skemaPertanggungjawaban',
    'Skema pertanggungjawaban',
    l0.skemaPertanggungjawaban,
    l1.skemaPertanggungjawaban,
    changes,
  );
  listChanges('lampiran.konsekuensi', 'Konsekuensi', l0.konsekuensi, l1.konsekuensi, changes);
  after.perilaku.forEach((row, i) => {
    const previous = before.perilaku[i]?.ekspektasiKhusus ?? '';
    if (previous !== row.ekspektasiKhusus)
      changes.push({
        path: `perilaku.${row.value}.ekspektasiKhusus`,
        kind: 'CHANGED',
        before: previous,
        after: row.ekspektasiKhusus,
        description: `Ekspektasi khusus pimpinan untuk ${row.value} diubah menjadi ${quote(row.ekspektasiKhusus || '-')}.`,
      });
  });
  return changes;
}
