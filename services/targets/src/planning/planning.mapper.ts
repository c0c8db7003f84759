import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { targetsV1 } from '@kinerja/contracts';
import type { JobRow, TemplateRow } from './planning.repository.js';

const target = (t: TemplateRow['rhk'][number]['iki'][number]['target']) =>
  t === null
    ? undefined
    : t.kind === 'NUMERIC'
      ? { kind: 'NUMERIC', value: t.value, unit: t.unit }
      : t.kind === 'RANGE'
        ? { kind: 'RANGE', min: t.min, max: t.max, unit: t.unit }
        : { kind: 'TEXT', text: t.text };

export function toTemplateMessage(t: TemplateRow): targetsV1.SkpTemplate {
  return create(targetsV1.SkpTemplateSchema, {
    id: t.id,
    name: t.name,
    description: t.description,
    scope: t.scope,
    ownerEmployeeId: t.scope === 'OWN' ? (t.ownerEmployeeId ?? '') : '',
    approach: t.approach,
    rhk: t.rhk.map((row) => ({
      jenis: row.jenis,
      text: row.text,
      perspektif: row.perspektif ?? '',
      rhkAtasanId: row.rhkAtasanId ?? '',
      iki: row.iki.map((iki) => ({
        indikator: iki.indikator,
        aspek: iki.aspek ?? '',
        target: target(iki.target),
        direction: iki.direction,
      })),
    })),
    ekspektasi: { ...t.ekspektasi },
    version: BigInt(t.version),
    createdAt: timestampFromDate(t.createdAt),
    updatedAt: timestampFromDate(t.updatedAt),
  });
}

/** A job still RUNNING whose heartbeat is this old stopped with its process. */
export const JOB_STALE_MS = 120_000;

export function toJobMessage(job: JobRow, now: Date): targetsV1.SkpApplyJob {
  const stale = job.state === 'RUNNING' && now.getTime() - job.updatedAt.getTime() > JOB_STALE_MS;
  return create(targetsV1.SkpApplyJobSchema, {
    id: job.id,
    kind: job.kind,
    templateId: job.templateId ?? '',
    year: job.year,
    state: stale ? 'INTERRUPTED' : job.state,
    total: job.total,
    processed: job.processed,
    report: {
      created: job.report.created,
      extended: job.report.extended,
      skipped: job.report.skipped.map((s) => ({ ...s, skpId: s.skpId ?? '' })),
    },
    startedAt: timestampFromDate(job.startedAt),
    finishedAt: job.finishedAt ? timestampFromDate(job.finishedAt) : undefined,
  });
}
