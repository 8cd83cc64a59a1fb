import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { paperworkPdf } from "~/modules/paperwork/paperwork-pdf.server";

const form = () => loadCatalogue(path.resolve("tests/fixtures/content-good")).courses[0]!.paperwork[0]!;
const HAS_POPPLER = spawnSync("pdftotext", ["-v"]).error === undefined;
const withPoppler = HAS_POPPLER || process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS ? it : it.skip;

describe("a client form as a PDF", () => {
  withPoppler("carries the clinic's name, the form's title and every label, ready to fill in by hand", async () => {
    const pdf = await paperworkPdf(form(), { clinicName: "Harbour Street Clinic", courseTitle: "Demo course" });
    const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(pdf) }).toString();
    for (const line of [
      "Harbour Street Clinic",
      "Demo consent form",
      "Client reference",
      "Any allergies?",
      "Yes",
      "No",
      "I have read the aftercare sheet.",
      "SMP is permanent.",
      "Name in capitals",
    ]) {
      expect(text, line).toContain(line);
    }
    expect(text).toContain("Demo consent form · Demo course · Stipple");
  });

  it("leaves a line for the clinic's name when the person has no clinic, and gives the same bytes every time", async () => {
    const a = await paperworkPdf(form(), { clinicName: null, courseTitle: "Demo course" });
    const b = await paperworkPdf(form(), { clinicName: null, courseTitle: "Demo course" });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a);
    expect(doc.getTitle()).toBe("Demo consent form");
    expect(doc.getPageCount()).toBe(1);
  });

  it("runs on to further pages when a form is long", async () => {
    const long = { ...form(), sections: Array.from({ length: 12 }, (_, i) => ({ heading: `Part ${i + 1}`, items: form().sections[0]!.items })) };
    expect((await PDFDocument.load(await paperworkPdf(long, { clinicName: null, courseTitle: "Demo course" }))).getPageCount()).toBeGreaterThan(1);
  });
});
