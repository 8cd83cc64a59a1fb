import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { A4_LANDSCAPE, type CertificateForPdf, certificatePdf, toDrawableText } from "~/modules/certification/certificate-pdf.server";
import { formatCertificateDate } from "~/modules/certification/dates";
import { Invalid } from "~/modules/errors";

const cert: CertificateForPdf = {
  code: "STP-7KQ2-M9XD",
  holderName: "Amara Okonkwo-Reyes",
  programme: "SMP Practitioner Certificate",
  clinicName: "Hairline Studio, Manchester",
  issuedAt: Date.UTC(2026, 10, 21, 10, 30),
  expiresAt: Date.UTC(2028, 10, 21, 10, 30),
  verifyUrl: "https://stipple.example/verify/STP-7KQ2-M9XD",
};

/**
 * Rendering and text extraction use poppler-utils, a system package. CI installs it and sets
 * STIPPLE_REQUIRE_SYSTEM_TOOLS, so there these tests always run (and a missing tool fails them);
 * on a machine without it they are skipped with a note, like the browser tests without Chromium.
 */
const HAS_POPPLER = spawnSync("pdftoppm", ["-v"]).error === undefined;
const withPoppler = HAS_POPPLER || process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS ? it : it.skip;
if (!HAS_POPPLER && !process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS) {
  console.warn("poppler-utils is not installed: the certificate rendering tests are skipped (apt-get install poppler-utils).");
}

/** Runs a poppler-utils tool; a missing tool fails the test with how to install it. */
function poppler(tool: "pdftoppm" | "pdftotext", args: string[]): void {
  try {
    execFileSync(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} was not found: these tests need poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw error;
  }
}

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-certificate-"));
  return fn(dir).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

/** The page's text as poppler extracts it, whitespace collapsed. */
function pdfText(pdf: Uint8Array): Promise<string> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, "certificate.pdf");
    fs.writeFileSync(file, pdf);
    poppler("pdftotext", [file, path.join(dir, "certificate.txt")]);
    return fs.readFileSync(path.join(dir, "certificate.txt"), "utf8").replace(/\s+/g, " ").trim();
  });
}

/** Renders the page as a screen or a phone camera would see it and decodes the QR code on it. */
function decodeQr(pdf: Uint8Array, dpi: number): Promise<string | null> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, "certificate.pdf");
    fs.writeFileSync(file, pdf);
    poppler("pdftoppm", ["-png", "-r", String(dpi), "-singlefile", file, path.join(dir, "page")]);
    const { data, info } = await sharp(path.join(dir, "page.png")).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
    return jsQR(pixels, info.width, info.height)?.data ?? null;
  });
}

describe("certificatePdf", () => {
  withPoppler("adds a transcript page naming each practical's assessor and the cases' countersigners", async () => {
    const transcript = {
      guidedHours: 90,
      modules: [{ title: "Skin anatomy and puncture depth", minutes: 13, quizPercent: 90 }],
      examPercent: 85,
      practicals: [{ title: "Dot consistency grid", passedOn: "2026-10-02", assessor: "Noor Haddad" }],
      cases: { count: 5, dates: ["2026-09-01", "2026-09-08"], countersignedBy: ["Sam Idowu", "Noor Haddad"] },
    };
    const pdf = await certificatePdf({ ...cert, transcript });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    const text = await pdfText(pdf);
    expect(text).toContain("Assessed by Noor Haddad");
    expect(text).toContain("Countersigned by Sam Idowu, Noor Haddad");
    expect(text).toContain("Final exam · 85%");
    expect(text).toContain("90 guided learning hours");
  });

  it("is one A4 landscape page with the certificate's metadata", async () => {
    const doc = await PDFDocument.load(await certificatePdf(cert), { updateMetadata: false });

    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(A4_LANDSCAPE.width, 1);
    expect(height).toBeCloseTo(A4_LANDSCAPE.height, 1);
    expect(width).toBeCloseTo(841.89, 1);
    expect(height).toBeCloseTo(595.28, 1);

    expect(doc.getTitle()).toBe("SMP Practitioner Certificate: Amara Okonkwo-Reyes");
    expect(doc.getAuthor()).toBe("Stipple");
    expect(doc.getSubject()).toContain("STP-7KQ2-M9XD");
    expect(doc.getSubject()).toContain(cert.verifyUrl);
    expect(doc.getCreationDate()?.getTime()).toBe(cert.issuedAt);
  });

  withPoppler("carries a QR code that decodes to exactly the verification link", async () => {
    const verifyUrl = "https://stipple.example/verify/STP-QR42-TEST";
    const pdf = await certificatePdf({ ...cert, code: "STP-QR42-TEST", verifyUrl });

    expect(await decodeQr(pdf, 100)).toBe(verifyUrl);
    expect(await decodeQr(pdf, 200)).toBe(verifyUrl);
  });

  withPoppler("prints the holder, programme, clinic, dates, code and where to check it", async () => {
    const text = await pdfText(await certificatePdf(cert));

    expect(text).toContain("Certificate of competence");
    expect(text).toContain("SMP PRACTITIONER CERTIFICATE");
    expect(text).toContain("awarded to Amara Okonkwo-Reyes");
    expect(text).toContain("Certified through Hairline Studio, Manchester");
    expect(text).toContain("21 November 2026");
    expect(text).toContain("21 November 2028");
    expect(text).toContain("STP-7KQ2-M9XD");
    expect(text).toContain("Scan or visit https://stipple.example/verify/STP-7KQ2-M9XD to check this certificate");
  });

  withPoppler("leaves the clinic line out when there is no clinic", async () => {
    const text = await pdfText(await certificatePdf({ ...cert, clinicName: null }));

    expect(text).toContain("Amara Okonkwo-Reyes");
    expect(text).not.toContain("Certified through");
  });

  withPoppler("draws names outside WinAnsi without throwing, transliterating what it can", async () => {
    const holderName = "Zoë Łukasiewicz 李";
    const pdf = await certificatePdf({ ...cert, holderName });
    const text = await pdfText(pdf);

    expect(text).toContain("awarded to Zoë Lukasiewicz ?");
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe(`SMP Practitioner Certificate: ${holderName}`);
  });

  withPoppler("fits a very long name and clinic on the page", async () => {
    const holderName = "Maria Guadalupe Fernández de la Cruz Villanueva Montenegro y Castellanos-Hartmann Oyelaran";
    const text = await pdfText(
      await certificatePdf({
        ...cert,
        holderName,
        clinicName: "The Trichology and Scalp Micropigmentation Clinic of Greater North London and the Home Counties",
      }),
    );

    expect(text).toContain("Maria Guadalupe Fernández de la Cruz Villanueva");
    expect(text).toContain("Castellanos-Hartmann Oyelaran");
    expect(text).toContain("Home Counties");
  });

  it("gives the same bytes for the same certificate", async () => {
    const first = await certificatePdf(cert);
    const second = await certificatePdf({ ...cert });
    const other = await certificatePdf({ ...cert, holderName: "Someone Else" });

    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it("refuses impossible dates and a verification link that is not absolute", async () => {
    await expect(certificatePdf({ ...cert, verifyUrl: "/verify/STP-7KQ2-M9XD" })).rejects.toBeInstanceOf(Invalid);
    await expect(certificatePdf({ ...cert, verifyUrl: "javascript:alert(1)" })).rejects.toBeInstanceOf(Invalid);
    await expect(certificatePdf({ ...cert, expiresAt: cert.issuedAt })).rejects.toBeInstanceOf(Invalid);
    await expect(certificatePdf({ ...cert, issuedAt: Number.NaN })).rejects.toBeInstanceOf(Invalid);
  });
});

describe("formatCertificateDate", () => {
  it("writes the day, month name and year in UTC", () => {
    expect(formatCertificateDate(Date.UTC(2026, 10, 21))).toBe("21 November 2026");
    expect(formatCertificateDate(Date.UTC(2027, 0, 1, 23, 59))).toBe("1 January 2027");
    expect(formatCertificateDate(Date.UTC(2026, 11, 31, 23, 30))).toBe("31 December 2026");
  });
});

describe("toDrawableText", () => {
  it("keeps WinAnsi, strips accents it lacks, transliterates a few letters and marks the rest", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);

    expect(toDrawableText("Zoë Œdipe Ñúñez", font)).toBe("Zoë Œdipe Ñúñez");
    expect(toDrawableText("Łódź Dvořák Erdős", font)).toBe("Lódz Dvorák Erdos");
    expect(toDrawableText("Zoe\u0308", font)).toBe("Zoë");
    expect(toDrawableText("Ana\n\t  Lima\u200b", font)).toBe("Ana Lima");
    expect(toDrawableText("李 🙂 Ivan", font)).toBe("? ? Ivan");
    expect(toDrawableText("ﬁne Ｊｏ", font)).toBe("fine Jo");
    expect(() => font.encodeText(toDrawableText("Ханна Ødegård ǅ ﬁ", font))).not.toThrow();
  });
});
