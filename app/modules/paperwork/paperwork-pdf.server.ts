import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from "pdf-lib";
import type { Paperwork, PaperworkItem } from "~/modules/content/schema";
import { toDrawableText } from "~/modules/certification/certificate-pdf.server";

// A4 portrait, in points; a form is written on, so lines are generous.
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
const INK = rgb(0.11, 0.1, 0.09);
const MUTED = rgb(0.47, 0.44, 0.42);
const RULE = rgb(0.6, 0.58, 0.56);

type Fonts = { regular: PDFFont; bold: PDFFont };

/** Splits text into lines that fit `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws top to bottom, starting a new page when the next block would not fit. */
class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly footer: string,
  ) {
    this.page = this.newPage();
    this.y = PAGE.height - MARGIN;
  }
  private newPage(): PDFPage {
    const page = this.doc.addPage([PAGE.width, PAGE.height]);
    page.drawText(this.footer, { x: MARGIN, y: 30, size: 8, font: this.fonts.regular, color: MUTED });
    return page;
  }
  /** Makes room for `height` points, on a new page if needed. */
  room(height: number) {
    if (this.y - height < MARGIN) {
      this.page = this.newPage();
      this.y = PAGE.height - MARGIN;
    }
  }
  text(value: string, options: { size?: number; bold?: boolean; indent?: number; color?: typeof INK; width?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const x = MARGIN + (options.indent ?? 0);
    const lines = wrap(toDrawableText(value, font), font, size, options.width ?? PAGE.width - x - MARGIN);
    this.room(lines.length * size * 1.35);
    for (const line of lines) {
      this.page.drawText(line, { x, y: this.y - size, size, font, color: options.color ?? INK });
      this.y -= size * 1.35;
    }
  }
  box(x: number) {
    this.page.drawRectangle({ x, y: this.y - 9.5, width: 9, height: 9, borderColor: INK, borderWidth: 0.8 });
  }
  writingLine(indent = 0) {
    this.room(22);
    this.y -= 20;
    this.page.drawLine({ start: { x: MARGIN + indent, y: this.y }, end: { x: PAGE.width - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
  }
  gap(points: number) {
    this.y -= points;
  }
}

function drawItem(w: Writer, item: PaperworkItem) {
  switch (item.kind) {
    case "text":
      w.text(item.text);
      w.gap(4);
      return;
    case "field":
      w.text(item.label, { bold: true, size: 9.5 });
      for (let i = 0; i < item.lines; i++) w.writingLine();
      w.gap(8);
      return;
    case "yesno": {
      const boxes = PAGE.width - MARGIN - 90;
      // The question wraps short of the boxes, never under them; boxes and question share a page.
      const width = boxes - MARGIN - 12;
      const lines = wrap(toDrawableText(item.label, w.fonts.regular), w.fonts.regular, 9.5, width).length;
      w.room(Math.max(16, lines * 9.5 * 1.35) + (item.details ? 22 : 0));
      w.box(boxes);
      w.page.drawText("Yes", { x: boxes + 13, y: w.y - 9, size: 9, font: w.fonts.regular, color: INK });
      w.box(boxes + 45);
      w.page.drawText("No", { x: boxes + 58, y: w.y - 9, size: 9, font: w.fonts.regular, color: INK });
      const start = w.y;
      w.text(item.label, { size: 9.5, width });
      if (w.y > start - 14) w.y = start - 14;
      if (item.details) w.writingLine(16);
      w.gap(6);
      return;
    }
    case "check": {
      w.room(16);
      w.box(MARGIN);
      w.text(item.label, { size: 9.5, indent: 16 });
      w.gap(6);
      return;
    }
    case "signature":
      w.room(60);
      w.text(item.label, { bold: true, size: 9.5 });
      w.writingLine();
      w.text("Signature", { size: 7.5, color: MUTED });
      w.writingLine();
      w.text("Name in capitals                                                                    Date", { size: 7.5, color: MUTED });
      w.gap(10);
      return;
  }
}

/**
 * A client form as an A4 PDF to print and fill in by hand: the clinic's name (or a line to write
 * it on), the form's sections with boxes and writing lines, and the course it comes from in the
 * footer. Deterministic: the same input gives the same bytes.
 */
export async function paperworkPdf(form: Paperwork, options: { clinicName: string | null; courseTitle: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(form.title);
  doc.setAuthor("Stipple");
  doc.setCreator("Stipple");
  doc.setProducer("Stipple");
  doc.setLanguage("en-GB");
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const w = new Writer(doc, fonts, toDrawableText(`${form.title} · ${options.courseTitle} · Stipple`, fonts.regular));
  if (options.clinicName) w.text(options.clinicName, { bold: true, size: 12 });
  else {
    w.text("Clinic", { bold: true, size: 9.5 });
    w.writingLine();
  }
  w.gap(10);
  w.text(form.title, { bold: true, size: 18 });
  w.gap(4);
  w.text(form.summary, { size: 9.5, color: MUTED });
  w.gap(10);
  for (const section of form.sections) {
    // A heading never ends a page alone: keep room for it and the first lines under it.
    w.room(90);
    w.text(section.heading, { bold: true, size: 12 });
    w.gap(4);
    for (const item of section.items) drawItem(w, item);
    w.gap(8);
  }
  return doc.save();
}
