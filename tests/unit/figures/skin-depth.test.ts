import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SkinDepth } from "~/components/figures/skin-depth";
import { SCALE_TICKS_MM, yAt } from "~/components/figures/skin-depth/geometry";
import {
  classifyDepth,
  crossSectionDescription,
  DEPTH_MAX_MM,
  DEPTH_STEP_MM,
  DERMIS_MM,
  EPIDERMIS_MM,
  ON_TARGET_MAX_MM,
  ON_TARGET_MIN_MM,
  PAPILLARY_MM,
  placeOf,
  snapDepth,
} from "~/components/figures/skin-depth/model";

const depths = Array.from({ length: Math.round(DEPTH_MAX_MM / DEPTH_STEP_MM) + 1 }, (_, i) => snapDepth(i * DEPTH_STEP_MM));

describe("the skin-depth figure", () => {
  it("has one target band: the papillary dermis as the drawing draws it", () => {
    expect([ON_TARGET_MIN_MM, ON_TARGET_MAX_MM]).toEqual([EPIDERMIS_MM, PAPILLARY_MM]);
    expect(crossSectionDescription(0.3)).toContain(`on-target range, ${EPIDERMIS_MM} to ${PAPILLARY_MM} mm`);
  });

  it("calls every depth on target exactly when it is in the drawn papillary dermis", () => {
    for (const d of depths) {
      const inPapillary = d >= EPIDERMIS_MM && d <= PAPILLARY_MM;
      expect(classifyDepth(d) === "on-target", `${d} mm`).toBe(inPapillary);
      if (inPapillary) expect(placeOf(d)).toBe("upper dermis");
    }
    expect(classifyDepth(0.5)).toBe("on-target");
    expect(classifyDepth(0.55)).toBe("too-deep");
  });

  it("names the layer the drawing puts each depth in", () => {
    for (const d of depths.filter((x) => x > 0)) {
      const drawn = d < EPIDERMIS_MM ? "epidermis" : d <= PAPILLARY_MM ? "upper dermis" : d < DERMIS_MM ? "reticular dermis" : "hypodermis (fat)";
      expect(placeOf(d), `${d} mm`).toBe(drawn);
    }
  });

  it("draws the layers to its own millimetre scale", () => {
    const perMm = yAt(1) - yAt(0);
    for (const mm of [EPIDERMIS_MM, PAPILLARY_MM, DERMIS_MM, DEPTH_MAX_MM]) expect(yAt(mm) - yAt(0)).toBeCloseTo(mm * perMm);
    // The scale's major ticks (every 0.5 mm) land on the drawn boundaries they name.
    expect(SCALE_TICKS_MM).toContain(PAPILLARY_MM);
    expect(SCALE_TICKS_MM).toContain(DERMIS_MM);
  });

  it("puts its caption after the controls, naming the one band and the scale", () => {
    const html = renderToString(createElement(SkinDepth));
    const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(html)?.[1]?.replace(/<!-- -->/g, "") ?? "";
    expect(html.indexOf("<figcaption")).toBeGreaterThan(html.indexOf('type="range"'));
    expect(html.indexOf("<figcaption")).toBeGreaterThan(html.indexOf("Try an example depth"));
    expect(caption).toContain(`target, the papillary dermis, ${EPIDERMIS_MM}–${PAPILLARY_MM} mm`);
    expect(caption).toContain("drawn to the millimetre scale");
    expect(caption).not.toMatch(/0\.6|not to scale/);
  });
});
