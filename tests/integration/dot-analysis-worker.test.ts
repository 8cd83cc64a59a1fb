import { afterAll, describe, expect, it } from "vitest";
import { analyseInWorker, stopAnalysisWorker } from "~/modules/analysis/run-analysis.server";
import { makeScene, renderScene, truthOf } from "~/modules/demo/practice-photos.server";

afterAll(() => stopAnalysisWorker());

describe("the analysis worker thread", () => {
  it("measures photos off the main thread, one after another, and reports a bad one as could-not-measure", async () => {
    const scene = makeScene(12, { widthPx: 900, heightPx: 700, pattern: "clustered", pxPerMm: 20, baseDiameterMm: 0.6 });
    const [good, bad] = await Promise.all([analyseInWorker(await renderScene(scene)), analyseInWorker(new Uint8Array([1, 2, 3]))]);
    expect(good.ok && good.count).toBe(truthOf(scene).centres.length);
    expect(bad).toMatchObject({ ok: false, reason: "The photo could not be read." });
  });
});
