import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { CALIBRATION_CARD } from "./calibration-card";

// A4 portrait in points; 1 mm = 72 / 25.4 pt.
const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM } as const;
const INK = rgb(0, 0, 0);
const MUTED = rgb(0.45, 0.45, 0.45);

/**
 * The printable calibration cards: six cards to cut out (a black square frame of the size the
 * analysis expects, with white paper around it) and a 50 mm line to check the printer kept the
 * scale. Same bytes every time.
 */
export async function calibrationCardPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle("Stipple calibration cards");
  doc.setCreator("Stipple");
  doc.setProducer("Stipple");
  const fixed = new Date(Date.UTC(2026, 0, 1));
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const { outerMm, borderMm, paperMarginMm } = CALIBRATION_CARD;

  let y = PAGE.height - 20 * MM;
  page.drawText("Stipple calibration cards", { x: 20 * MM, y, size: 16, font: bold, color: INK });
  const lines = [
    `Print at 100% ("actual size"), never "fit to page". Each black frame is exactly ${outerMm} mm across.`,
    "Check the line below with a ruler: it must measure 50 mm. If it does not, the printer changed the scale.",
    "Cut one card out along the grey lines, keeping the white border, and lay it flat beside the work,",
    "in the same plane as the practice skin, fully in frame and not covering any dots.",
  ];
  for (const line of lines) {
    y -= 6 * MM;
    page.drawText(line, { x: 20 * MM, y, size: 9.5, font, color: INK });
  }
  y -= 12 * MM;
  page.drawLine({ start: { x: 20 * MM, y }, end: { x: 70 * MM, y }, thickness: 0.8, color: INK });
  for (const x of [20, 70]) page.drawLine({ start: { x: x * MM, y: y - 2 * MM }, end: { x: x * MM, y: y + 2 * MM }, thickness: 0.8, color: INK });
  page.drawText("50 mm", { x: 74 * MM, y: y - 1.2 * MM, size: 9.5, font, color: INK });

  // Six cards, each with its paper margin, spaced by a gutter to cut along.
  const card = outerMm + 2 * paperMarginMm;
  const gutter = 12;
  const top = y - 20 * MM;
  for (let row = 0; row < 3; row++)
    for (let col = 0; col < 2; col++) {
      const x0 = (40 + col * (card + gutter + 30)) * MM;
      const y0 = top - row * (card + gutter + 10) * MM - card * MM;
      page.drawRectangle({ x: x0, y: y0, width: card * MM, height: card * MM, borderColor: MUTED, borderWidth: 0.4, borderDashArray: [3, 2] });
      const fx = x0 + paperMarginMm * MM;
      const fy = y0 + paperMarginMm * MM;
      // The frame as four filled bars, so no stroke width or join can change its size.
      page.drawRectangle({ x: fx, y: fy, width: outerMm * MM, height: borderMm * MM, color: INK });
      page.drawRectangle({ x: fx, y: fy + (outerMm - borderMm) * MM, width: outerMm * MM, height: borderMm * MM, color: INK });
      page.drawRectangle({ x: fx, y: fy, width: borderMm * MM, height: outerMm * MM, color: INK });
      page.drawRectangle({ x: fx + (outerMm - borderMm) * MM, y: fy, width: borderMm * MM, height: outerMm * MM, color: INK });
      page.drawText(`${outerMm} mm`, { x: x0 + (card + 2) * MM, y: y0 + (card / 2 - 1) * MM, size: 8, font, color: MUTED });
    }
  return doc.save({ useObjectStreams: false });
}
