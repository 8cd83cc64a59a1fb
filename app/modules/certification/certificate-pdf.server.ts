import { PDFDocument, type PDFFont, type PDFPage, type RGB, StandardFonts, rgb, setCharacterSpacing } from "pdf-lib";
import QRCode from "qrcode";
import { Invalid } from "~/modules/errors";
import { formatCertificateDate } from "./dates";
import { assessorsOf, type Transcript } from "./transcript";

export type CertificateForPdf = {
  code: string;
  holderName: string;
  programme: string;
  clinicName: string | null;
  /** ms since epoch */
  issuedAt: number;
  /** ms since epoch */
  expiresAt: number;
  /** absolute URL of the public verification page; the QR code encodes exactly this */
  verifyUrl: string;
  /** What the holder did to earn it; when present, a second page lists it with the assessors' names. */
  transcript?: Transcript | null;
};

// A4 landscape, in points.
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 } as const;

const hex = (value: string): RGB => rgb(parseInt(value.slice(1, 3), 16) / 255, parseInt(value.slice(3, 5), 16) / 255, parseInt(value.slice(5, 7), 16) / 255);

// The site's palette (tailwind.config.ts): ink and the brand greens, plus stone greys.
const colour = {
  ink: hex("#1c1917"),
  inkSoft: hex("#44403c"),
  muted: hex("#78716c"),
  brand600: hex("#2f6b4f"),
  brand700: hex("#25563f"),
  brand800: hex("#1d4432"),
  white: rgb(1, 1, 1),
};

// Letters that the standard fonts cannot draw and that do not decompose into a base letter plus
// accents. Anything still unknown becomes "?" so a lost character stays visible.
const TRANSLITERATIONS: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  Ŀ: "L",
  ŀ: "l",
  ĸ: "k",
  ſ: "s",
  Ŋ: "N",
  ŋ: "n",
  Ŧ: "T",
  ŧ: "t",
  Ə: "E",
  ə: "e",
  Ɨ: "I",
  ɨ: "i",
  Ø: "O",
  ø: "o",
  Ǿ: "O",
  ǿ: "o",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2032": "'",
  "\u2033": '"',
  "\u02BC": "'",
  "\u02BB": "'",
};

/**
 * Rewrites text into what a standard (WinAnsi) font can draw: supported characters stay, accented
 * letters outside WinAnsi lose their accents (ő → o), ligatures and other compatibility forms are
 * spelled out (ﬁ → fi), a few letters are transliterated (Ł → L),
 * anything else becomes "?". Line breaks and other whitespace collapse to single spaces.
 */
export function toDrawableText(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  const canDraw = (s: string) => [...s].every((ch) => supported.has(ch.codePointAt(0) ?? -1));
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (/\s/u.test(ch)) out += " ";
    else if (/\p{C}/u.test(ch)) continue;
    else if (canDraw(ch)) out += ch;
    else {
      const stripped = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      const fallback = TRANSLITERATIONS[ch];
      if (stripped && stripped !== ch && canDraw(stripped)) out += stripped;
      else if (fallback) out += fallback;
      else out += "?";
    }
  }
  return out.replace(/ {2,}/g, " ").trim();
}

type Fonts = { serif: PDFFont; serifItalic: PDFFont; sans: PDFFont; sansBold: PDFFont };

/** Width of text drawn with extra space after each character but the last. */
function trackedWidth(text: string, font: PDFFont, size: number, tracking: number): number {
  return font.widthOfTextAtSize(text, size) + tracking * Math.max(0, [...text].length - 1);
}

/**
 * The largest size from `max` down to `min` (half-point steps) at which text fits, else `min`.
 * Letter-spacing is given in ems so that it shrinks with the text.
 */
function fitSize(text: string, font: PDFFont, maxWidth: number, max: number, min: number, trackingEm = 0): number {
  for (let size = max; size > min; size -= 0.5) {
    if (trackedWidth(text, font, size, trackingEm * size) <= maxWidth) return size;
  }
  return min;
}

/** Cuts text to fit, ending it with an ellipsis; used only past the smallest readable size. */
function truncate(text: string, font: PDFFont, size: number, maxWidth: number, tracking = 0): string {
  if (trackedWidth(text, font, size, tracking) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && trackedWidth(`${chars.join("").trimEnd()}…`, font, size, tracking) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

type TextStyle = { font: PDFFont; size: number; color: RGB; tracking?: number };

function drawText(page: PDFPage, text: string, x: number, y: number, style: TextStyle) {
  const tracking = style.tracking ?? 0;
  if (tracking) page.pushOperators(setCharacterSpacing(tracking));
  page.drawText(text, { x, y, font: style.font, size: style.size, color: style.color });
  if (tracking) page.pushOperators(setCharacterSpacing(0));
}

function drawCentred(page: PDFPage, text: string, y: number, style: TextStyle) {
  const width = trackedWidth(text, style.font, style.size, style.tracking ?? 0);
  drawText(page, text, (A4_LANDSCAPE.width - width) / 2, y, style);
}

/** The favicon's mark: seven pigment dots on a rounded brand square, `size` points wide. */
function drawMark(page: PDFPage, x: number, y: number, size: number) {
  const s = size / 24;
  const r = 5 * s;
  const w = size;
  // SVG coordinates run downwards from (x, y + size), the square's top-left corner.
  page.drawSvgPath(`M ${r} 0 H ${w - r} Q ${w} 0 ${w} ${r} V ${w - r} Q ${w} ${w} ${w - r} ${w} H ${r} Q 0 ${w} 0 ${w - r} V ${r} Q 0 0 ${r} 0 Z`, {
    x,
    y: y + size,
    color: colour.brand700,
  });
  for (const [cx, cy] of [
    [7, 7],
    [13, 7],
    [8, 13],
    [14, 13],
    [7, 19],
    [13, 19],
    [19, 10],
  ] as const) {
    page.drawCircle({ x: x + cx * s, y: y + size - cy * s, size: 2 * s, color: colour.white });
  }
}

/** A halftone of dots that fade out from a corner of the frame; `dx`/`dy` point inwards. */
function drawCornerStipple(page: PDFPage, x: number, y: number, dx: 1 | -1, dy: 1 | -1) {
  const steps = 7;
  const pitch = 7;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps - i; j++) {
      const radius = 1.7 * (1 - (i + j) / steps);
      if (radius < 0.3) continue;
      page.drawCircle({ x: x + dx * i * pitch, y: y + dy * j * pitch, size: radius, color: colour.brand600, opacity: 0.85 });
    }
  }
}

/** The QR code as vector squares (one path, runs of dark modules merged), `size` points wide. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const unit = size / n;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      parts.push(`M ${start * unit} ${row * unit} h ${(col - start) * unit} v ${unit} h ${-(col - start) * unit} Z`);
    }
  }
  page.drawSvgPath(parts.join(" "), { x, y: y + size, color: colour.ink });
}

function assertValid(cert: CertificateForPdf) {
  if (!Number.isFinite(cert.issuedAt) || !Number.isFinite(cert.expiresAt)) throw new Invalid("Certificate dates must be timestamps");
  if (cert.expiresAt <= cert.issuedAt) throw new Invalid("A certificate must expire after it is issued");
  let url: URL;
  try {
    url = new URL(cert.verifyUrl);
  } catch {
    throw new Invalid("The verification link must be an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Invalid("The verification link must be an http(s) URL");
}

/**
 * Renders a certificate as an A4 landscape PDF whose QR code encodes exactly `verifyUrl`: one
 * page, and a second with the transcript and the assessors' names when the certificate has one.
 * The same input gives the same bytes. Characters the standard fonts cannot draw are replaced on
 * the page (the PDF metadata keeps the name as given). Throws `Invalid` for impossible dates or a
 * verification link that is not an absolute http(s) URL.
 */
export async function certificatePdf(cert: CertificateForPdf): Promise<Uint8Array> {
  assertValid(cert);
  const { width: W, height: H } = A4_LANDSCAPE;
  const issued = formatCertificateDate(cert.issuedAt);
  const expires = formatCertificateDate(cert.expiresAt);

  // No automatic metadata: pdf-lib would otherwise stamp the current time and break determinism.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    serif: await doc.embedFont(StandardFonts.TimesRoman),
    serifItalic: await doc.embedFont(StandardFonts.TimesRomanItalic),
    sans: await doc.embedFont(StandardFonts.Helvetica),
    sansBold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const text = (value: string) => toDrawableText(value, fonts.sans);
  const holder = text(cert.holderName) || "?";
  const programme = text(cert.programme);
  const clinic = cert.clinicName ? text(cert.clinicName) : "";
  const code = text(cert.code);
  const verifyUrl = text(cert.verifyUrl);

  doc.setTitle(`${cert.programme}: ${cert.holderName}`, { showInWindowTitleBar: true });
  doc.setAuthor("Stipple");
  doc.setSubject(`Certificate of competence ${cert.code}: ${cert.programme}, issued ${issued}, valid until ${expires}. Check it at ${cert.verifyUrl}`);
  doc.setKeywords(["Stipple", "certificate", "scalp micropigmentation", cert.code]);
  doc.setCreator("Stipple");
  doc.setProducer("Stipple");
  doc.setLanguage("en-GB");
  doc.setCreationDate(new Date(cert.issuedAt));
  doc.setModificationDate(new Date(cert.issuedAt));

  const page = doc.addPage([W, H]);

  // Frame: a heavier outer rule and a hairline inside it, with stippled corners.
  page.drawRectangle({ x: 22, y: 22, width: W - 44, height: H - 44, borderColor: colour.brand800, borderWidth: 1.4 });
  page.drawRectangle({ x: 28, y: 28, width: W - 56, height: H - 56, borderColor: colour.brand700, borderWidth: 0.5 });
  const c = 40;
  drawCornerStipple(page, c, c, 1, 1);
  drawCornerStipple(page, W - c, c, -1, 1);
  drawCornerStipple(page, c, H - c, 1, -1);
  drawCornerStipple(page, W - c, H - c, -1, -1);

  // Wordmark, centred as a pair: mark + "Stipple".
  const markSize = 22;
  const wordStyle: TextStyle = { font: fonts.sansBold, size: 20, color: colour.ink, tracking: 0.4 };
  const wordWidth = trackedWidth("Stipple", wordStyle.font, wordStyle.size, 0.4);
  const pairX = (W - (markSize + 8 + wordWidth)) / 2;
  drawMark(page, pairX, H - 92, markSize);
  drawText(page, "Stipple", pairX + markSize + 8, H - 87, wordStyle);

  const contentWidth = W - 2 * 120;
  drawCentred(page, "Certificate of competence", H - 160, { font: fonts.serif, size: 42, color: colour.ink });

  const programmeUpper = programme.toUpperCase();
  const programmeSize = fitSize(programmeUpper, fonts.sans, contentWidth, 11, 7, 0.2);
  const programmeTracking = programmeSize * 0.2;
  drawCentred(page, truncate(programmeUpper, fonts.sans, programmeSize, contentWidth, programmeTracking), H - 192, {
    font: fonts.sans,
    size: programmeSize,
    color: colour.brand700,
    tracking: programmeTracking,
  });

  for (const dx of [-10, 0, 10]) page.drawCircle({ x: W / 2 + dx, y: H - 218, size: dx === 0 ? 1.8 : 1.2, color: colour.brand600 });

  drawCentred(page, "awarded to", H - 254, { font: fonts.serifItalic, size: 16, color: colour.inkSoft });
  drawHolder(page, holder, fonts.serif, contentWidth);

  page.drawLine({ start: { x: W / 2 - 170, y: 262 }, end: { x: W / 2 + 170, y: 262 }, thickness: 0.6, color: colour.brand600 });
  if (clinic) {
    const line = `Certified through ${clinic}`;
    const size = fitSize(line, fonts.sans, contentWidth, 12, 9);
    drawCentred(page, truncate(line, fonts.sans, size, contentWidth), 238, { font: fonts.sans, size, color: colour.inkSoft });
  }

  // Bottom band: dates and code on the left, the QR code on the right.
  const left = 96;
  const qrSize = 96;
  const qrX = W - 96 - qrSize;
  const qrY = 64;
  page.drawLine({ start: { x: left, y: 186 }, end: { x: W - 96, y: 186 }, thickness: 0.4, color: colour.muted, opacity: 0.6 });

  // Labels' capitals start level with the QR code's top; the caption sits on its bottom edge.
  const label: TextStyle = { font: fonts.sans, size: 7.5, color: colour.muted, tracking: 1.6 };
  const labelY = qrY + qrSize - label.size * 0.718;
  const value: TextStyle = { font: fonts.serif, size: 15, color: colour.ink };
  const columns = [
    ["ISSUED", issued],
    ["VALID UNTIL", expires],
    ["CERTIFICATE NO.", code],
  ] as const;
  columns.forEach(([name, content], i) => {
    const x = left + i * 150;
    drawText(page, name, x, labelY, label);
    drawText(page, truncate(content, value.font, value.size, 140), x, labelY - 21, value);
  });

  drawQr(page, cert.verifyUrl, qrX, qrY, qrSize);
  const captionWidth = qrX - 24 - left;
  const caption = `Scan or visit ${verifyUrl} to check this certificate`;
  const captionSize = fitSize(caption, fonts.sans, captionWidth, 9, 6.5);
  drawText(page, truncate(caption, fonts.sans, captionSize, captionWidth), left, qrY, { font: fonts.sans, size: captionSize, color: colour.muted });

  if (cert.transcript) drawTranscriptPage(doc.addPage([W, H]), fonts, cert, cert.transcript);
  return doc.save();
}

/** The second page: what the holder did, in two columns, and who assessed it. */
function drawTranscriptPage(page: PDFPage, fonts: Fonts, cert: CertificateForPdf, t: Transcript) {
  const { width: W, height: H } = A4_LANDSCAPE;
  const text = (value: string) => toDrawableText(value, fonts.sans);
  page.drawRectangle({ x: 22, y: 22, width: W - 44, height: H - 44, borderColor: colour.brand800, borderWidth: 1.4 });
  const heading: TextStyle = { font: fonts.serif, size: 24, color: colour.ink };
  const section: TextStyle = { font: fonts.sansBold, size: 10, color: colour.brand700, tracking: 1 };
  const body: TextStyle = { font: fonts.sans, size: 9.5, color: colour.ink };
  const muted: TextStyle = { font: fonts.sans, size: 8.5, color: colour.muted };
  const left = 60;
  const columnWidth = (W - 2 * left - 40) / 2;
  const right = left + columnWidth + 40;
  drawText(page, "Transcript", left, H - 80, heading);
  const hours = t.guidedHours ? ` · ${t.guidedHours} guided learning hours` : "";
  drawText(page, truncate(text(`${cert.holderName} · ${cert.programme}${hours}`), body.font, body.size, W - 2 * left), left, H - 100, body);

  // A line of text clipped to its column; returns the y of the next line.
  const line = (value: string, x: number, y: number, style: TextStyle) => {
    drawText(page, truncate(text(value), style.font, style.size, columnWidth), x, y, style);
    return y - style.size * 1.55;
  };

  let y = H - 135;
  y = line("THEORY: MODULES AND BEST QUIZ SCORES", left, y, section) - 2;
  for (const m of t.modules) y = line(`${m.title} (${m.minutes} min)${m.quizPercent === null ? "" : ` · quiz ${m.quizPercent}%`}`, left, y, body);
  if (t.examPercent !== null) y = line(`Final exam · ${t.examPercent}%`, left, y - 4, { ...body, font: fonts.sansBold });

  let r = H - 135;
  r = line("PRACTICALS PASSED", right, r, section) - 2;
  for (const p of t.practicals) {
    r = line(`${p.title}${p.passedOn ? ` · ${p.passedOn}` : ""}`, right, r, body);
    r = line(p.assessor ? `Assessed by ${p.assessor}` : "Assessor not recorded", right + 10, r, muted);
  }
  r = line("SUPERVISED CASES", right, r - 10, section) - 2;
  r = line(`${t.cases.count} countersigned${t.cases.dates.length ? `: ${t.cases.dates.join(", ")}` : ""}`, right, r, body);
  if (t.healedReviews?.count)
    r = line(`${t.healedReviews.count} healed-result review${t.healedReviews.count === 1 ? "" : "s"}: ${t.healedReviews.dates.join(", ")}`, right, r, body);
  const assessors = assessorsOf(t);
  if (assessors.cases.length) r = line(`Countersigned by ${assessors.cases.join(", ")}`, right + 10, r, muted);

  drawText(page, truncate(text(`Certificate ${cert.code} · check it at ${cert.verifyUrl}`), muted.font, muted.size, W - 2 * left), left, 48, muted);
}

/** The holder's name, as large as fits on one line, else on two balanced lines. */
function drawHolder(page: PDFPage, name: string, font: PDFFont, maxWidth: number) {
  const color = colour.ink;
  const oneLine = fitSize(name, font, maxWidth, 44, 28);
  if (font.widthOfTextAtSize(name, oneLine) <= maxWidth) {
    drawCentred(page, name, 290, { font, size: oneLine, color });
    return;
  }
  // Two lines centred on the same middle as one line would be.
  const [first, second] = splitInTwo(name, font);
  const size = Math.min(fitSize(first, font, maxWidth, 26, 16), fitSize(second, font, maxWidth, 26, 16));
  const firstY = 300 + 0.345 * size;
  drawCentred(page, truncate(first, font, size, maxWidth), firstY, { font, size, color });
  drawCentred(page, truncate(second, font, size, maxWidth), firstY - 1.15 * size, { font, size, color });
}

/** Splits at the space that makes the two lines closest in width (or mid-word if there is none). */
function splitInTwo(text: string, font: PDFFont): [string, string] {
  const words = text.split(" ");
  if (words.length < 2) {
    const chars = [...text];
    const half = Math.ceil(chars.length / 2);
    return [chars.slice(0, half).join(""), chars.slice(half).join("")];
  }
  let best: [string, string] = [words[0] ?? "", words.slice(1).join(" ")];
  let bestDiff = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(" ");
    const b = words.slice(i).join(" ");
    const diff = Math.abs(font.widthOfTextAtSize(a, 10) - font.widthOfTextAtSize(b, 10));
    if (diff < bestDiff) {
      best = [a, b];
      bestDiff = diff;
    }
  }
  return best;
}
