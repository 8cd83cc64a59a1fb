import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { calibrationCardPdf } from "~/modules/analysis/calibration-card-pdf.server";
import { detectDots } from "~/modules/analysis/detect-dots";
import { loader } from "~/routes/practicals.calibration-card[.pdf]";

const HAS_POPPLER = spawnSync("pdftoppm", ["-v"]).error === undefined;
const withPoppler = HAS_POPPLER || process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS ? it : it.skip;

describe("the printable calibration card", () => {
  it("is served as a PDF to anyone", async () => {
    const response = await loader();
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("gives the same bytes every time", async () => {
    expect(Buffer.from(await calibrationCardPdf()).equals(Buffer.from(await calibrationCardPdf()))).toBe(true);
  });

  withPoppler("printed at 12 px/mm, is found by the analysis at that scale", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "card-"));
    fs.writeFileSync(path.join(dir, "card.pdf"), await calibrationCardPdf());
    // 304.8 dpi is 12 pixels per millimetre.
    execFileSync("pdftoppm", ["-r", "304.8", "-gray", "-png", "-singlefile", path.join(dir, "card.pdf"), path.join(dir, "card")]);
    const { data, info } = await sharp(path.join(dir, "card.png")).greyscale().raw().toBuffer({ resolveWithObject: true });
    const detection = detectDots({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
    expect(detection.card).not.toBeNull();
    expect(detection.card!.pxPerMm).toBeGreaterThan(12 * 0.98);
    expect(detection.card!.pxPerMm).toBeLessThan(12 * 1.02);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
