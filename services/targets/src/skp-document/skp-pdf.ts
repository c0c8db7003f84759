import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  formatTarget,
  LABELS,
  longDate,
  perilakuLabel,
  type DocumentLabels,
  type PersonBlock,
  type SkpDocumentModel,
} from './skp-document.model.js';

// Prints the SKP in the layout of PermenPANRB 6/2022's SKP format (A4 portrait): title and period, the identity
// blocks of the employee, the rater and the rater's superior, the RHK/IKI table (UTAMA then TAMBAHAN) with the
// rater's RHK each one supports (R9), the seven BerAKHLAK rows with the rater's expectations (R10), the signatures,
// then the lampiran with its own signatures. DejaVu Sans is embedded (subset) so any text prints, and pdftotext
// reads it back. Tables break between rows and repeat their header; a row never splits.

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const fontFiles = () =>
  (fonts ??= {
    regular: readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')),
    bold: readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
  });

const MARGIN = 40;
const FOOTER_SPACE = 24;
const PAD = 3;
const BODY = 8;
const GREY = '#e6e6e6';

type Cell = { text: string; bold?: boolean; align?: 'left' | 'center'; fill?: string; span?: number };
type Doc = PDFKit.PDFDocument;

export type RenderedPdf = { bytes: Buffer; pages: number };

export async function renderSkpPdf(model: SkpDocumentModel): Promise<RenderedPdf> {
  // pdfkit is loaded with the first document, not at boot (about 24 MB an idle targets process would hold).
  const { default: PDFDocument } = await import('pdfkit');
  const labels = LABELS[model.lang];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    compress: true,
    lang: model.lang === 'id' ? 'id-ID' : 'en-GB',
    info: {
      Title: `${labels.title} ${model.employee.name} ${model.year}`,
      Author: model.instansi,
      Subject: `SKP ${model.employee.nip} ${model.year}`,
      Creator: 'Kinerja',
      // A fixed date keeps equal SKPs printing equal bytes.
      CreationDate: new Date(`${model.approvedOn ?? model.startDate}T00:00:00Z`),
    },
  });
  const { regular, bold } = fontFiles();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  header(doc, model, labels);
  identity(doc, model, labels);
  hasilKerja(doc, model, labels);
  perilaku(doc, model, labels);
  signatures(doc, model, labels);
  doc.addPage();
  lampiran(doc, model, labels);
  signatures(doc, model, labels);
  const pages = footers(doc, model, labels);
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), pages };
}

const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function heading(doc: Doc, text: string, size = 10, align: 'left' | 'center' = 'left'): void {
  doc.font('bold').fontSize(size).fillColor('black');
  doc.text(text, doc.page.margins.left, doc.y, { width: width(doc), align });
}

function header(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): void {
  heading(doc, labels.title, 13, 'center');
  heading(doc, labels.subtitle(model.approach, model.jenisJabatan), 9, 'center');
  doc.moveDown(0.6);
  const left = doc.page.margins.left;
  doc.font('bold').fontSize(BODY);
  doc.text(`${labels.instansi}: ${model.instansi.toUpperCase()}`, left, doc.y, { width: width(doc) });
  doc.text(labels.period(longDate(model.startDate, model.lang), longDate(model.endDate, model.lang)), left, doc.y, {
    width: width(doc),
  });
  doc.font('regular').fontSize(BODY);
  const status = `${labels.status[model.versionStatus]} · v${model.versionNumber}`;
  doc.text(
    model.approvedOn ? `${labels.approvedOn(longDate(model.approvedOn, model.lang))} (${status})` : status,
    left,
    doc.y,
    { width: width(doc), align: 'right' },
  );
  if (!model.approvedOn) {
    doc.font('bold').fontSize(9).fillColor('#b00000');
    doc.text(labels.draft, left, doc.y, { width: width(doc), align: 'center' });
    doc.fillColor('black');
  }
  doc.moveDown(0.5);
}

// Column widths as fractions of the text width (515 pt on A4 with 40 pt margins).
const cols = (doc: Doc, fractions: readonly number[]) => fractions.map((f) => f * width(doc));

function cellHeight(doc: Doc, cell: Cell, w: number, size: number): number {
  doc.font(cell.bold ? 'bold' : 'regular').fontSize(size);
  return doc.heightOfString(cell.text || ' ', { width: w - 2 * PAD }) + 2 * PAD;
}

// Leaves doc.y where it was: the caller moves down by the row's height.
function drawCell(doc: Doc, cell: Cell, x: number, y: number, w: number, h: number, size: number): void {
  const at = doc.y;
  if (cell.fill) doc.rect(x, y, w, h).fill(cell.fill).fillColor('black');
  doc.lineWidth(0.5).rect(x, y, w, h).stroke();
  doc.font(cell.bold ? 'bold' : 'regular').fontSize(size);
  doc.text(cell.text, x + PAD, y + PAD, { width: w - 2 * PAD, align: cell.align ?? 'left' });
  doc.y = at;
}

/** Widths of a row's cells, joining spanned columns. */
function spans(row: readonly Cell[], widths: readonly number[]): number[] {
  const result: number[] = [];
  let col = 0;
  for (const cell of row) {
    const span = cell.span ?? 1;
    result.push(widths.slice(col, col + span).reduce((a, b) => a + b, 0));
    col += span;
  }
  return result;
}

/**
 * A block of rows kept together when it fits on a page: `lead` cells (the first columns) span every row of
 * `rows` (the other columns), like the RHK spanning its IKI. A block taller than a page is printed row by row
 * with the lead repeated in its first row only.
 */
type Block = { lead: Cell[]; rows: Cell[][] };

const leadColumns = (block: Block) => block.lead.reduce((n, c) => n + (c.span ?? 1), 0);

function blockHeights(doc: Doc, block: Block, widths: readonly number[], size: number) {
  const leadWidths = spans(block.lead, widths);
  const restWidths = widths.slice(leadColumns(block));
  const lead = Math.max(...block.lead.map((c, i) => cellHeight(doc, c, leadWidths[i] ?? 0, size)));
  const rows = block.rows.map((row) =>
    Math.max(...row.map((c, i) => cellHeight(doc, c, spans(row, restWidths)[i] ?? 0, size))),
  );
  return {
    lead,
    rows,
    total: Math.max(
      lead,
      rows.reduce((a, b) => a + b, 0),
    ),
  };
}

function table(doc: Doc, widths: readonly number[], head: Cell[], blocks: readonly Block[]): void {
  const left = doc.page.margins.left;
  const drawHead = () => {
    const h = Math.max(...head.map((c, i) => cellHeight(doc, c, spans(head, widths)[i] ?? 0, BODY)));
    let x = left;
    head.forEach((c, i) => {
      const w = spans(head, widths)[i] ?? 0;
      drawCell(doc, { fill: GREY, bold: true, align: 'center', ...c }, x, doc.y, w, h, BODY);
      x += w;
    });
    doc.y += h;
  };
  const newPage = () => {
    doc.addPage();
    drawHead();
  };
  if (doc.y + 60 > bottom(doc)) doc.addPage();
  drawHead();
  for (const block of blocks) {
    // The largest type that lets a block's tallest row fit on an empty page (long texts within SKP_LIMITS do).
    const room = bottom(doc) - doc.page.margins.top - 40;
    let size = BODY;
    let heights = blockHeights(doc, block, widths, size);
    while (size > 5 && Math.max(heights.lead, ...heights.rows) > room)
      heights = blockHeights(doc, block, widths, --size);
    const leadWidths = spans(block.lead, widths);
    const restWidths = widths.slice(leadColumns(block));
    const drawRows = (rows: Cell[][], rowHeights: number[], x0: number) => {
      rows.forEach((row, r) => {
        const h = rowHeights[r] ?? 0;
        let x = x0;
        row.forEach((c, i) => {
          const w = spans(row, restWidths)[i] ?? 0;
          drawCell(doc, c, x, doc.y, w, h, size);
          x += w;
        });
        doc.y += h;
      });
    };
    const leadWidth = leadWidths.reduce((a, b) => a + b, 0);
    if (heights.total <= room) {
      if (doc.y + heights.total > bottom(doc)) newPage();
      const y = doc.y;
      let x = left;
      block.lead.forEach((c, i) => {
        drawCell(doc, c, x, y, leadWidths[i] ?? 0, heights.total, size);
        x += leadWidths[i] ?? 0;
      });
      // The last row takes the height the lead needs beyond the rows.
      const extra = heights.total - heights.rows.reduce((a, b) => a + b, 0);
      const rowHeights = heights.rows.map((h, i) => (i === heights.rows.length - 1 ? h + extra : h));
      if (block.rows.length === 0) doc.y = y + heights.total;
      else drawRows(block.rows, rowHeights, left + leadWidth);
      continue;
    }
    // Taller than a page: one row at a time, the lead in the first row's height.
    block.rows.forEach((row, r) => {
      const lead = r === 0 ? block.lead : block.lead.map(() => ({ text: '' }));
      const h = Math.max(heights.rows[r] ?? 0, r === 0 ? heights.lead : 0);
      if (doc.y + h > bottom(doc)) newPage();
      const y = doc.y;
      let x = left;
      lead.forEach((c, i) => {
        drawCell(doc, c, x, y, leadWidths[i] ?? 0, h, size);
        x += leadWidths[i] ?? 0;
      });
      drawRows([row], [h], left + leadWidth);
    });
  }
  doc.x = left;
  doc.moveDown(0.8);
}

const personCells = (p: PersonBlock): Cell[] => [
  { text: p.name },
  { text: p.nip },
  { text: p.pangkat },
  { text: p.jabatan },
  { text: p.unit },
];

function identity(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): void {
  const widths = cols(doc, [0.19, 0.27, 0.27, 0.27]);
  const people = [model.employee, model.rater, model.superior].map(personCells);
  const blocks: Block[] = labels.identityRows.map((label, r) => ({
    lead: [{ text: label, bold: true }],
    rows: [people.map((cells) => cells[r] as Cell)],
  }));
  table(
    doc,
    widths,
    labels.identityHeaders.map((text) => ({ text })),
    blocks,
  );
}

function hasilKerja(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): void {
  heading(doc, labels.hasilKerja);
  doc.moveDown(0.3);
  const widths = cols(doc, [0.045, 0.225, 0.24, 0.1, 0.24, 0.15]);
  const blocks: Block[] = [];
  for (const jenis of ['UTAMA', 'TAMBAHAN'] as const) {
    blocks.push({ lead: [{ text: labels.jenis[jenis], bold: true, fill: GREY, span: 6 }], rows: [] });
    const rows = model.rhk.filter((r) => r.jenis === jenis);
    rows.forEach((rhk, i) => {
      const text = rhk.perspektif
        ? `${rhk.text}\n${labels.perspektifLabel}: ${labels.perspektif[rhk.perspektif]}`
        : rhk.text;
      blocks.push({
        lead: [{ text: String(i + 1), align: 'center' }, { text: rhk.cited || '-' }, { text }],
        rows: (rhk.iki.length > 0 ? rhk.iki : [null]).map((iki) =>
          iki
            ? [
                { text: iki.aspek ? labels.aspek[iki.aspek] : '-' },
                { text: iki.indikator },
                { text: formatTarget(iki.target, iki.direction, model.lang) },
              ]
            : [{ text: '-' }, { text: '-' }, { text: '-' }],
        ),
      });
    });
    if (rows.length === 0) blocks.push({ lead: [{ text: '-', span: 6, align: 'center' }], rows: [] });
  }
  table(
    doc,
    widths,
    labels.hasilKerjaHeaders.map((text) => ({ text })),
    blocks,
  );
}

function perilaku(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): void {
  heading(doc, labels.perilakuKerja);
  doc.moveDown(0.3);
  const widths = cols(doc, [0.045, 0.575, 0.38]);
  const blocks: Block[] = model.perilaku.map((row, i) => ({
    lead: [{ text: String(i + 1), align: 'center' }],
    rows: [
      [
        {
          text: `${perilakuLabel(row.value, model.lang)}\n${row.panduan.map((p, n) => `${n + 1}. ${p}`).join('\n')}`,
        },
        { text: row.ekspektasiKhusus || '-' },
      ],
    ],
  }));
  table(
    doc,
    widths,
    labels.perilakuHeaders.map((text) => ({ text })),
    blocks,
  );
}

function lampiran(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): void {
  heading(doc, labels.lampiranTitle, 11, 'center');
  doc.moveDown(0.8);
  const lists = model.lampiran
    ? [model.lampiran.dukunganSumberDaya, model.lampiran.skemaPertanggungjawaban, model.lampiran.konsekuensi]
    : [[], [], []];
  const widths = cols(doc, [0.045, 0.955]);
  labels.lampiran.forEach((title, i) => {
    const items = lists[i] ?? [];
    table(
      doc,
      widths,
      [{ text: title, span: 2, align: 'left' }],
      (items.length > 0 ? items : ['-']).map((item, n) => ({
        lead: [{ text: items.length > 0 ? String(n + 1) : '', align: 'center' }],
        rows: [[{ text: item }]],
      })),
    );
  });
}

function signatures(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): void {
  const needed = 120;
  if (doc.y + needed > bottom(doc)) doc.addPage();
  const left = doc.page.margins.left;
  const half = width(doc) / 2;
  const date = model.approvedOn ? longDate(model.approvedOn, model.lang) : '....................';
  const place = model.place || '....................';
  const y = doc.y + 6;
  const column = (x: number, top: string, role: string, person: PersonBlock) => {
    doc.font('regular').fontSize(9);
    doc.text(top, x, y, { width: half - 10, align: 'center' });
    doc.text(role, x, doc.y, { width: half - 10, align: 'center' });
    doc.font('bold').text(person.name, x, y + 80, { width: half - 10, align: 'center', underline: true });
    doc.font('regular').text(`NIP. ${person.nip}`, x, doc.y, { width: half - 10, align: 'center' });
  };
  column(left, ' ', labels.signedAs[0], model.employee);
  column(left + half + 10, `${place}, ${date}`, labels.signedAs[1], model.rater);
  doc.x = left;
  doc.y = y + needed;
}

function footers(doc: Doc, model: SkpDocumentModel, labels: DocumentLabels): number {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing below the bottom margin would open a new page; the footer lives there, so lift the margin first.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7).fillColor('#555555');
    doc.text(
      labels.footer(model.employee.nip, model.year, model.versionNumber, i + 1, range.count),
      doc.page.margins.left,
      doc.page.height - MARGIN - 4,
      { width: width(doc), align: 'center', lineBreak: false },
    );
    doc.fillColor('black');
    doc.page.margins.bottom = margin;
  }
  return range.count;
}
