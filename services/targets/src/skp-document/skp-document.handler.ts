import { Inject, Injectable } from '@nestjs/common';
import type { LocalDate } from '@kinerja/domain';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { clamp } from '../clock.js';
import { TenantContext } from '../org/tenant-context.js';
import { SkpAccess } from '../skp/skp-access.js';
import { SkpRepository, type VersionRow } from '../skp/skp.repository.js';
import { invalid, notFound, TargetsError } from '../targets-error.js';
import {
  DOCUMENT_LANGUAGES,
  documentFilename,
  type DocumentLanguage,
  type SkpDocumentModel,
} from './skp-document.model.js';
import { SkpDocumentSources } from './skp-document.sources.js';
import { renderSkpPdf } from './skp-pdf.js';

export const DOCUMENT_OPTIONS = 'KINERJA_TARGETS_DOCUMENT_OPTIONS';
export type DocumentOptions = {
  /** The largest PDF (bytes, before base64) a reply may carry: see documentFits and decision 0012. */
  maxReplyBytes: number;
};

/** Room left in a NATS reply for the RPC envelope, the file name and headers. */
export const REPLY_ENVELOPE_BYTES = 16 * 1024;

/** Decision 0012: the PDF travels base64-encoded in the RPC reply, which must stay under NATS's max_payload. */
export function maxDocumentBytes(maxPayload: number): number {
  return Math.floor(((maxPayload - REPLY_ENVELOPE_BYTES) * 3) / 4);
}

// A version once approved (in force, under revision, or superseded and closed) carries its approval date.
const APPROVED_STATES = new Set(['APPROVED', 'REVISION', 'CLOSED']);

export type SkpDocument = { content: Buffer; filename: string; pages: number; versionNumber: number };

// The SKP as a PDF (PermenPANRB 6/2022): readable by whoever may read the SKP (R42), another tenant's SKP is
// not found (RLS). The version printed is the one in force, or the working one before the first approval, or
// the one asked for.
@Injectable()
export class SkpDocumentHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
    private readonly sources: SkpDocumentSources,
    @Inject(DOCUMENT_OPTIONS) private readonly options: DocumentOptions,
  ) {}

  async render(
    principal: Principal,
    request: { id: string; version: number; lang: string; place: string },
  ): Promise<SkpDocument> {
    const lang = this.language(request.lang);
    if (request.place.length > 100)
      throw invalid([{ field: 'place', code: 'TOO_LONG', message: 'Paling banyak 100 karakter.' }]);
    const model = await this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const agg = await this.skps.load(tx, request.id);
      if (!agg) throw notFound('SKP');
      this.access.assertReadable(await this.access.relationOf(tx, caller, agg.skp));
      let version: VersionRow | undefined = agg.inForce ?? agg.working;
      if (request.version > 0)
        version = (await this.skps.versions(tx, agg.skp.id)).find((v) => v.number === request.version);
      if (!version) throw notFound(`Versi ${request.version} SKP`);
      const approvedOn: LocalDate | null =
        APPROVED_STATES.has(version.status) && version.decidedAt
          ? this.context.clock.today(caller.timeZone, version.decidedAt)
          : null;
      // R5: the people of the document are those on its approval date (today for a draft), within the SKP's dates.
      const date = clamp(approvedOn ?? caller.today, agg.skp.startDate, agg.skp.endDate);
      const { rater, superior } = await this.sources.raters(tx, agg.skp, date, caller.profile, lang);
      const cited = await this.sources.citations(tx, agg.skp.year, version.content);
      const document: SkpDocumentModel = {
        lang,
        instansi: caller.profile.name || '-',
        year: agg.skp.year,
        startDate: agg.skp.startDate,
        endDate: agg.skp.endDate,
        approach: version.content.approach,
        jenisJabatan: agg.skp.jenisJabatan,
        versionNumber: version.number,
        versionStatus: version.status,
        employee: await this.sources.employee(tx, agg.skp, lang),
        rater,
        superior,
        rhk: version.content.rhk.map((rhk) => ({
          jenis: rhk.jenis,
          text: rhk.text,
          cited: cited.get(rhk.rhkAtasanId ?? rhk.perjanjianKinerjaRef ?? '') ?? '',
          perspektif: rhk.perspektif,
          iki: rhk.iki.map((iki) => ({
            indikator: iki.indikator,
            aspek: iki.aspek,
            target: iki.target,
            direction: iki.direction,
          })),
        })),
        perilaku: version.content.perilaku,
        lampiran: version.content.lampiran,
        approvedOn,
        place: request.place.trim(),
      };
      return { document, skpId: agg.skp.id };
    });
    const pdf = await renderSkpPdf(model.document);
    if (pdf.bytes.length > this.options.maxReplyBytes)
      throw new TargetsError(
        'DOCUMENT_TOO_LARGE',
        `Dokumen SKP (${pdf.bytes.length} bita) melebihi batas ${this.options.maxReplyBytes} bita satu balasan.`,
      );
    return {
      content: pdf.bytes,
      filename: documentFilename(model.document.employee.nip, model.skpId, model.document.year),
      pages: pdf.pages,
      versionNumber: model.document.versionNumber,
    };
  }

  private language(lang: string): DocumentLanguage {
    if (lang === '') return 'id';
    if (!(DOCUMENT_LANGUAGES as readonly string[]).includes(lang))
      throw invalid([{ field: 'lang', code: 'INVALID_VALUE', message: DOCUMENT_LANGUAGES.join(' | ') }]);
    return lang as DocumentLanguage;
  }
}
