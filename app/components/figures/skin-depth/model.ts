/*
 * These are teaching bands for a schematic, not clinical numbers. The sources disagree on how
 * thick scalp skin is (Selçuk: dermis 1.1–1.9 mm; Oltulu 2018: 2.1–5.9 mm) and on how deep SMP
 * needles go (figures from 0.5 to 2.5 mm are quoted), and needle length is not tissue depth
 * (Kalluri 2011). So the lesson teaches which layer the pigment lands in, and the bands only
 * have to agree with the layers the figure draws.
 */

export type DepthOutcome = "too-shallow" | "on-target" | "too-deep";

// Where the figure draws each boundary (mm), chosen inside the ranges quoted in the caption.
export const EPIDERMIS_MM = 0.1;
export const PAPILLARY_MM = 0.5;
export const DERMIS_MM = 1.5;

// The target band is the papillary (upper) dermis exactly as the figure draws it, so the caption
// names one band and the drawing, the slider and the layer names all agree on it.

/** Shallowest depth (mm) counted as on target; shallower pigment stays in the epidermis. */
export const ON_TARGET_MIN_MM = EPIDERMIS_MM;
/** Deepest depth (mm) counted as on target; deeper pigment is past the upper dermis. */
export const ON_TARGET_MAX_MM = PAPILLARY_MM;

export const DEPTH_MIN_MM = 0;
export const DEPTH_MAX_MM = 2.5;
export const DEPTH_STEP_MM = 0.05;

/** One example depth per outcome, set by the preset buttons. */
export const EXAMPLE_DEPTHS_MM = {
  "too-shallow": 0.05,
  "on-target": 0.3,
  "too-deep": 1.6,
} as const satisfies Record<DepthOutcome, number>;

/** The depth shown when the figure first renders. */
export const DEFAULT_DEPTH_MM = EXAMPLE_DEPTHS_MM["on-target"];
/** The outcomes in the order the example buttons show them, shallowest first. */
export const OUTCOME_ORDER: readonly DepthOutcome[] = ["too-shallow", "on-target", "too-deep"];

/**
 * Sorts a needle-tip depth in mm into a teaching outcome: below 0.1 too shallow, 0.1 to 0.5
 * (inclusive) on target, beyond 0.5 too deep. Throws a RangeError for NaN.
 */
export function classifyDepth(depthMm: number): DepthOutcome {
  if (Number.isNaN(depthMm)) {
    throw new RangeError("classifyDepth: depth must be a number of millimetres, got NaN");
  }
  if (depthMm < ON_TARGET_MIN_MM) return "too-shallow";
  if (depthMm <= ON_TARGET_MAX_MM) return "on-target";
  return "too-deep";
}

/** Clamps a depth to 0–2.5 mm and snaps it to the 0.05 mm steps of the slider. */
export function snapDepth(depthMm: number): number {
  const clamped = Math.min(DEPTH_MAX_MM, Math.max(DEPTH_MIN_MM, depthMm));
  const snapped = Math.round(clamped / DEPTH_STEP_MM) * DEPTH_STEP_MM;
  // Rounding to hundredths stops 10 × 0.05 = 0.5000000000000001 from tipping 0.5 into "too deep".
  return Math.round(snapped * 100) / 100;
}

/** A depth with two decimals, without the unit: 0.3 → "0.30". */
export function formatMm(depthMm: number): string {
  return depthMm.toFixed(2);
}

/** The layer a depth falls in, as the figure draws it. */
export function placeOf(depthMm: number): string {
  if (depthMm <= 0) return "skin surface";
  const outcome = classifyDepth(depthMm);
  if (outcome === "too-shallow") return "epidermis";
  if (outcome === "on-target") return "upper dermis";
  return depthMm < DERMIS_MM ? "reticular dermis" : "hypodermis (fat)";
}

function wherePhrase(depthMm: number): string {
  const place = placeOf(depthMm);
  return place === "skin surface" ? "at the skin surface" : `in the ${place}`;
}

/** What the figure says about each outcome: button label, heading, healed dot and why. */
export type OutcomeCopy = {
  label: string;
  heading: string;
  healedDot: string;
  explanation: string;
};

export const OUTCOME_COPY: Record<DepthOutcome, OutcomeCopy> = {
  "too-shallow": {
    label: "Too shallow",
    heading: "Too shallow: the pigment stays in the epidermis",
    healedDot: "faint and patchy",
    explanation:
      "The epidermis renews itself and sheds. Pigment left there comes away with the scab and with epidermal turnover, so the healed dots look patchy and faded (Lahiji 2019).",
  },
  "on-target": {
    label: "On target",
    heading: "On target: the pigment sits in the upper dermis",
    healedDot: "small, crisp and charcoal",
    explanation:
      "Placed through the epidermis into the upper dermis, the pigment stays. Healed, the dots are crisp, even and grey-black, and mimic closely shaved follicles (Rassman 2015); under a trichoscope they show as round grey-black dots, evenly spaced (Nguyen 2022).",
  },
  "too-deep": {
    label: "Too deep",
    heading: "Too deep: the pigment is below the upper dermis",
    healedDot: "larger, blurred and blue-grey",
    explanation:
      'Deep pigment spreads ("blow-out"), so the healed dots are larger and blurred, with a blue-grey cast. The blue is usually attributed to the Tyndall effect, short wavelengths scattering back from deep pigment (Arch Dermatol 2006), but the mechanism is disputed: Findlay put it down to subtractive colour mixing instead (Findlay 1970).',
  },
};

/** The slider's aria-valuetext: the depth, its outcome and the layer it reaches. */
export function depthValueText(depthMm: number): string {
  return `${formatMm(depthMm)} millimetres: ${OUTCOME_COPY[classifyDepth(depthMm)].label.toLowerCase()}, ${placeOf(depthMm)}`;
}

/** The title of the cross-section for a needle depth. */
export function crossSectionTitle(depthMm: number): string {
  return `Scalp skin cross-section, needle at ${formatMm(depthMm)} mm: ${OUTCOME_COPY[classifyDepth(depthMm)].label.toLowerCase()}`;
}

/** The cross-section's text alternative: the layers drawn, the target band and where the needle tip is. */
export function crossSectionDescription(depthMm: number): string {
  const mm = formatMm(depthMm);
  const label = OUTCOME_COPY[classifyDepth(depthMm)].label.toLowerCase();
  return `Schematic layers from the surface down: epidermis to about ${EPIDERMIS_MM} mm, papillary (upper) dermis to about ${PAPILLARY_MM} mm, reticular dermis to about ${DERMIS_MM} mm, then the hypodermis (fat), with two hair follicles reaching into the fat. An amber band marks the on-target range, ${ON_TARGET_MIN_MM} to ${ON_TARGET_MAX_MM} mm. A needle comes down from the top; its tip and pigment dot are ${mm} mm deep, ${wherePhrase(depthMm)}: ${label}.`;
}
