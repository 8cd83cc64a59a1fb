/*
 * The Kirby-Desai scale (Kirby 2009) scores six factors and sums them to predict how many laser
 * sessions a tattoo needs. Its points table is NOT in this course's sources, so this planner
 * deliberately computes no score and no session number: it shows each factor, what the course's
 * sources say about it, and the guidance that does not depend on the points (wavelength,
 * interval, and the two cautions). Do not add points here without a source for them.
 */

export const SKIN_TYPES = ["I", "II", "III", "IV", "V", "VI"] as const;
export type SkinType = (typeof SKIN_TYPES)[number];

export const LOCATIONS = ["scalp", "face-neck", "body"] as const;
export type Location = (typeof LOCATIONS)[number];

export const INK_COLOURS = ["black", "black-and-colour", "iron-oxide", "light"] as const;
export type InkColour = (typeof INK_COLOURS)[number];

export const INK_AMOUNTS = ["light", "moderate", "heavy"] as const;
export type InkAmount = (typeof INK_AMOUNTS)[number];

export const SCARRING_LEVELS = ["none", "present"] as const;
export type Scarring = (typeof SCARRING_LEVELS)[number];

export const LAYERING_LEVELS = ["none", "layered"] as const;
export type Layering = (typeof LAYERING_LEVELS)[number];

export const LASER_TYPES = ["q-switched", "picosecond"] as const;
export type LaserType = (typeof LASER_TYPES)[number];

export type PlannerInput = {
  skinType: SkinType;
  location: Location;
  colour: InkColour;
  amount: InkAmount;
  scarring: Scarring;
  layering: Layering;
  laser: LaserType;
};

export const DEFAULT_PLANNER_INPUT: PlannerInput = {
  skinType: "III",
  location: "scalp",
  colour: "black",
  amount: "moderate",
  scarring: "none",
  layering: "none",
  laser: "q-switched",
};

/** Minimum weeks between sessions in both cited series (Cannarozzo 2021; Bennardo 2021). */
export const MIN_INTERVAL_WEEKS = 8;
/** Interval quoted by an industry page (Lilly Beauty); conflicts with the series above. */
export const INDUSTRY_INTERVAL_WEEKS = { min: 4, max: 6 } as const;
/** Most sessions given in each published series: Q-switched (Cannarozzo 2021), picosecond (Bennardo 2021). */
export const SERIES_MAX_SESSIONS = { "q-switched": 9, picosecond: 7 } as const satisfies Record<LaserType, number>;
/** Correlation between Kirby-Desai total and sessions needed, in 100 patients (Kirby 2009). */
export const KIRBY_CORRELATION_R = 0.757;
/** Test-spot size (mm) and re-check window (weeks): industry practice (ArticleSlash/Kaplan). */
export const TEST_SPOT = { sizeMm: 3, recheckWeeks: { min: 1, max: 2 } } as const;

export type KirbyFactor = "skinType" | "location" | "colour" | "amount" | "scarring" | "layering";

/** The six Kirby-Desai factors in the order Kirby 2009 lists them. */
export const KIRBY_FACTORS: readonly { key: KirbyFactor; label: string }[] = [
  { key: "skinType", label: "Fitzpatrick skin type" },
  { key: "location", label: "Location" },
  { key: "colour", label: "Colour(s)" },
  { key: "amount", label: "Amount of ink" },
  { key: "scarring", label: "Scarring or tissue change" },
  { key: "layering", label: "Layering" },
];

const SKIN_TYPE_LABELS: Record<SkinType, string> = {
  I: "Type I (always burns, never tans)",
  II: "Type II",
  III: "Type III",
  IV: "Type IV",
  V: "Type V",
  VI: "Type VI (never burns)",
};

const LOCATION_LABELS: Record<Location, string> = {
  scalp: "Scalp (SMP)",
  "face-neck": "Face or neck",
  body: "Elsewhere on the body",
};

/** The colour options as the radio buttons word them. */
export const COLOUR_LABELS: Record<InkColour, string> = {
  black: "Black or blue-black only (carbon; typical SMP)",
  "black-and-colour": "Black plus other colours",
  "iron-oxide": "Includes iron-oxide (brown) pigment",
  light: "Includes white, flesh or skin-tone pigment",
};

const AMOUNT_LABELS: Record<InkAmount, string> = {
  light: "Light: sparse dots or a small patch",
  moderate: "Moderate",
  heavy: "Heavy: dense, full coverage",
};

const SCARRING_LABELS: Record<Scarring, string> = {
  none: "None",
  present: "Scar or tissue change present",
};

const LAYERING_LABELS: Record<Layering, string> = {
  none: "No: one layer of work",
  layered: "Yes: tattooed over earlier work",
};

/** The laser types as the radio buttons word them. */
export const LASER_LABELS: Record<LaserType, string> = {
  "q-switched": "Q-switched (nanosecond) Nd:YAG",
  picosecond: "Picosecond",
};

const LASER_SOURCES: Record<LaserType, string> = {
  "q-switched": "Cannarozzo 2021",
  picosecond: "Bennardo 2021",
};

/** True when `value` is one of `options`; narrows a form value to the option type. */
export function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

/** Fitzpatrick IV–VI: the types the darker-skin cautions and case series refer to. */
export function isDarkerSkin(skinType: SkinType): boolean {
  return skinType === "IV" || skinType === "V" || skinType === "VI";
}

/** Iron-oxide and titanium-dioxide (white, flesh, skin-tone) pigments can darken under laser. */
export function hasParadoxicalDarkeningRisk(colour: InkColour): boolean {
  return colour === "iron-oxide" || colour === "light";
}

/**
 * Week of each session when sessions are exactly `intervalWeeks` apart, starting at week 0.
 * Throws a RangeError unless `sessions` is a positive integer and the interval is positive.
 */
export function sessionWeeks(sessions: number, intervalWeeks: number = MIN_INTERVAL_WEEKS): number[] {
  if (!Number.isInteger(sessions) || sessions < 1) {
    throw new RangeError(`sessionWeeks: sessions must be a positive integer, got ${sessions}`);
  }
  if (!Number.isFinite(intervalWeeks) || intervalWeeks <= 0) {
    throw new RangeError(`sessionWeeks: interval must be a positive number of weeks, got ${intervalWeeks}`);
  }
  return Array.from({ length: sessions }, (_, i) => i * intervalWeeks);
}

/** Shortest time (weeks) from first to last session at the given interval; throws like sessionWeeks. */
export function minimumCourseWeeks(sessions: number, intervalWeeks: number = MIN_INTERVAL_WEEKS): number {
  const weeks = sessionWeeks(sessions, intervalWeeks);
  return weeks[weeks.length - 1] ?? 0;
}

export type WavelengthAdvice = { nm: number; target: string; source: string };

/** Wavelengths the cited series used for the chosen colours: 1064 nm for black/blue, 532 nm for colour. */
export function wavelengthsFor(colour: InkColour): WavelengthAdvice[] {
  const black: WavelengthAdvice = { nm: 1064, target: "black and blue pigment", source: "Cannarozzo 2021" };
  if (colour === "black-and-colour") {
    return [black, { nm: 532, target: "coloured pigment", source: "Cannarozzo 2021" }];
  }
  return [black];
}

export type FactorNote = {
  factor: KirbyFactor;
  label: string;
  choice: string;
  note: string;
};

const NOT_REPRODUCED = "Kirby 2009 scores this factor; the points for each level are not in this course’s sources.";

function skinTypeNote(skinType: SkinType): string {
  return isDarkerSkin(skinType)
    ? "Darker skin: more risk of hypo- or hyperpigmentation, scarring and keloid after laser (LaserAway; Removery). Industry guidance is to start at 1064 nm (TattooLaser.net; LaserAway)."
    : `${NOT_REPRODUCED} Types IV–VI carry the extra darker-skin cautions.`;
}

function colourNote(colour: InkColour): string {
  switch (colour) {
    case "black":
      return "Black ink absorbs laser light broadly (MDedge) and responded best in a rat study (Lasers Med Sci 2014).";
    case "black-and-colour":
      return "Colours need a second wavelength: 532 nm for coloured pigment in Cannarozzo 2021.";
    case "iron-oxide":
      return "Brown ink darkened after Q-switched laser in a rat study (Lasers Med Sci 2014): risk of paradoxical darkening.";
    case "light":
      return "White ink darkened and responded poorly in a rat study (Lasers Med Sci 2014); white, yellow and flesh tones resist laser (MDedge).";
  }
}

function scarringNote(scarring: Scarring): string {
  return scarring === "present" ? `${NOT_REPRODUCED} Laser itself can scar, more so in darker skin (LaserAway; Removery).` : NOT_REPRODUCED;
}

/** One line per Kirby-Desai factor: the choice made and what the course's sources say about it. */
export function factorNotes(input: PlannerInput): FactorNote[] {
  const byFactor: Record<KirbyFactor, { choice: string; note: string }> = {
    skinType: { choice: SKIN_TYPE_LABELS[input.skinType], note: skinTypeNote(input.skinType) },
    location: { choice: LOCATION_LABELS[input.location], note: NOT_REPRODUCED },
    colour: { choice: COLOUR_LABELS[input.colour], note: colourNote(input.colour) },
    amount: { choice: AMOUNT_LABELS[input.amount], note: NOT_REPRODUCED },
    scarring: { choice: SCARRING_LABELS[input.scarring], note: scarringNote(input.scarring) },
    layering: { choice: LAYERING_LABELS[input.layering], note: NOT_REPRODUCED },
  };
  return KIRBY_FACTORS.map(({ key, label }) => ({ factor: key, label, ...byFactor[key] }));
}

export type CautionId = "darker-skin" | "paradoxical-darkening";
export type Caution = { id: CautionId; title: string; text: string };

/** The cautions that apply: darker skin for Fitzpatrick IV–VI, paradoxical darkening for oxide pigments. */
export function removalCautions(input: PlannerInput): Caution[] {
  const cautions: Caution[] = [];
  if (isDarkerSkin(input.skinType)) {
    cautions.push({
      id: "darker-skin",
      title: `Darker skin (Fitzpatrick ${input.skinType})`,
      text:
        "Start at 1064 nm, the wavelength least absorbed by melanin (industry guidance: TattooLaser.net; LaserAway). " +
        "Risks are hypo- or hyperpigmentation, scarring and keloid (LaserAway; Removery). " +
        "In a case series in types IV–VI, hypopigmentation followed in 2 of 3 cases, linked to sun exposure, short intervals and high fluence (J Lasers Med Sci 2022). " +
        "Melanin absorbs 532 nm most, so 532 nm is the riskiest wavelength on types IV–VI; the 694 nm ruby laser carries a high risk of hypopigmentation (MDedge).",
    });
  }
  if (hasParadoxicalDarkeningRisk(input.colour)) {
    cautions.push({
      id: "paradoxical-darkening",
      title: "Paradoxical darkening",
      text:
        "Iron-oxide and titanium-dioxide pigments can turn darker, not lighter, under laser (Lasers Med Sci 2014). " +
        `Industry practice is to treat a test spot of about ${TEST_SPOT.sizeMm} mm and re-check it after ` +
        `${TEST_SPOT.recheckWeeks.min}–${TEST_SPOT.recheckWeeks.max} weeks before treating more (ArticleSlash).`,
    });
  }
  return cautions;
}

export type RemovalPlan = {
  factors: FactorNote[];
  wavelengths: WavelengthAdvice[];
  cautions: Caution[];
  intervalWeeks: number;
  laserLabel: string;
  laserSource: string;
  seriesMaxSessions: number;
  seriesSpanWeeks: number;
  /** Always null: the Kirby 2009 points table is not in the course's sources. */
  estimatedSessions: null;
};

/** Everything the planner shows for one set of choices. Computes no Kirby-Desai score. */
export function buildRemovalPlan(input: PlannerInput): RemovalPlan {
  const seriesMaxSessions = SERIES_MAX_SESSIONS[input.laser];
  return {
    factors: factorNotes(input),
    wavelengths: wavelengthsFor(input.colour),
    cautions: removalCautions(input),
    intervalWeeks: MIN_INTERVAL_WEEKS,
    laserLabel: LASER_LABELS[input.laser],
    laserSource: LASER_SOURCES[input.laser],
    seriesMaxSessions,
    seriesSpanWeeks: minimumCourseWeeks(seriesMaxSessions, MIN_INTERVAL_WEEKS),
    estimatedSessions: null,
  };
}

/** A one-paragraph summary of the plan in words, for the live region and screen readers. */
export function describeRemovalPlan(plan: RemovalPlan): string {
  const nm = plan.wavelengths.map((w) => `${w.nm} nm for ${w.target}`).join(" and ");
  const cautions =
    plan.cautions.length === 0
      ? "No darker-skin or paradoxical-darkening caution applies."
      : `Cautions: ${plan.cautions.map((c) => c.title.charAt(0).toLowerCase() + c.title.slice(1)).join("; ")}.`;
  return (
    `No session number is estimated: the Kirby-Desai points are not in this course's sources. ` +
    `Wavelength: ${nm}. ` +
    `Interval: at least ${plan.intervalWeeks} weeks between sessions in the cited series. ` +
    `${plan.laserLabel}: up to ${plan.seriesMaxSessions} sessions in ${plan.laserSource}, at least ${plan.seriesSpanWeeks} weeks from first to last. ` +
    cautions
  );
}

/** One of the five factors chosen from a drop-down (colour and laser type are radio buttons). */
export type SelectField = {
  key: "skinType" | "location" | "amount" | "scarring" | "layering";
  label: string;
  options: readonly string[];
  labels: Record<string, string>;
};

/** The drop-downs in the order the form shows them. */
export const SELECT_FIELDS: readonly SelectField[] = [
  { key: "skinType", label: "Fitzpatrick skin type", options: SKIN_TYPES, labels: SKIN_TYPE_LABELS },
  { key: "location", label: "Location", options: LOCATIONS, labels: LOCATION_LABELS },
  { key: "amount", label: "Amount of ink", options: INK_AMOUNTS, labels: AMOUNT_LABELS },
  { key: "scarring", label: "Scarring or tissue change", options: SCARRING_LEVELS, labels: SCARRING_LABELS },
  { key: "layering", label: "Layering", options: LAYERING_LEVELS, labels: LAYERING_LABELS },
];

/** The input with one drop-down changed; a value that is not one of its options changes nothing. */
export function withSelect(input: PlannerInput, key: SelectField["key"], value: string): PlannerInput {
  switch (key) {
    case "skinType":
      return isOneOf(SKIN_TYPES, value) ? { ...input, skinType: value } : input;
    case "location":
      return isOneOf(LOCATIONS, value) ? { ...input, location: value } : input;
    case "amount":
      return isOneOf(INK_AMOUNTS, value) ? { ...input, amount: value } : input;
    case "scarring":
      return isOneOf(SCARRING_LEVELS, value) ? { ...input, scarring: value } : input;
    case "layering":
      return isOneOf(LAYERING_LEVELS, value) ? { ...input, layering: value } : input;
  }
}

/** Weeks from first to last session in the longer published series: the span the timeline's axis always shows. */
export const LONGEST_SERIES_WEEKS = minimumCourseWeeks(Math.max(...Object.values(SERIES_MAX_SESSIONS)), MIN_INTERVAL_WEEKS);

/** The title of the session timeline. */
export function timelineTitle(sessions: number, intervalWeeks: number): string {
  return `${sessions} sessions, ${intervalWeeks} weeks apart`;
}

/** The session timeline's text alternative; throws like sessionWeeks. */
export function timelineDescription(sessions: number, intervalWeeks: number, laserLabel: string): string {
  const weeks = sessionWeeks(sessions, intervalWeeks);
  const last = weeks[weeks.length - 1] ?? 0;
  return `A week axis from 0 to ${LONGEST_SERIES_WEEKS}. ${laserLabel}: session markers numbered 1 to ${sessions} at weeks ${weeks.join(", ")}; the last falls at week ${last}.`;
}
