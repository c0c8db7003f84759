import { Injectable } from '@nestjs/common';
import { JENIS_JABATAN, skpCompleteness, type Issue, type JenisJabatan, type RaterSkp } from '@kinerja/domain';
import { OrgDirectory } from '@kinerja/org-projection';
import type { TenantTx } from '@kinerja/platform/database';
import { AgreementRepository } from '../organisation/agreement.repository.js';
import { TargetsError } from '../targets-error.js';
import type { SkpRelation } from './skp-access.js';
import type { SkpAggregate } from './skp.repository.js';
import { SkpRepository } from './skp.repository.js';

// R12 with R9 as the projection sees it on the SKP's date: every missing item, with the reason a cascade link fails
// (the cited RHK belongs to someone who is not the rater, or to an SKP of the rater that is not approved).
@Injectable()
export class SkpCompletenessCheck {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
    private readonly agreements: AgreementRepository,
  ) {}

  async missing(tx: TenantTx, { skp, working }: SkpAggregate, relation: SkpRelation): Promise<Issue[]> {
    const resolution = relation.resolution;
    if (!resolution)
      throw new TargetsError('ORG_DATA_MISSING', `Pejabat penilai pada ${relation.date} tidak dapat ditentukan (R5).`);
    if (!(JENIS_JABATAN as readonly string[]).includes(skp.jenisJabatan))
      throw new TargetsError('ORG_DATA_MISSING', 'Jenis jabatan pegawai belum tercatat (R4).');
    const rater = resolution.rater;
    const isTopUnitHead = rater.isRegionalHead;
    let raterSkp: RaterSkp = null;
    const raterRhk = new Set<string>();
    // R9 with R5: an acting head rates against the results of the position; an RHK of the definitive head's
    // approved SKP may be cited as well as one of the acting head's own.
    const raters = new Set<string>();
    if (!isTopUnitHead) {
      raters.add(rater.id);
      const definitive = await this.directory.raterOn(tx, skp.employeeId, relation.date, { definitive: true });
      if (definitive.resolution.ok && !definitive.resolution.value.rater.isRegionalHead)
        raters.add(definitive.resolution.value.rater.id);
    }
    for (const raterId of raters) {
      const inForce = await this.skps.inForceOf(tx, raterId, skp.year);
      const chosen =
        inForce.find((s) => s.skp.startDate <= relation.date && relation.date <= s.skp.endDate) ?? inForce.at(-1);
      if (chosen) for (const rhk of chosen.content.rhk) raterRhk.add(rhk.id);
    }
    if (raterRhk.size > 0) raterSkp = { year: skp.year, status: 'APPROVED', rhkIds: [...raterRhk] };
    const result = skpCompleteness(
      {
        year: skp.year,
        approach: working.content.approach,
        jenisJabatan: skp.jenisJabatan as JenisJabatan,
        isTopUnitHead,
        rhk: working.content.rhk,
        perilaku: working.content.perilaku,
        lampiran: working.content.lampiran,
      },
      raterSkp,
    );
    if (!result.ok) throw new TargetsError('VALIDATION_FAILED', result.error.text.id, result.error.issues);
    // The domain says a link is not in the rater's SKP; say whose SKP it is in instead.
    const missing = result.value.missing.filter((m) => m.code !== 'CASCADE_NOT_IN_RATER_SKP');
    if (isTopUnitHead) {
      const agreement = await this.agreements.ofYear(tx, skp.year);
      const results = new Set(agreement?.results.map((r) => r.id) ?? []);
      working.content.rhk.forEach((rhk, i) => {
        if (rhk.perjanjianKinerjaRef && !results.has(rhk.perjanjianKinerjaRef))
          missing.push({
            field: `rhk.${i}.perjanjianKinerjaRef`,
            code: 'PERJANJIAN_KINERJA_NOT_FOUND',
            message: `Sasaran ini tidak ada dalam perjanjian kinerja ${skp.year} (R9).`,
          });
      });
      return missing;
    }
    for (const [i, rhk] of working.content.rhk.entries()) {
      if (rhk.rhkAtasanId === null || raterRhk.has(rhk.rhkAtasanId)) continue;
      missing.push(await this.cascadeReason(tx, i, rhk.rhkAtasanId, raters, skp.year, relation.date));
    }
    return missing;
  }

  private async cascadeReason(
    tx: TenantTx,
    index: number,
    rhkId: string,
    raters: ReadonlySet<string>,
    year: number,
    date: string,
  ): Promise<Issue> {
    const field = `rhk.${index}.rhkAtasanId`;
    const holders = await this.skps.holdersOfRhk(tx, rhkId);
    const ofRater = holders.find((h) => raters.has(h.employeeId) && h.year === year);
    if (ofRater)
      return {
        field,
        code: 'CASCADE_RATER_SKP_NOT_APPROVED',
        message: `RHK yang dirujuk ada pada SKP pejabat penilai ${year} yang belum disetujui (R9).`,
      };
    const other = holders.find((h) => !raters.has(h.employeeId)) ?? holders[0];
    if (other) {
      const owner = await this.directory.employee(tx, other.employeeId);
      return {
        field,
        code: 'CASCADE_NOT_IN_RATER_SKP',
        message: `RHK yang dirujuk milik SKP ${owner?.name ?? other.employeeId} ${other.year}, bukan pejabat penilai Anda pada ${date} (R9).`,
      };
    }
    return { field, code: 'CASCADE_NOT_IN_RATER_SKP', message: 'RHK yang dirujuk tidak ditemukan (R9).' };
  }
}
