import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyse, scaleFromRulerMarks } from "~/modules/analysis/analyse";
import { analysePhotoBytes } from "~/modules/analysis/analyse-photo.server";
import { detectDots, type Grey } from "~/modules/analysis/detect-dots";
import { clarkEvans, nearestNeighbourDistances, summarise, workingArea } from "~/modules/analysis/point-stats";
import { makeScene, renderScene, truthOf, type SceneOptions } from "~/modules/demo/practice-photos.server";

async function greyOf(jpeg: Buffer): Promise<Grey> {
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

const small: SceneOptions = { widthPx: 900, heightPx: 700 };

describe("finding dots in a generated practice photo", () => {
  it("measures a random pattern as its truth: scale from the card, count, size, spacing, randomness and the merged and blown-out marks", async () => {
    const scene = makeScene(3, { ...small, pattern: "poisson", pxPerMm: 22, baseDiameterMm: 0.7, skinTone: 4 });
    const grey = await greyOf(await renderScene(scene));
    const result = analyse(detectDots(grey), grey);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const truth = truthOf(scene);
    expect(result.scale.source).toBe("card");
    expect(Math.abs(result.scale.pxPerMm / 22 - 1)).toBeLessThan(0.03);
    expect(Math.abs(result.count / truth.centres.length - 1)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(result.diameterMm.median / summarise(truth.diameters)!.median - 1)).toBeLessThan(0.1);
    expect(Math.abs(result.spacingMm.median / summarise(nearestNeighbourDistances(truth.centres))!.median - 1)).toBeLessThan(0.05);
    expect(Math.abs(result.clarkEvans!.index - clarkEvans(truth.centres, workingArea(truth.centres))!.index)).toBeLessThan(0.05);
    expect(result.grid.isGrid).toBe(false);
    expect(result.problems.merged).toBe(truth.merged.length);
    expect(result.problems.blowouts).toBe(truth.blowouts.length);
    expect(result.overlay.marks.filter((m) => m.kind === "merged")).toHaveLength(truth.merged.length);
  });

  it("calls a lattice a grid, on dark skin too", async () => {
    const scene = makeScene(5, { ...small, pattern: "grid", pxPerMm: 20, baseDiameterMm: 0.6, skinTone: 5 });
    const grey = await greyOf(await renderScene(scene));
    const result = analyse(detectDots(grey), grey);
    expect(result.ok && result.grid.isGrid).toBe(true);
    expect(result.ok && result.clarkEvans!.index).toBeGreaterThan(1.5);
  });

  it("takes the scale from two ruler marks when the card is not in the photo", async () => {
    const scene = makeScene(7, { ...small, pattern: "poisson", pxPerMm: 20, baseDiameterMm: 0.7 });
    const jpeg = await renderScene(scene);
    // Paint over the card: as if the learner had left it out of frame.
    const cover = await sharp({ create: { width: 360, height: 700, channels: 3, background: { r: scene.skin[0], g: scene.skin[1], b: scene.skin[2] } } })
      .png()
      .toBuffer();
    const grey = await greyOf(
      await sharp(jpeg)
        .composite([{ input: cover, left: 0, top: 0 }])
        .jpeg()
        .toBuffer(),
    );
    const detection = detectDots(grey);
    const withoutScale = analyse(detection, grey);
    expect(withoutScale).toMatchObject({ ok: false, cardFound: false });
    expect(!withoutScale.ok && withoutScale.reason).toMatch(/calibration card was not found/);
    const ruler = scaleFromRulerMarks({ x: 100, y: 50 }, { x: 300, y: 50 }, 10)!;
    expect(ruler).toBe(20);
    const measured = analyse(detection, grey, ruler);
    expect(measured.ok && measured.scale.source).toBe("ruler");
    expect(measured.ok && Math.abs(measured.diameterMm.median / 0.7 - 1)).toBeLessThan(0.1);
  });

  it("says it could not measure plain skin, a blank page or a file that is not a photo, and why", async () => {
    const plain = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 160, b: 130 }, noise: { type: "gaussian", mean: 160, sigma: 4 } },
    })
      .jpeg()
      .toBuffer();
    const skin = await analysePhotoBytes(plain);
    expect(skin.ok).toBe(false);
    expect(!skin.ok && skin.reason).toMatch(/dark enough to be a dot|dots were found/);
    const notAPhoto = await analysePhotoBytes(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"));
    expect(notAPhoto).toMatchObject({ ok: false, reason: "The photo could not be read." });
    expect(scaleFromRulerMarks({ x: 0, y: 0 }, { x: 3, y: 0 }, 10)).toBeNull();
    expect(scaleFromRulerMarks({ x: 0, y: 0 }, { x: 300, y: 0 }, 0)).toBeNull();
  });
});
