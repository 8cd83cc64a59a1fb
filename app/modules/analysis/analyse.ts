// From dots found in pixels to the figures a grader reads, in millimetres. Pure.
import type { Detection, DotKind } from "./detect-dots";
import {
  clarkEvans,
  densityGradient,
  detectGrid,
  emptyPatches,
  nearestNeighbourDistances,
  summarise,
  workingArea,
  type DensityBand,
  type GridVerdict,
  type Rect,
  type Summary,
} from "./point-stats";

export type ScaleSource = "card" | "ruler";

/** Millimetres between two marks a person clicked on a ruler in the photo, as pixels per mm. Invalid marks give null. */
export function scaleFromRulerMarks(a: { x: number; y: number }, b: { x: number; y: number }, distanceMm: number): number | null {
  const px = Math.hypot(b.x - a.x, b.y - a.y);
  if (!(distanceMm > 0) || !(px >= 10)) return null;
  return px / distanceMm;
}

export type DotAnalysis =
  | {
      ok: true;
      version: 1;
      image: { width: number; height: number };
      scale: { pxPerMm: number; source: ScaleSource };
      /** Dots counted, a merged mark counting for each dot in it. */
      count: number;
      areaMm2: number;
      densityPerCm2: number;
      diameterMm: Summary;
      spacingMm: Summary;
      clarkEvans: { index: number; z: number } | null;
      grid: GridVerdict;
      gradient: DensityBand[];
      /** Working area and marks in the analysed image's pixels, for the overlay. */
      overlay: {
        area: Rect;
        marks: Array<{ x: number; y: number; r: number; kind: DotKind }>;
        emptyPatches: Rect[];
      };
      problems: { merged: number; blowouts: number; emptyPatches: number; emptyAreaMm2: number };
    }
  | { ok: false; version: 1; reason: string; cardFound: boolean };

/**
 * The figures for one photo from its detection and a scale (the card's when it was found, else
 * the ruler marks a person clicked). Without either there is no honest millimetre, so the
 * result is "could not measure" with that reason.
 */
export function analyse(detection: Detection, image: { width: number; height: number }, ruler: number | null = null): DotAnalysis {
  if (!detection.ok) return { ok: false, version: 1, reason: detection.reason, cardFound: detection.card !== null };
  const pxPerMm = detection.card?.pxPerMm ?? ruler;
  if (!pxPerMm)
    return {
      ok: false,
      version: 1,
      reason:
        "The calibration card was not found, so there is no scale. Put the printed card flat beside the work and retake the photo, or click two ruler marks a known distance apart.",
      cardFound: false,
    };
  const source: ScaleSource = detection.card ? "card" : "ruler";
  const mm = 1 / pxPerMm;
  const centres = detection.dots.flatMap((d) => d.centres.map((c) => ({ x: c.x * mm, y: c.y * mm })));
  const area = workingArea(centres);
  const areaMm2 = area.width * area.height;
  const count = centres.length;
  const spacing = summarise(nearestNeighbourDistances(centres));
  const diameters = summarise(detection.dots.filter((d) => d.kind !== "merged").map((d) => d.diameterPx * mm));
  if (!spacing || !diameters || !(areaMm2 > 0))
    return { ok: false, version: 1, reason: "Too few separate dots were found to measure.", cardFound: detection.card !== null };
  const ce = clarkEvans(centres, area);
  const patches = emptyPatches(centres, area, spacing.median * 2.5).filter((p) => p.areaMm2 >= 2 * (spacing.median * 2.5) ** 2);
  const toPx = (r: Rect): Rect => ({ x: r.x * pxPerMm, y: r.y * pxPerMm, width: r.width * pxPerMm, height: r.height * pxPerMm });
  return {
    ok: true,
    version: 1,
    image,
    scale: { pxPerMm, source },
    count,
    areaMm2,
    densityPerCm2: count / (areaMm2 / 100),
    diameterMm: diameters,
    spacingMm: spacing,
    clarkEvans: ce ? { index: ce.index, z: ce.z } : null,
    grid: detectGrid(centres),
    gradient: densityGradient(centres, area, Math.max(2, Math.min(5, area.height / 6))),
    overlay: {
      area: toPx(area),
      marks: detection.dots.map((d) => ({ x: d.x, y: d.y, r: d.diameterPx / 2, kind: d.kind })),
      emptyPatches: patches.map(toPx),
    },
    problems: {
      merged: detection.dots.filter((d) => d.kind === "merged").length,
      blowouts: detection.dots.filter((d) => d.kind === "blowout").length,
      emptyPatches: patches.length,
      emptyAreaMm2: patches.reduce((s, p) => s + p.areaMm2, 0),
    },
  };
}

/** What a page shows of an analysis: the figures, and only the problem marks for the overlay. */
export type AnalysisSummary =
  | {
      ok: true;
      image: { width: number; height: number };
      scaleSource: ScaleSource;
      count: number;
      densityPerCm2: number;
      diameter: { median: number; iqr: number; cv: number };
      spacing: { median: number; cv: number };
      clarkEvans: number | null;
      isGrid: boolean;
      gradient: DensityBand[];
      problems: Extract<DotAnalysis, { ok: true }>["problems"];
      marks: Array<{ x: number; y: number; r: number; kind: "merged" | "blowout" }>;
      emptyPatches: Rect[];
    }
  | { ok: false; reason: string };

/** The summary of an analysis for a page; null stays null (never measured). */
export function summariseAnalysis(analysis: DotAnalysis | null): AnalysisSummary | null {
  if (!analysis) return null;
  if (!analysis.ok) return { ok: false, reason: analysis.reason };
  return {
    ok: true,
    image: analysis.image,
    scaleSource: analysis.scale.source,
    count: analysis.count,
    densityPerCm2: analysis.densityPerCm2,
    diameter: { median: analysis.diameterMm.median, iqr: analysis.diameterMm.iqr, cv: analysis.diameterMm.cv },
    spacing: { median: analysis.spacingMm.median, cv: analysis.spacingMm.cv },
    clarkEvans: analysis.clarkEvans?.index ?? null,
    isGrid: analysis.grid.isGrid,
    gradient: analysis.gradient,
    problems: analysis.problems,
    marks: analysis.overlay.marks.flatMap((m) => (m.kind === "dot" ? [] : [{ x: m.x, y: m.y, r: m.r, kind: m.kind }])),
    emptyPatches: analysis.overlay.emptyPatches,
  };
}
