import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { targetsV1 } from '@kinerja/contracts';
import type { Target } from '@kinerja/domain';
import type { SkpContent } from './skp-content.js';
import type { SkpAggregate, VersionRow } from './skp.repository.js';

export type SkpView = {
  employeeName?: string;
  employeeNip?: string;
  raterEmployeeId?: string;
  ratedByRegionalHead?: boolean;
  allowedActions?: readonly string[];
};

const ts = (date: Date | null) => (date ? timestampFromDate(date) : undefined);

function targetMessage(target: Target | null): targetsV1.Target | undefined {
  if (target === null) return undefined;
  if (target.kind === 'NUMERIC')
    return create(targetsV1.TargetSchema, { kind: 'NUMERIC', value: target.value, unit: target.unit });
  if (target.kind === 'RANGE')
    return create(targetsV1.TargetSchema, { kind: 'RANGE', min: target.min, max: target.max, unit: target.unit });
  return create(targetsV1.TargetSchema, { kind: 'TEXT', text: target.text });
}

export function toContentMessage(content: SkpContent): targetsV1.SkpContent {
  return create(targetsV1.SkpContentSchema, {
    approach: content.approach,
    rhk: content.rhk.map((rhk) => ({
      id: rhk.id,
      jenis: rhk.jenis,
      text: rhk.text,
      perspektif: rhk.perspektif ?? '',
      rhkAtasanId: rhk.rhkAtasanId ?? '',
      perjanjianKinerjaRef: rhk.perjanjianKinerjaRef ?? '',
      iki: rhk.iki.map((iki) => ({
        id: iki.id,
        indikator: iki.indikator,
        aspek: iki.aspek ?? '',
        target: targetMessage(iki.target),
        direction: iki.direction,
      })),
    })),
    perilaku: content.perilaku.map((row) => ({
      value: row.value,
      panduan: [...row.panduan],
      ekspektasiKhusus: row.ekspektasiKhusus,
    })),
    lampiran: content.lampiran
      ? {
          dukunganSumberDaya: [...content.lampiran.dukunganSumberDaya],
          skemaPertanggungjawaban: [...content.lampiran.skemaPertanggungjawaban],
          konsekuensi: [...content.lampiran.konsekuensi],
        }
      : undefined,
  });
}

export function toVersionMessage(v: VersionRow): targetsV1.SkpVersion {
  return create(targetsV1.SkpVersionSchema, {
    number: v.number,
    status: v.status,
    content: toContentMessage(v.content),
    createdAt: ts(v.createdAt),
    submittedAt: ts(v.submittedAt),
    decidedAt: ts(v.decidedAt),
    reason: v.reason ?? '',
  });
}

export function toSkpMessage(
  tenantId: string,
  { skp, working, inForce }: SkpAggregate,
  view: SkpView = {},
): targetsV1.Skp {
  return create(targetsV1.SkpSchema, {
    id: skp.id,
    tenantId,
    employeeId: skp.employeeId,
    year: skp.year,
    position: {
      unitId: skp.unitId,
      positionName: skp.positionName,
      jenisJabatan: skp.jenisJabatan,
      jenjang: skp.jenjang,
      assignmentFrom: skp.assignmentFrom,
    },
    startDate: skp.startDate,
    endDate: skp.endDate,
    status: skp.status,
    working: toVersionMessage(working),
    inForce: inForce ? toVersionMessage(inForce) : undefined,
    late: skp.late,
    dueBy: skp.dueBy,
    onBehalf: skp.onBehalf,
    approvedOn: skp.approvedOn ?? '',
    closedOn: skp.closedOn ?? '',
    closeReason: skp.closeReason ?? '',
    version: BigInt(skp.version),
    allowedActions: [...(view.allowedActions ?? [])],
    employeeName: view.employeeName ?? '',
    employeeNip: view.employeeNip ?? '',
    raterEmployeeId: view.raterEmployeeId ?? '',
    ratedByRegionalHead: view.ratedByRegionalHead ?? false,
    positionChangeOn: skp.positionChangeOn ?? '',
    createdAt: ts(skp.createdAt),
  });
}
