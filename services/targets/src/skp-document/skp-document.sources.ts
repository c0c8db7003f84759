import { Injectable } from '@nestjs/common';
import { GOLONGAN, pangkatOf, type Golongan, type LocalDate, type RaterRole } from '@kinerja/domain';
import { OrgDirectory, type TenantProfile } from '@kinerja/org-projection';
import type { TenantTx } from '@kinerja/platform/database';
import { AgreementRepository } from '../organisation/agreement.repository.js';
import type { SkpContent } from '../skp/skp-content.js';
import type { SkpRow } from '../skp/skp.repository.js';
import { SkpRepository } from '../skp/skp.repository.js';
import { jenisJabatanLabel, LABELS, type DocumentLanguage, type PersonBlock } from './skp-document.model.js';

// What the document needs besides the SKP itself: the identity blocks from the org projection on the document's
// date (R5), and the texts the RHK cite (R9): the rater's RHK, or the perjanjian kinerja result for the top head.

const EMPTY = '-';

function pangkat(golongan: string): string {
  if (!(GOLONGAN as readonly string[]).includes(golongan)) return EMPTY;
  const name = pangkatOf(golongan as Golongan);
  return name.ok ? `${name.value}, ${golongan}` : golongan;
}

@Injectable()
export class SkpDocumentSources {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
    private readonly agreements: AgreementRepository,
  ) {}

  /** The employee as the SKP's position describes them (unit and jabatan of the SKP, R8). */
  async employee(tx: TenantTx, skp: SkpRow, lang: DocumentLanguage): Promise<PersonBlock> {
    const [person] = await this.directory.employees(tx, [skp.employeeId]);
    const [unit] = await this.directory.units(tx, [skp.unitId]);
    return {
      name: person?.name || EMPTY,
      nip: person?.nip || EMPTY,
      pangkat: pangkat(person?.golongan ?? ''),
      jabatan: skp.positionName || jenisJabatanLabel(skp.jenisJabatan, lang),
      unit: unit?.name || EMPTY,
    };
  }

  /** R5: the rater and the rater's superior of the employee on the date. */
  async raters(
    tx: TenantTx,
    skp: SkpRow,
    date: LocalDate,
    profile: TenantProfile,
    lang: DocumentLanguage,
  ): Promise<{ rater: PersonBlock; superior: PersonBlock }> {
    const { resolution } = await this.directory.raterOn(tx, skp.employeeId, date, {
      regionalHeadSubject: profile.regionalHeadSubject,
    });
    if (!resolution.ok) return { rater: this.unknown(), superior: this.unknown() };
    return {
      rater: await this.role(tx, resolution.value.rater, date, profile, lang),
      superior: await this.role(tx, resolution.value.raterSuperior, date, profile, lang),
    };
  }

  /** R9: the cited texts by RHK id (rater's RHK) and by perjanjian kinerja result id. */
  async citations(tx: TenantTx, year: number, content: SkpContent): Promise<Map<string, string>> {
    const texts = await this.skps.rhkTexts(
      tx,
      content.rhk.flatMap((r) => (r.rhkAtasanId ? [r.rhkAtasanId] : [])),
    );
    if (content.rhk.some((r) => r.perjanjianKinerjaRef)) {
      const agreement = await this.agreements.ofYear(tx, year);
      for (const result of agreement?.results ?? []) texts.set(result.id, result.text);
    }
    return texts;
  }

  private async role(
    tx: TenantTx,
    role: RaterRole,
    date: LocalDate,
    profile: TenantProfile,
    lang: DocumentLanguage,
  ): Promise<PersonBlock> {
    if (role.isRegionalHead)
      return {
        name: LABELS[lang].regionalHead,
        nip: EMPTY,
        pangkat: EMPTY,
        jabatan: LABELS[lang].regionalHead,
        unit: profile.name || EMPTY,
      };
    const [person] = await this.directory.employees(tx, [role.id]);
    const placement = await this.directory.placementOn(tx, role.id, date);
    const [unit] = placement ? await this.directory.units(tx, [placement.unitId]) : [];
    return {
      name: person?.name || EMPTY,
      nip: person?.nip || EMPTY,
      pangkat: pangkat(person?.golongan ?? ''),
      jabatan:
        placement?.positionName ||
        unit?.headPositionName ||
        (placement ? jenisJabatanLabel(placement.jenisJabatan, lang) : EMPTY),
      unit: unit?.name || EMPTY,
    };
  }

  private unknown(): PersonBlock {
    return { name: EMPTY, nip: EMPTY, pangkat: EMPTY, jabatan: EMPTY, unit: EMPTY };
  }
}
