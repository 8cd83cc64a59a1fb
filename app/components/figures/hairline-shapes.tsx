import { useId, useState, type ChangeEvent } from "react";

/*
 * A schematic, not a staging chart. The sources give the Hamilton–Norwood scale's seven types
 * (Gupta & Mysore 2016) but no geometry for them, so the loss outlines below are simplified
 * drawings. The design landmarks are sourced: the frontotemporal angle stays on the lateral
 * epicanthal line (Shapiro 2013); the mid-frontal point sits 7 cm (aggressive) to 10 cm
 * (conservative) above the glabella (summary of Shapiro 2013), 8 cm in Garg 2017, and 7–9 cm for
 * East and Southeast Asian hairlines (Tan & Pathomvanich 2016).
 */

export const NORWOOD_STAGES = ["I", "II", "III", "IV", "V", "VI", "VII"] as const;
export type NorwoodStage = (typeof NORWOOD_STAGES)[number];

export const LANDMARKS = ["glabella", "mid-frontal-point", "frontotemporal-angle", "temporal-point"] as const;
export type Landmark = (typeof LANDMARKS)[number];

/** Aggressive (lowest) end of the published mid-frontal point range, cm above the glabella. */
export const MFP_MIN_CM = 7;
/** Conservative (highest) end of the published range, cm above the glabella. */
export const MFP_MAX_CM = 10;
export const MFP_STEP_CM = 0.5;
/** Garg 2017's single figure for the mid-frontal point (431 cases). */
export const GARG_MFP_CM = 8;
/** Tan & Pathomvanich 2016: East and Southeast Asian mid-frontal point, cm above the glabella. */
export const EAST_ASIAN_MFP_RANGE_CM = { min: 7, max: 9 } as const;
/** Schematic half-distance between the outer eye corners, where the lateral epicanthal lines run. */
export const LATERAL_CANTHUS_CM = 4.5;

const MFP_MIDWAY_CM = (MFP_MIN_CM + MFP_MAX_CM) / 2;
const DEFAULT_STAGE: NorwoodStage = "III";
const DEFAULT_MFP_CM = MFP_MIDWAY_CM;
// How far above the planned mid-frontal point the planned angles are drawn: schematic only.
const PLANNED_ANGLE_RISE_CM = 1.5;
const EPSILON = 1e-9;

export function isNorwoodStage(value: string): value is NorwoodStage {
  return (NORWOOD_STAGES as readonly string[]).includes(value);
}

export function isLandmark(value: string): value is Landmark {
  return (LANDMARKS as readonly string[]).includes(value);
}

function assertNumber(cm: number, fn: string): void {
  if (Number.isNaN(cm)) {
    throw new RangeError(`${fn}: height must be a number of centimetres, got NaN`);
  }
}

/**
 * Clamps a mid-frontal point height to the 7–10 cm range and snaps it to 0.5 cm steps.
 * Throws a RangeError for NaN.
 */
export function snapMidFrontalPoint(cm: number): number {
  assertNumber(cm, "snapMidFrontalPoint");
  const clamped = Math.min(MFP_MAX_CM, Math.max(MFP_MIN_CM, cm));
  return Math.round(clamped / MFP_STEP_CM) * MFP_STEP_CM;
}

export type MidFrontalPointPosition =
  "below-range" | "aggressive-end" | "aggressive-side" | "midway" | "conservative-side" | "conservative-end" | "above-range";

/**
 * Where a mid-frontal point height (cm above the glabella) falls in the 7 cm (aggressive) to
 * 10 cm (conservative) range. Throws a RangeError for NaN.
 */
export function midFrontalPointPosition(cm: number): MidFrontalPointPosition {
  assertNumber(cm, "midFrontalPointPosition");
  if (cm < MFP_MIN_CM - EPSILON) return "below-range";
  if (cm > MFP_MAX_CM + EPSILON) return "above-range";
  if (Math.abs(cm - MFP_MIN_CM) <= EPSILON) return "aggressive-end";
  if (Math.abs(cm - MFP_MAX_CM) <= EPSILON) return "conservative-end";
  if (Math.abs(cm - MFP_MIDWAY_CM) <= EPSILON) return "midway";
  return cm < MFP_MIDWAY_CM ? "aggressive-side" : "conservative-side";
}

/** Formats centimetres without a trailing ".0": 8 → "8", 8.5 → "8.5". */
export function formatCm(cm: number): string {
  const rounded = Math.round(cm * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/**
 * One sentence saying where a mid-frontal point height sits between the aggressive (7 cm) and
 * conservative (10 cm) ends of the range. Throws a RangeError for NaN.
 */
export function midFrontalPointLabel(cm: number): string {
  const at = `${formatCm(cm)} cm above the glabella`;
  switch (midFrontalPointPosition(cm)) {
    case "below-range":
      return `${at}: below the 7–10 cm range, lower than even the aggressive end`;
    case "aggressive-end":
      return `${at}: the aggressive (lowest) end of the 7–10 cm range`;
    case "aggressive-side":
      return `${at}: towards the aggressive (lower) end of the 7–10 cm range`;
    case "midway":
      return `${at}: midway between aggressive (7 cm) and conservative (10 cm)`;
    case "conservative-side":
      return `${at}: towards the conservative (higher) end of the 7–10 cm range`;
    case "conservative-end":
      return `${at}: the conservative (highest) end of the 7–10 cm range`;
    case "above-range":
      return `${at}: above the 7–10 cm range, higher than even the conservative end`;
  }
}

/**
 * How a mid-frontal point height compares with the other published figures, which do not agree
 * (Garg 2017; Tan & Pathomvanich 2016). Throws a RangeError for NaN.
 */
export function midFrontalPointNotes(cm: number): string[] {
  assertNumber(cm, "midFrontalPointNotes");
  const notes: string[] = [];
  const fromGarg = cm - GARG_MFP_CM;
  if (Math.abs(fromGarg) <= EPSILON) {
    notes.push("This is the single figure Garg 2017 gives: 8 cm, from 431 cases.");
  } else {
    notes.push(`Garg 2017 gives a single figure of 8 cm; this is ${formatCm(Math.abs(fromGarg))} cm ${fromGarg > 0 ? "higher" : "lower"}.`);
  }
  const { min, max } = EAST_ASIAN_MFP_RANGE_CM;
  const place = cm < min - EPSILON ? "Below" : cm > max + EPSILON ? "Above" : "Inside";
  notes.push(`${place} the 7–9 cm that Tan & Pathomvanich 2016 give for East and Southeast Asian hairlines.`);
  return notes;
}

export type StageGuidance = {
  stage: NorwoodStage;
  /** e.g. "Type III" */
  name: string;
  /** What the schematic outline shows. */
  pattern: string;
  /** Design guidance for this type, with sources by short name. */
  guidance: string;
};

const STAGE_COPY: Record<NorwoodStage, { pattern: string; guidance: string }> = {
  I: {
    pattern: "A full frontal hairline with little or no recession at the temples.",
    guidance:
      "Little may need restoring yet, and most loss may still be ahead. Any line you plan should still suit the client later: not too low, the frontotemporal angles kept open, and room left for future loss (Shapiro 2013).",
  },
  II: {
    pattern: "The temples have begun to recede, giving a shallow M.",
    guidance:
      "Resist straightening the M. The frontotemporal angle stays on the lateral epicanthal line as loss progresses, so leave it open there rather than filling it in (Shapiro 2013).",
  },
  III: {
    pattern: "Deeper recession at both temples.",
    guidance:
      "The pull to fill the temples and bring the line down is strongest here. A low, flat line with filled angles ignores future loss: keep the angles on the lateral epicanthal lines and favour a more conservative height (Shapiro 2013).",
  },
  IV: {
    pattern: "The front has receded further and the crown is thinning, with a band of hair still between them.",
    guidance:
      "Loss is now in two places. Plan for the later types, in which the band between front and crown thins and goes, and choose a height that will still look right over a fully pigmented top (Shapiro 2013: plan for future loss).",
  },
  V: {
    pattern: "Larger bald areas at the front and crown, with only a thin band of hair between them.",
    guidance:
      "Most of the top will be pigment, not hair. A hairline placed too low is one of the common reasons clients seek correction (DermMicro, industry). Keep the line conservative, the angles open and the edge irregular (Shapiro 2013).",
  },
  VI: {
    pattern: "The band has gone, and the bald front and crown have merged.",
    guidance:
      "No frontal hair is left to follow, so the landmarks set the line: the glabella, the mid-frontal point, the angles on the lateral epicanthal lines and the temporal points (Shapiro 2013).",
  },
  VII: {
    pattern: "Only a horseshoe-shaped fringe of hair remains at the sides and back.",
    guidance:
      "The largest area to cover, and the same rules: not too low, angles open, an irregular edge (Shapiro 2013). Use the remaining fringe as the reference for density: Liu 2025 set density as a share of the client's own follicular density.",
  },
};

/** The schematic loss pattern and the design guidance for a Hamilton–Norwood type. */
export function stageGuidance(stage: NorwoodStage): StageGuidance {
  const copy = STAGE_COPY[stage];
  return { stage, name: `Type ${stage}`, pattern: copy.pattern, guidance: copy.guidance };
}

export type StageOutline = {
  /**
   * The natural frontal hairline in the front view, in cm above the glabella: its height on the
   * midline and at the frontotemporal angle. Null once front and crown have merged.
   */
  frontal: { midlineCm: number; angleCm: number } | null;
  /** Top of the remaining side fringe (front view), cm above the glabella, once the top has gone. */
  fringeCm: number | null;
  /** Radius of the bald crown seen in the side view, cm (0: no crown loss drawn). */
  crownCm: number;
};

const STAGE_OUTLINES: Record<NorwoodStage, StageOutline> = {
  I: { frontal: { midlineCm: 6.8, angleCm: 7.4 }, fringeCm: null, crownCm: 0 },
  II: { frontal: { midlineCm: 7.2, angleCm: 8.8 }, fringeCm: null, crownCm: 0 },
  III: { frontal: { midlineCm: 7.8, angleCm: 10.2 }, fringeCm: null, crownCm: 0 },
  IV: { frontal: { midlineCm: 9, angleCm: 11 }, fringeCm: null, crownCm: 2.2 },
  V: { frontal: { midlineCm: 10.8, angleCm: 12 }, fringeCm: null, crownCm: 3.4 },
  VI: { frontal: null, fringeCm: 7.5, crownCm: 0 },
  VII: { frontal: null, fringeCm: 5, crownCm: 0 },
};

/** The simplified outline drawn for a Hamilton–Norwood type. Schematic, not measured. */
export function stageOutline(stage: NorwoodStage): StageOutline {
  return STAGE_OUTLINES[stage];
}

export const LANDMARK_LABELS: Record<Landmark, string> = {
  glabella: "Glabella",
  "mid-frontal-point": "Mid-frontal point and its 7–10 cm range",
  "frontotemporal-angle": "Frontotemporal angle on the lateral epicanthal line",
  "temporal-point": "Temporal point",
};

/**
 * The figure's current state in words: type, planned mid-frontal point and the landmarks shown.
 * Throws a RangeError if the height is NaN.
 */
export function describeFigure(stage: NorwoodStage, mfpCm: number, shown: readonly Landmark[]): string {
  const { pattern } = stageGuidance(stage);
  const visible = LANDMARKS.filter((landmark) => shown.includes(landmark));
  const landmarks = visible.length === 0 ? "No landmarks shown." : `Landmarks shown: ${visible.map((l) => LANDMARK_LABELS[l].toLowerCase()).join("; ")}.`;
  return `Hamilton–Norwood type ${stage} (schematic): ${pattern} Planned mid-frontal point ${midFrontalPointLabel(mfpCm)}. ${landmarks}`;
}

// ---------------------------------------------------------------------------------------------
// Drawing. Coordinates are in cm: x across (front view) or back from the glabella (side view),
// y up from the glabella. Each view maps them to its own viewBox.

type Pt = readonly [number, number];

const PX_PER_CM = 9.5;
const FRONT = { w: 240, h: 300, cx: 120, gy: 162 } as const;
// The range bar sits just right of the midline so it never hides the mid-frontal point marker.
const FRONT_BRACKET_OFFSET = 12;
const SIDE = { w: 260, h: 300, gx: 64, gy: 162 } as const;

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function toFront([x, y]: Pt): Pt {
  return [FRONT.cx + x * PX_PER_CM, FRONT.gy - y * PX_PER_CM];
}

function toSide([x, y]: Pt): Pt {
  return [SIDE.gx + x * PX_PER_CM, SIDE.gy - y * PX_PER_CM];
}

/** Catmull-Rom spline through the points, as cubic Bézier segments. */
function smoothPath(points: readonly Pt[], closed: boolean): string {
  const n = points.length;
  const at = (i: number): Pt => {
    if (closed) return points[((i % n) + n) % n]!;
    return points[Math.min(n - 1, Math.max(0, i))]!;
  };
  const [x0, y0] = at(0);
  const parts = [`M ${fmt(x0)} ${fmt(y0)}`];
  const segments = closed ? n : n - 1;
  for (let i = 0; i < segments; i += 1) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    parts.push(`C ${fmt(c1x)} ${fmt(c1y)} ${fmt(c2x)} ${fmt(c2y)} ${fmt(p2[0])} ${fmt(p2[1])}`);
  }
  if (closed) parts.push("Z");
  return parts.join(" ");
}

function polygonPath(points: readonly Pt[]): string {
  return `${points.map(([x, y], i) => `${i === 0 ? "M" : "L"} ${fmt(x)} ${fmt(y)}`).join(" ")} Z`;
}

function polylinePath(points: readonly Pt[]): string {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"} ${fmt(x)} ${fmt(y)}`).join(" ");
}

function mirrorX(points: readonly Pt[]): Pt[] {
  return points.map(([x, y]) => [-x, y] as const);
}

// Front view ----------------------------------------------------------------------------------

const HEAD_RIGHT_HALF: readonly Pt[] = [
  [0, 13.5],
  [3.6, 13],
  [6.2, 11.2],
  [7.4, 8.2],
  [7.7, 4.5],
  [7.5, 1],
  [7.1, -2.5],
  [6.5, -5.6],
  [5.3, -8.4],
  [3.2, -10.4],
  [0, -11.3],
];
const HEAD_OUTLINE: readonly Pt[] = [...HEAD_RIGHT_HALF, ...mirrorX(HEAD_RIGHT_HALF.slice(1, -1)).reverse()];
const FRONT_HEAD_PATH = smoothPath(HEAD_OUTLINE.map(toFront), true);

// The temple below the frontotemporal angle, from the notch down to the sideburn (right side).
const TEMPLE_NOTCH: Pt = [6.3, 5.2];
const TEMPORAL_POINT_FRONT: Pt = [5.5, 4];
const TEMPLE_LOWER: readonly Pt[] = [TEMPORAL_POINT_FRONT, [6.8, 2.5], [7.2, -1.5]];

function frontHairPath(outline: StageOutline): string {
  const far = 12;
  const top = 16;
  const bottom = -1.5;
  if (outline.frontal) {
    const { midlineCm, angleCm } = outline.frontal;
    const right: Pt[] = [[0, midlineCm], [2.2, midlineCm + (angleCm - midlineCm) * 0.3], [LATERAL_CANTHUS_CM, angleCm], TEMPLE_NOTCH, ...TEMPLE_LOWER];
    const left = mirrorX(right).reverse();
    const line = [...left, ...right.slice(1)];
    const points: Pt[] = [[-far, top], [-far, bottom], ...line, [far, bottom], [far, top]];
    return polygonPath(points.map(toFront));
  }
  const fringe = outline.fringeCm ?? TEMPLE_NOTCH[1];
  const notch: Pt = [TEMPLE_NOTCH[0], Math.min(TEMPLE_NOTCH[1], fringe)];
  const rightPatch: Pt[] = [[far, bottom], [7.2, bottom], [6.8, 2.5], TEMPORAL_POINT_FRONT, notch, [6.6, fringe], [far, fringe]];
  return `${polygonPath(rightPatch.map(toFront))} ${polygonPath(mirrorX(rightPatch).map(toFront))}`;
}

function plannedFrontPath(mfpCm: number): string {
  const angle = mfpCm + PLANNED_ANGLE_RISE_CM;
  const right: Pt[] = [
    [0, mfpCm],
    [2.2, mfpCm + PLANNED_ANGLE_RISE_CM * 0.3],
    [LATERAL_CANTHUS_CM, angle],
  ];
  const curve = smoothPath([...mirrorX(right).reverse(), ...right.slice(1)].map(toFront), false);
  const corner: Pt = [LATERAL_CANTHUS_CM, angle];
  const leftTemple = polylinePath(mirrorX([TEMPLE_NOTCH, corner]).map(toFront));
  const rightTemple = polylinePath([corner, TEMPLE_NOTCH].map(toFront));
  return `${leftTemple} ${curve} ${rightTemple}`;
}

// Side view -----------------------------------------------------------------------------------

const PROFILE: readonly Pt[] = [
  [5.4, -14],
  [5, -12.6],
  [3, -12],
  [0.6, -11.6],
  [-0.7, -10.6],
  [-0.4, -9.4],
  [-0.8, -8.4],
  [-0.5, -7.7],
  [-0.9, -7],
  [-0.6, -5.7],
  [-2.2, -5.3],
  [-2.4, -4.7],
  [-0.6, -2.6],
  [0.5, -1],
  [0, 0],
  [0.25, 2.5],
  [0.8, 5.5],
  [1.9, 8.5],
  [3.6, 11],
  [6.2, 12.9],
  [9.5, 13.6],
  [12.8, 13.1],
  [15.6, 11.4],
  [17.8, 8.6],
  [19, 5.2],
  [19.1, 1.6],
  [18.3, -1.8],
  [16.9, -4.8],
  [15.6, -7.6],
  [15.2, -10],
  [15.4, -14],
];
const SIDE_HEAD_PATH = `${smoothPath(PROFILE.map(toSide), false)} Z`;
const FOREHEAD: readonly Pt[] = PROFILE.slice(
  PROFILE.findIndex(([x, y]) => x === 0 && y === 0),
  20,
);

/** x of the forehead profile at height y (cm), by linear interpolation. */
function foreheadXAt(yCm: number): number {
  for (let i = 1; i < FOREHEAD.length; i += 1) {
    const [x0, y0] = FOREHEAD[i - 1]!;
    const [x1, y1] = FOREHEAD[i]!;
    if (yCm <= y1) return x0 + ((x1 - x0) * (yCm - y0)) / (y1 - y0);
  }
  return FOREHEAD[FOREHEAD.length - 1]![0];
}

/** Where a frontotemporal angle at height y appears in the side view: it moves back as it rises. */
function sideAngleX(yCm: number): number {
  return 3 + (yCm - 7) * 0.6;
}

const SIDE_NOTCH: Pt = [6, 5];
const TEMPORAL_POINT_SIDE: Pt = [5, 3.6];
// Below the temporal point: sideburn, around the ear and down to the nape.
const SIDE_LOWER_EDGE: readonly Pt[] = [
  TEMPORAL_POINT_SIDE,
  [6.2, 2.2],
  [6.4, -2.2],
  [7.4, -2.2],
  [8.1, 0.8],
  [9.6, 2.4],
  [11.2, 0.6],
  [11.8, -2.8],
  [14.8, -6.8],
  [25, -8],
];
const SIDE_CROWN_CENTRE: Pt = [13, 13.2];

function sideHairPath(outline: StageOutline): string {
  if (outline.frontal) {
    const { midlineCm, angleCm } = outline.frontal;
    const points: Pt[] = [[25, 20], [-4, 20], [-4, midlineCm], [sideAngleX(angleCm), angleCm], SIDE_NOTCH, ...SIDE_LOWER_EDGE];
    return polygonPath(points.map(toSide));
  }
  const fringe = outline.fringeCm ?? SIDE_NOTCH[1];
  const points: Pt[] = [
    [SIDE_NOTCH[0], Math.min(SIDE_NOTCH[1], fringe)],
    [6.4, fringe],
    [11, fringe + 0.5],
    [17, fringe + 1],
    [25, fringe + 1],
    ...[...SIDE_LOWER_EDGE].reverse(),
  ];
  return polygonPath(points.map(toSide));
}

function plannedSidePath(mfpCm: number): string {
  const angle = mfpCm + PLANNED_ANGLE_RISE_CM;
  return polylinePath(([[foreheadXAt(mfpCm), mfpCm], [sideAngleX(angle), angle], SIDE_NOTCH] as const).map(toSide));
}

// Markers -------------------------------------------------------------------------------------

type MarkerShape = "circle" | "diamond" | "triangle" | "square";

const LANDMARK_SHAPE: Record<Landmark, MarkerShape> = {
  glabella: "circle",
  "mid-frontal-point": "diamond",
  "frontotemporal-angle": "triangle",
  "temporal-point": "square",
};

const MARKER_CLASS = "fill-white stroke-stone-950";

function Marker({ shape, at, size = 5 }: { shape: MarkerShape; at: Pt; size?: number }) {
  const [x, y] = at;
  if (shape === "circle") {
    return <circle cx={x} cy={y} r={size * 0.85} strokeWidth={2} className={MARKER_CLASS} />;
  }
  const points: readonly Pt[] =
    shape === "diamond"
      ? [
          [x, y - size * 1.2],
          [x + size, y],
          [x, y + size * 1.2],
          [x - size, y],
        ]
      : shape === "triangle"
        ? [
            [x, y - size * 1.1],
            [x + size, y + size * 0.75],
            [x - size, y + size * 0.75],
          ]
        : [
            [x - size * 0.8, y - size * 0.8],
            [x + size * 0.8, y - size * 0.8],
            [x + size * 0.8, y + size * 0.8],
            [x - size * 0.8, y + size * 0.8],
          ];
  return <polygon points={points.map(([px, py]) => `${fmt(px)},${fmt(py)}`).join(" ")} strokeWidth={2} strokeLinejoin="round" className={MARKER_CLASS} />;
}

function MarkerIcon({ shape }: { shape: MarkerShape }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="h-5 w-5 shrink-0">
      <Marker shape={shape} at={[10, 10]} size={6} />
    </svg>
  );
}

const HALO_TEXT = "fill-stone-900 stroke-white text-sm font-semibold tabular-nums [paint-order:stroke]";

function RangeBracket({ x, toPoint, labelSide }: { x: number; toPoint: (p: Pt) => Pt; labelSide: "left" | "right" }) {
  const [, top] = toPoint([0, MFP_MAX_CM]);
  const [, bottom] = toPoint([0, MFP_MIN_CM]);
  const labelX = labelSide === "right" ? x + 7 : x - 7;
  const anchor = labelSide === "right" ? "start" : "end";
  return (
    <g>
      <rect x={x - 3} y={top} width={6} height={bottom - top} className="fill-amber-300 opacity-80" />
      {[top, bottom].map((y) => (
        <line key={y} x1={x - 6} x2={x + 6} y1={y} y2={y} strokeWidth={2} className="stroke-amber-800" />
      ))}
      <text x={labelX} y={top + 5} textAnchor={anchor} strokeWidth={4} strokeLinejoin="round" className={HALO_TEXT}>
        10
      </text>
      <text x={labelX} y={bottom + 5} textAnchor={anchor} strokeWidth={4} strokeLinejoin="round" className={HALO_TEXT}>
        7
      </text>
    </g>
  );
}

type ViewProps = {
  outline: StageOutline;
  mfpCm: number;
  shown: Readonly<Record<Landmark, boolean>>;
  titleId: string;
  descId: string;
  clipId: string;
  patternId: string;
  title: string;
  desc: string;
};

function HairPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width={5} height={5} patternUnits="userSpaceOnUse">
      <rect width={5} height={5} className="fill-stone-500" />
      <circle cx={1.5} cy={1.5} r={1.05} className="fill-stone-800" />
      <circle cx={4} cy={3.8} r={0.9} className="fill-stone-800" />
    </pattern>
  );
}

const SKIN = "fill-orange-50 stroke-stone-500";
const FEATURE = "fill-none stroke-stone-600";

function FrontView({ outline, mfpCm, shown, titleId, descId, clipId, patternId, title, desc }: ViewProps) {
  const plannedAngle = mfpCm + PLANNED_ANGLE_RISE_CM;
  const [gx, gy] = toFront([0, 0]);
  const [, mfpY] = toFront([0, mfpCm]);
  return (
    <svg viewBox={`0 0 ${FRONT.w} ${FRONT.h}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto w-full">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{desc}</desc>
      <defs>
        <HairPattern id={patternId} />
        <clipPath id={clipId}>
          <path d={FRONT_HEAD_PATH} />
        </clipPath>
      </defs>

      <path
        d={polygonPath(
          (
            [
              [-4.3, -8.8],
              [4.3, -8.8],
              [4.6, -14.5],
              [-4.6, -14.5],
            ] as const
          ).map(toFront),
        )}
        className={SKIN}
      />
      {[-1, 1].map((side) => {
        const [ex, ey] = toFront([side * 7.7, -2.2]);
        return <ellipse key={side} cx={ex} cy={ey} rx={PX_PER_CM} ry={2.6 * PX_PER_CM} className={SKIN} />;
      })}
      <path d={FRONT_HEAD_PATH} className={SKIN} strokeWidth={1.5} />
      <g clipPath={`url(#${clipId})`}>
        <path d={frontHairPath(outline)} fill={`url(#${patternId})`} />
      </g>
      <path d={FRONT_HEAD_PATH} className="fill-none stroke-stone-500" strokeWidth={1.5} />

      {/* Face */}
      {[-1, 1].map((side) => {
        const brow = (
          [
            [1.2, 0.4],
            [3.2, 1.1],
            [5, 0.6],
          ] as const
        ).map(([x, y]) => toFront([side * x, y]));
        const [l, t, r, b] = (
          [
            [1.7, -1.4],
            [3.1, -0.7],
            [4.5, -1.4],
            [3.1, -2.1],
          ] as const
        ).map(([x, y]) => toFront([side * x, y]));
        const [ix, iy] = toFront([side * 3.1, -1.4]);
        return (
          <g key={side}>
            <path
              d={`M ${fmt(brow[0]![0])} ${fmt(brow[0]![1])} Q ${fmt(brow[1]![0])} ${fmt(brow[1]![1])} ${fmt(brow[2]![0])} ${fmt(brow[2]![1])}`}
              strokeWidth={3}
              strokeLinecap="round"
              className="fill-none stroke-stone-700"
            />
            <path
              d={`M ${fmt(l![0])} ${fmt(l![1])} Q ${fmt(t![0])} ${fmt(t![1])} ${fmt(r![0])} ${fmt(r![1])} Q ${fmt(b![0])} ${fmt(b![1])} ${fmt(l![0])} ${fmt(l![1])} Z`}
              className="fill-white stroke-stone-600"
            />
            <circle cx={ix} cy={iy} r={3.4} className="fill-stone-700" />
          </g>
        );
      })}
      <path
        d={polylinePath(
          (
            [
              [-0.4, -1.2],
              [-0.9, -4.9],
            ] as const
          ).map(toFront),
        )}
        className={FEATURE}
        strokeLinecap="round"
      />
      <path
        d={smoothPath(
          (
            [
              [-1.6, -5.2],
              [0, -5.9],
              [1.6, -5.2],
            ] as const
          ).map(toFront),
          false,
        )}
        className={FEATURE}
        strokeLinecap="round"
      />
      <path
        d={smoothPath(
          (
            [
              [-2, -7.9],
              [0, -8.4],
              [2, -7.9],
            ] as const
          ).map(toFront),
          false,
        )}
        className={FEATURE}
        strokeWidth={1.5}
        strokeLinecap="round"
      />

      {/* Lateral epicanthal lines */}
      {shown["frontotemporal-angle"]
        ? [-1, 1].map((side) => {
            const [x1, y1] = toFront([side * LATERAL_CANTHUS_CM, -1.4]);
            const [, y2] = toFront([0, 13]);
            return <line key={side} x1={x1} x2={x1} y1={y1} y2={y2} strokeWidth={1.5} strokeDasharray="2 4" strokeLinecap="round" className="stroke-sky-800" />;
          })
        : null}

      {/* Mid-frontal point range and measurement */}
      {shown["mid-frontal-point"] ? (
        <g>
          <line x1={gx} x2={gx} y1={gy} y2={mfpY} strokeWidth={1.5} strokeDasharray="1 3" strokeLinecap="round" className="stroke-stone-900" />
          <RangeBracket x={gx + FRONT_BRACKET_OFFSET} toPoint={toFront} labelSide="right" />
        </g>
      ) : null}

      {/* Planned hairline */}
      <path d={plannedFrontPath(mfpCm)} strokeWidth={3} strokeDasharray="7 4" strokeLinecap="round" strokeLinejoin="round" className="fill-none stroke-white" />
      <path
        d={plannedFrontPath(mfpCm)}
        strokeWidth={2}
        strokeDasharray="7 4"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="fill-none stroke-brand-700"
      />

      {shown.glabella ? <Marker shape="circle" at={[gx, gy]} /> : null}
      {shown["mid-frontal-point"] ? <Marker shape="diamond" at={[gx, mfpY]} /> : null}
      {shown["frontotemporal-angle"]
        ? [-1, 1].map((side) => <Marker key={side} shape="triangle" at={toFront([side * LATERAL_CANTHUS_CM, plannedAngle])} />)
        : null}
      {shown["temporal-point"]
        ? [-1, 1].map((side) => <Marker key={side} shape="square" at={toFront([side * TEMPORAL_POINT_FRONT[0], TEMPORAL_POINT_FRONT[1]])} size={4.5} />)
        : null}
    </svg>
  );
}

function SideView({ outline, mfpCm, shown, titleId, descId, clipId, patternId, title, desc }: ViewProps) {
  const plannedAngle = mfpCm + PLANNED_ANGLE_RISE_CM;
  const glabella = toSide([0, 0]);
  const mfp = toSide([foreheadXAt(mfpCm), mfpCm]);
  const bracketX = toSide([-3.4, 0])[0];
  const [crownX, crownY] = toSide(SIDE_CROWN_CENTRE);
  const [earX, earY] = toSide([10, -1]);
  const [eyeX, eyeY] = toSide([1.5, -1.4]);
  return (
    <svg viewBox={`0 0 ${SIDE.w} ${SIDE.h}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto w-full">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{desc}</desc>
      <defs>
        <HairPattern id={patternId} />
        <clipPath id={clipId}>
          <path d={SIDE_HEAD_PATH} />
        </clipPath>
      </defs>

      <path d={SIDE_HEAD_PATH} className={SKIN} strokeWidth={1.5} />
      <g clipPath={`url(#${clipId})`}>
        <path d={sideHairPath(outline)} fill={`url(#${patternId})`} />
        {outline.crownCm > 0 ? (
          <ellipse cx={crownX} cy={crownY} rx={outline.crownCm * PX_PER_CM} ry={outline.crownCm * 0.7 * PX_PER_CM} className="fill-orange-50" />
        ) : null}
      </g>
      <path d={SIDE_HEAD_PATH} className="fill-none stroke-stone-500" strokeWidth={1.5} />
      <ellipse cx={earX} cy={earY} rx={1.3 * PX_PER_CM} ry={2.8 * PX_PER_CM} className={SKIN} strokeWidth={1.5} />
      <path
        d={smoothPath(
          (
            [
              [9.9, 0.6],
              [9.3, -0.8],
              [9.8, -2.6],
            ] as const
          ).map(toSide),
          false,
        )}
        className={FEATURE}
      />
      <path
        d={polylinePath(
          (
            [
              [0.5, 0.5],
              [2.3, 0.8],
            ] as const
          ).map(toSide),
        )}
        strokeWidth={3}
        strokeLinecap="round"
        className="fill-none stroke-stone-700"
      />
      <path
        d={`M ${fmt(eyeX - 6)} ${fmt(eyeY)} Q ${fmt(eyeX)} ${fmt(eyeY - 4)} ${fmt(eyeX + 5)} ${fmt(eyeY)} Q ${fmt(eyeX)} ${fmt(eyeY + 4)} ${fmt(eyeX - 6)} ${fmt(eyeY)} Z`}
        className="fill-white stroke-stone-600"
      />

      {shown["mid-frontal-point"] ? (
        <g>
          <line
            x1={bracketX}
            x2={bracketX}
            y1={glabella[1]}
            y2={mfp[1]}
            strokeWidth={1.5}
            strokeDasharray="1 3"
            strokeLinecap="round"
            className="stroke-stone-900"
          />
          <line
            x1={bracketX - 5}
            x2={glabella[0]}
            y1={glabella[1]}
            y2={glabella[1]}
            strokeWidth={1.5}
            strokeDasharray="1 3"
            strokeLinecap="round"
            className="stroke-stone-900"
          />
          <line x1={bracketX} x2={mfp[0]} y1={mfp[1]} y2={mfp[1]} strokeWidth={1.5} strokeDasharray="1 3" strokeLinecap="round" className="stroke-stone-900" />
          <RangeBracket x={bracketX} toPoint={toSide} labelSide="left" />
        </g>
      ) : null}

      <path d={plannedSidePath(mfpCm)} strokeWidth={3} strokeDasharray="7 4" strokeLinecap="round" strokeLinejoin="round" className="fill-none stroke-white" />
      <path
        d={plannedSidePath(mfpCm)}
        strokeWidth={2}
        strokeDasharray="7 4"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="fill-none stroke-brand-700"
      />

      {shown.glabella ? <Marker shape="circle" at={glabella} /> : null}
      {shown["mid-frontal-point"] ? <Marker shape="diamond" at={mfp} /> : null}
      {shown["frontotemporal-angle"] ? <Marker shape="triangle" at={toSide([sideAngleX(plannedAngle), plannedAngle])} /> : null}
      {shown["temporal-point"] ? <Marker shape="square" at={toSide(TEMPORAL_POINT_SIDE)} size={4.5} /> : null}
    </svg>
  );
}

// Component -----------------------------------------------------------------------------------

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

const ALL_SHOWN: Record<Landmark, boolean> = {
  glabella: true,
  "mid-frontal-point": true,
  "frontotemporal-angle": true,
  "temporal-point": true,
};

const LANDMARK_HINTS: Record<Landmark, string> = {
  glabella: "the smooth point between the eyebrows; heights are measured from here",
  "mid-frontal-point": "centre of the hairline; amber bar = 7–10 cm",
  "frontotemporal-angle": "kept open on the dotted line through the outer eye corner",
  "temporal-point": "tip of the hair at each temple",
};

/**
 * Interactive front and side schematic of hairline design across Hamilton–Norwood types, for
 * MDX course pages. Renders the same markup on the server and on first client render.
 */
export function HairlineShapes({ initialStage, initialMfpCm }: { initialStage?: NorwoodStage; initialMfpCm?: number }) {
  const [stage, setStage] = useState<NorwoodStage>(initialStage ?? DEFAULT_STAGE);
  const [mfpCm, setMfpCm] = useState<number>(() =>
    snapMidFrontalPoint(initialMfpCm !== undefined && Number.isFinite(initialMfpCm) ? initialMfpCm : DEFAULT_MFP_CM),
  );
  const [shown, setShown] = useState<Record<Landmark, boolean>>(ALL_SHOWN);

  const uid = useId().replace(/:/g, "");
  const ids = {
    stageName: `${uid}-stage`,
    slider: `${uid}-mfp`,
    sliderHint: `${uid}-mfp-hint`,
    frontTitle: `${uid}-front-title`,
    frontDesc: `${uid}-front-desc`,
    frontClip: `${uid}-front-clip`,
    frontHair: `${uid}-front-hair`,
    sideTitle: `${uid}-side-title`,
    sideDesc: `${uid}-side-desc`,
    sideClip: `${uid}-side-clip`,
    sideHair: `${uid}-side-hair`,
  };

  const outline = stageOutline(stage);
  const guidance = stageGuidance(stage);
  const shownList = LANDMARKS.filter((landmark) => shown[landmark]);
  const summary = describeFigure(stage, mfpCm, shownList);
  const notes = midFrontalPointNotes(mfpCm);

  function handleStage(event: ChangeEvent<HTMLInputElement>) {
    const next = event.currentTarget.value;
    if (isNorwoodStage(next)) setStage(next);
  }

  function handleSlider(event: ChangeEvent<HTMLInputElement>) {
    const next = Number(event.currentTarget.value);
    if (Number.isFinite(next)) setMfpCm(snapMidFrontalPoint(next));
  }

  function handleLandmark(event: ChangeEvent<HTMLInputElement>) {
    const { value, checked } = event.currentTarget;
    if (isLandmark(value)) setShown((prev) => ({ ...prev, [value]: checked }));
  }

  const viewShared = { outline, mfpCm, shown };
  const frontDesc = `Front view. ${summary} The dashed green line is the planned hairline; the dotted texture is the hair that remains. The frontotemporal angles sit on dotted vertical lines through the outer eye corners.`;
  const sideDesc = `Side view, face to the left. ${summary} ${
    outline.crownCm > 0 ? "A bald patch shows at the crown. " : ""
  }The dashed green line is the planned hairline, running from the mid-frontal point on the forehead profile back to the temple.`;

  return (
    <div className="not-prose my-8 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="min-w-0">
          <p className="mb-1 text-sm font-semibold text-stone-700" aria-hidden="true">
            Front
          </p>
          <FrontView
            {...viewShared}
            titleId={ids.frontTitle}
            descId={ids.frontDesc}
            clipId={ids.frontClip}
            patternId={ids.frontHair}
            title={`Front view, Hamilton–Norwood type ${stage} (schematic), planned mid-frontal point ${formatCm(mfpCm)} cm`}
            desc={frontDesc}
          />
        </div>
        <div className="min-w-0">
          <p className="mb-1 text-sm font-semibold text-stone-700" aria-hidden="true">
            Side
          </p>
          <SideView
            {...viewShared}
            titleId={ids.sideTitle}
            descId={ids.sideDesc}
            clipId={ids.sideClip}
            patternId={ids.sideHair}
            title={`Side view, Hamilton–Norwood type ${stage} (schematic), planned mid-frontal point ${formatCm(mfpCm)} cm`}
            desc={sideDesc}
          />
        </div>
      </div>

      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700" aria-label="Key">
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 28 12" aria-hidden="true" className="h-3 w-7 shrink-0">
            <line x1={1} x2={27} y1={6} y2={6} strokeWidth={2.5} strokeDasharray="7 4" className="stroke-brand-700" />
          </svg>
          Planned hairline
        </li>
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 14 14" aria-hidden="true" className="h-4 w-4 shrink-0">
            <rect x={0} y={0} width={14} height={14} rx={2} className="fill-stone-500" />
            <circle cx={4} cy={4} r={1.6} className="fill-stone-800" />
            <circle cx={10} cy={10} r={1.6} className="fill-stone-800" />
            <circle cx={10} cy={4} r={1.2} className="fill-stone-800" />
            <circle cx={4} cy={10} r={1.2} className="fill-stone-800" />
          </svg>
          Remaining hair
        </li>
      </ul>

      <div className="mt-5 grid grid-cols-1 gap-5 md:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-5">
          <fieldset className="m-0 min-w-0 border-0 p-0">
            <legend className="mb-2 text-sm font-semibold text-stone-900">Hamilton–Norwood type (schematic)</legend>
            <div className="flex flex-wrap gap-2">
              {NORWOOD_STAGES.map((option) => {
                const id = `${ids.stageName}-${option}`;
                const checked = option === stage;
                return (
                  <div
                    key={option}
                    className={`flex min-h-11 items-center gap-2 rounded-md border px-3 ${
                      checked ? "border-stone-900 bg-stone-100 font-semibold" : "border-stone-300 bg-white"
                    }`}
                  >
                    <input
                      id={id}
                      type="radio"
                      name={ids.stageName}
                      value={option}
                      checked={checked}
                      onChange={handleStage}
                      className={`h-4 w-4 cursor-pointer accent-stone-900 ${FOCUS_RING}`}
                    />
                    <label htmlFor={id} className="cursor-pointer text-sm">
                      <span className="sr-only">Type </span>
                      {option}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>

          <div>
            <div className="flex items-baseline justify-between gap-3">
              <label htmlFor={ids.slider} className="text-sm font-semibold text-stone-900">
                Mid-frontal point above the glabella
              </label>
              <span className="whitespace-nowrap text-lg font-semibold tabular-nums">{formatCm(mfpCm)} cm</span>
            </div>
            <input
              id={ids.slider}
              type="range"
              min={MFP_MIN_CM}
              max={MFP_MAX_CM}
              step={MFP_STEP_CM}
              value={mfpCm}
              onChange={handleSlider}
              aria-valuetext={midFrontalPointLabel(mfpCm)}
              aria-describedby={ids.sliderHint}
              className={`mt-2 block w-full cursor-pointer rounded accent-brand-700 ${FOCUS_RING}`}
            />
            <div id={ids.sliderHint} className="mt-1 flex justify-between gap-2 text-sm text-stone-600">
              <span>7 cm: aggressive (lower)</span>
              <span className="text-right">10 cm: conservative (higher)</span>
            </div>
          </div>
        </div>

        <fieldset className="m-0 min-w-0 border-0 p-0">
          <legend className="mb-2 text-sm font-semibold text-stone-900">Show landmarks</legend>
          <ul className="flex flex-col gap-2">
            {LANDMARKS.map((landmark) => {
              const id = `${uid}-landmark-${landmark}`;
              return (
                <li key={landmark} className="flex items-start gap-2">
                  <input
                    id={id}
                    type="checkbox"
                    value={landmark}
                    checked={shown[landmark]}
                    onChange={handleLandmark}
                    className={`mt-0.5 h-4 w-4 shrink-0 cursor-pointer accent-stone-900 ${FOCUS_RING}`}
                  />
                  <MarkerIcon shape={LANDMARK_SHAPE[landmark]} />
                  <label htmlFor={id} className="cursor-pointer text-sm leading-snug">
                    <span className="font-medium">{LANDMARK_LABELS[landmark]}</span>
                    <span className="block text-stone-600">{LANDMARK_HINTS[landmark]}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </div>

      <div
        aria-live="polite"
        aria-atomic="true"
        className="mt-5 rounded-lg border border-l-4 border-stone-300 border-l-brand-700 bg-brand-50 p-4 text-stone-900"
      >
        <p className="text-base font-semibold">
          {guidance.name} (schematic): {guidance.pattern}
        </p>
        <p className="mt-2 text-sm leading-relaxed">{guidance.guidance}</p>
        <p className="mt-3 text-sm font-medium">Planned mid-frontal point: {midFrontalPointLabel(mfpCm)}.</p>
        <ul className="mt-1 list-disc pl-5 text-sm leading-relaxed">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </div>

      <p className="mt-4 text-sm leading-relaxed text-stone-600">
        Schematic and not to scale: the loss outlines are simplified drawings of the Hamilton–Norwood types (Gupta &amp; Mysore 2016), without the A and V
        variants, and are not a staging chart. Rules at every type: not too low, frontotemporal angles kept open on the lateral epicanthal line, planned for
        future loss, irregular edge (Shapiro 2013). The 7–10 cm range is from a summary of Shapiro 2013; Garg 2017 gives 8 cm; Tan &amp; Pathomvanich 2016 give
        7–9 cm for East and Southeast Asian hairlines. The rule of thirds is a proportion of the face, so on a long or short face it can give a different
        height. How far the planned angles sit above the mid-frontal point is drawn, not sourced.
      </p>
    </div>
  );
}
