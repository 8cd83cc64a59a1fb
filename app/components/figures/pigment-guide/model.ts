/*
 * Every recommendation here is industry practice, not evidence: the shade habits come from
 * trainer, supplier and clinic pages (Karen Nicolaou, Luxe Micro, Pro-Micro, Scalp Amplified,
 * Maryam Collahi, ScalpGenesis, ScalpStudio, TeamMicro, Vinci). No source publishes
 * pigment-to-diluent ratios, so the guide speaks in relative steps only. Three choices are this
 * figure's own conventions and are said so in its text: which stubble colour maps to which
 * step, moving "one step" for darker skin and for the first session, and treating Fitzpatrick
 * IV–VI as "darker skin" (the grouping Bendick et al. use for risk).
 */

export const FITZPATRICK_TYPES = ["I", "II", "III", "IV", "V", "VI"] as const;
export type FitzpatrickType = (typeof FITZPATRICK_TYPES)[number];

export const HAIR_COLOURS = ["black", "dark-brown", "mid-brown", "light-brown-blond", "grey-white"] as const;
export type HairColour = (typeof HAIR_COLOURS)[number];

/** Relative dilution steps, lightest (most diluent) first. Not ratios: no source gives ratios. */
export const SHADE_STEPS = ["light", "medium", "dark", "darkest"] as const;
export type ShadeStep = (typeof SHADE_STEPS)[number];

export const EVIDENCE_STATUS = "Industry practice, not evidence";

export const HAIR_COLOUR_LABELS: Record<HairColour, string> = {
  black: "Black",
  "dark-brown": "Dark brown",
  "mid-brown": "Mid brown",
  "light-brown-blond": "Light brown or blond",
  "grey-white": "Grey or white",
};

export const SHADE_STEP_LABELS: Record<ShadeStep, string> = {
  light: "Light",
  medium: "Medium",
  dark: "Dark",
  darkest: "Darkest",
};

/** How much diluent each step takes, in words. */
export const SHADE_STEP_WATER: Record<ShadeStep, string> = {
  light: "most diluent",
  medium: "more diluent",
  dark: "less diluent",
  darkest: "least diluent",
};

/*
 * Lighter stubble, more diluent (Luxe Micro; Pro-Micro). Grey or white stubble has no step:
 * none of the sources says how to match it.
 */
const STUBBLE_STEP: Record<HairColour, ShadeStep | null> = {
  black: "darkest",
  "dark-brown": "dark",
  "mid-brown": "medium",
  "light-brown-blond": "light",
  "grey-white": null,
};

const DARKER_SKIN_TYPES: ReadonlySet<FitzpatrickType> = new Set(["IV", "V", "VI"]);

/** True when the string is one of the six Fitzpatrick types, I to VI. */
export function isFitzpatrickType(value: string): value is FitzpatrickType {
  return (FITZPATRICK_TYPES as readonly string[]).includes(value);
}

/** True when the string is one of the stubble colours this guide offers. */
export function isHairColour(value: string): value is HairColour {
  return (HAIR_COLOURS as readonly string[]).includes(value);
}

function assertInputs(fitzpatrick: string, hairColour: string): void {
  if (!isFitzpatrickType(fitzpatrick)) {
    throw new RangeError(`pigmentAdvice: unknown Fitzpatrick type "${fitzpatrick}"`);
  }
  if (!isHairColour(hairColour)) {
    throw new RangeError(`pigmentAdvice: unknown hair colour "${hairColour}"`);
  }
}

/**
 * The option label for a Fitzpatrick type. Only the two ends of the scale carry the 1988
 * descriptions, because those are the only descriptions the course's sources quote.
 */
export function fitzpatrickLabel(type: FitzpatrickType): string {
  if (type === "I") return "Type I: always burns, never tans";
  if (type === "VI") return "Type VI: never burns";
  return `Type ${type}`;
}

/** True for Fitzpatrick IV–VI, the types this guide treats as darker skin with higher risks. */
export function isDarkerSkinType(type: FitzpatrickType): boolean {
  return DARKER_SKIN_TYPES.has(type);
}

/** Moves a step by `by` places (positive = darker), stopping at light and darkest. */
export function shiftShade(step: ShadeStep, by: number): ShadeStep {
  const index = SHADE_STEPS.indexOf(step) + Math.trunc(by);
  const clamped = Math.min(SHADE_STEPS.length - 1, Math.max(0, index));
  return SHADE_STEPS[clamped] ?? step;
}

/** Where a step sits from lightest (0) to darkest (3). */
export function shadeRank(step: ShadeStep): number {
  return SHADE_STEPS.indexOf(step);
}

/** The step matching the stubble at the root, or null when no source covers that colour. */
export function stubbleShade(hairColour: HairColour): ShadeStep | null {
  return STUBBLE_STEP[hairColour];
}

/**
 * The healed shade to aim for: the stubble's step, one step darker for Fitzpatrick IV–VI
 * ("darker skin, darker pigment": TeamMicro, Vinci). Null for grey or white stubble.
 */
export function targetShade(fitzpatrick: FitzpatrickType, hairColour: HairColour): ShadeStep | null {
  const stubble = stubbleShade(hairColour);
  if (stubble === null) return null;
  return isDarkerSkinType(fitzpatrick) ? shiftShade(stubble, 1) : stubble;
}

/**
 * The step to start the first session at: one step lighter than the target, but never lighter
 * than the lightest step ("go light first": Scalp Amplified, Maryam Collahi). Null when there
 * is no target.
 */
export function firstSessionShade(fitzpatrick: FitzpatrickType, hairColour: HairColour): ShadeStep | null {
  const target = targetShade(fitzpatrick, hairColour);
  return target === null ? null : shiftShade(target, -1);
}

export type PigmentAdvice = {
  fitzpatrick: FitzpatrickType;
  hairColour: HairColour;
  /** Step matching the stubble at the root, before any skin adjustment. */
  stubble: ShadeStep | null;
  /** Healed shade to aim for over the course of sessions. */
  target: ShadeStep | null;
  /** Step to start the first session at. */
  firstSession: ShadeStep | null;
  /** Whether the skin type moved the target one step darker. */
  skinStepApplied: boolean;
  /** Whether the skin type called for a darker step but the stubble was already darkest. */
  skinStepCapped: boolean;
  /** Whether the first session could not go lighter than the target (already the lightest). */
  startsAtTarget: boolean;
  /** One sentence stating the result, for the live region. */
  summary: string;
  firstSessionGuidance: string[];
  healedVsFresh: string[];
  /** Empty for types I–III: the sources give no type-specific risk for them. */
  riskNotes: string[];
};

function stepName(step: ShadeStep): string {
  return SHADE_STEP_LABELS[step].toLowerCase();
}

/**
 * The guide's advice for a skin type and stubble colour: relative steps (never ratios), the
 * first-session plan, healed-versus-fresh expectations and risk notes, each labelled as
 * industry practice where it is. Throws a RangeError for an unknown type or colour.
 */
export function pigmentAdvice(fitzpatrick: FitzpatrickType, hairColour: HairColour): PigmentAdvice {
  assertInputs(fitzpatrick, hairColour);
  const stubble = stubbleShade(hairColour);
  const target = targetShade(fitzpatrick, hairColour);
  const firstSession = firstSessionShade(fitzpatrick, hairColour);
  const darkerSkin = isDarkerSkinType(fitzpatrick);
  const skinStepApplied = stubble !== null && target !== null && target !== stubble;
  const skinStepCapped = darkerSkin && stubble === "darkest";
  const startsAtTarget = target !== null && firstSession === target;
  const hair = HAIR_COLOUR_LABELS[hairColour].toLowerCase();
  const who = `Fitzpatrick type ${fitzpatrick} with ${hair} stubble`;

  let summary: string;
  if (target === null || firstSession === null) {
    summary = `${who}: no source in this course gives a shade for it, so the guide suggests no step. The general practice still applies: go light first. ${EVIDENCE_STATUS}.`;
  } else {
    const why = skinStepApplied ? ` (${stepName(stubble ?? target)} for the stubble, one step darker for type IV–VI skin)` : "";
    const start = startsAtTarget
      ? `Start the first session at ${stepName(firstSession)} too: it is already the lightest step in this guide.`
      : `Start the first session one step lighter, at ${stepName(firstSession)}.`;
    summary = `${who}: aim for the ${stepName(target)} step once healed${why}. ${start} ${EVIDENCE_STATUS}.`;
  }

  const firstSessionGuidance: string[] = [];
  if (firstSession === null) {
    firstSessionGuidance.push(
      "No source in this course says how to match grey or white stubble, so the guide gives no step. Ask your trainer, and follow the general practice: start light and build darker (Scalp Amplified; Maryam Collahi). Industry practice, not evidence.",
    );
  } else {
    firstSessionGuidance.push(
      startsAtTarget
        ? `Start at ${stepName(firstSession)}. The aim is already the lightest step in this guide, and no source says how much lighter a first session should be. Go light first, build darker later (Scalp Amplified; Maryam Collahi; Karen Nicolaou). Industry practice, not evidence.`
        : `Start at ${stepName(firstSession)}, one step lighter than the ${stepName(target ?? firstSession)} aim, and build darker at later sessions (Scalp Amplified; Maryam Collahi; Karen Nicolaou). Industry practice, not evidence; "one step" is this guide's convention.`,
    );
  }
  firstSessionGuidance.push("Match the colour of the stubble at the root, not the longer hair (ScalpGenesis). Industry practice, not evidence.");
  if (darkerSkin) {
    firstSessionGuidance.push(
      skinStepCapped
        ? "Darker skin takes darker pigment and slightly larger dots, without letting dots merge (TeamMicro; Vinci). Black stubble is already at the darkest step, so the guide cannot go darker. Industry practice, not evidence; treating types IV–VI as darker skin is this guide’s convention."
        : "Darker skin takes darker pigment and slightly larger dots, without letting dots merge (TeamMicro; Vinci). Industry practice, not evidence; treating types IV–VI as darker skin, and moving one step, are this guide’s conventions.",
    );
  }
  firstSessionGuidance.push(
    "Measure the dilution by syringe against your supplier’s chart (Luxe Micro; Pro-Micro): more diluent, lighter shade. No source gives ratios, so the steps here are relative.",
    "Dilute only with sterile water from a sealed single-use container or the pigment maker’s own diluent, in a single-use cap; never distilled, deionised or tap water, and never pour back (CDC, MMWR 2012;61(33):653–656).",
  );

  const healedVsFresh = [
    "Fresh dots look darker on the day than they will once healed: healed pigment reads lighter than fresh (ScalpStudio). Industry practice, not evidence.",
    "Judge the shade at the healed review, against the stubble at the root, before you go darker.",
    "Pak (BaldingBlog) says all pigment under the skin looks faintly blue or green within weeks; vendors dispute this, and it is an opinion, not a study.",
  ];

  const riskNotes = darkerSkin
    ? [
        "Types IV–VI carry a higher risk of colour shift, hypertrophic scars and keloids after skin interventions (Bendick et al.).",
        "Keloids are 5–15 times commoner in darker skin, peaking at ages 10–40 (Bayat 2005). Ask about keloids and raised scars before planning.",
      ]
    : [];

  return {
    fitzpatrick,
    hairColour,
    stubble,
    target,
    firstSession,
    skinStepApplied,
    skinStepCapped,
    startsAtTarget,
    summary,
    firstSessionGuidance,
    healedVsFresh,
    riskNotes,
  };
}

/** The title of the healed-versus-fresh swatches for a step. */
export function swatchTitle(step: ShadeStep): string {
  return `Illustrative swatches: the ${stepName(step)} step fresh and healed`;
}

/** The text alternative of the healed-versus-fresh swatches for a skin type and step. */
export function swatchDescription(fitzpatrick: FitzpatrickType, step: ShadeStep): string {
  const name = stepName(step);
  return `Two patches of scattered dots on an illustrative type ${fitzpatrick} skin tone. Left, labelled fresh: the ${name} step as it looks on the day. Right, labelled healed: the same dots drawn lighter, because industry sources say healed pigment reads lighter than fresh. Colours are illustrations, not colour matches.`;
}
