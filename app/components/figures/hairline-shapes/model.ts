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
/** The type shown when the figure first renders. */
export const DEFAULT_STAGE: NorwoodStage = "III";
/** The planned mid-frontal point when the figure first renders: midway through the range. */
export const DEFAULT_MFP_CM = MFP_MIDWAY_CM;
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

/** Every landmark shown: the figure's starting state. */
export const ALL_SHOWN: Record<Landmark, boolean> = {
  glabella: true,
  "mid-frontal-point": true,
  "frontotemporal-angle": true,
  "temporal-point": true,
};

/** The short hint printed under each landmark's label. */
export const LANDMARK_HINTS: Record<Landmark, string> = {
  glabella: "the smooth point between the eyebrows; heights are measured from here",
  "mid-frontal-point": "centre of the hairline; amber bar = 7–10 cm",
  "frontotemporal-angle": "kept open on the dotted line through the outer eye corner",
  "temporal-point": "tip of the hair at each temple",
};

export type View = "front" | "side";

/** The title of the front or side drawing. */
export function viewTitle(view: View, stage: NorwoodStage, mfpCm: number): string {
  return `${view === "front" ? "Front" : "Side"} view, Hamilton–Norwood type ${stage} (schematic), planned mid-frontal point ${formatCm(mfpCm)} cm`;
}

/**
 * The text alternative of the front or side drawing: the figure's state (describeFigure), then
 * what the drawing shows. Throws a RangeError if the height is NaN.
 */
export function viewDescription(view: View, stage: NorwoodStage, mfpCm: number, shown: readonly Landmark[]): string {
  const summary = describeFigure(stage, mfpCm, shown);
  if (view === "front") {
    return `Front view. ${summary} The dashed green line is the planned hairline; the dotted texture is the hair that remains. The frontotemporal angles sit on dotted vertical lines through the outer eye corners.`;
  }
  return `Side view, face to the left. ${summary} ${
    stageOutline(stage).crownCm > 0 ? "A bald patch shows at the crown. " : ""
  }The dashed green line is the planned hairline, running from the mid-frontal point on the forehead profile back to the temple.`;
}
