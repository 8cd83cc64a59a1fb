// The fields of a healed-result review, defined once. No imports: the Drizzle schema (for its
// column enums), the domain, the form's checks and the browser bundle all read this file.

/** How the healed colour compares with what was planned for the client. */
export const HEALED_COLOURS = ["as-planned", "lighter", "darker", "blue-green", "warm"] as const;
export type HealedColour = (typeof HEALED_COLOURS)[number];
export const HEALED_COLOUR_TEXT: Record<HealedColour, string> = {
  "as-planned": "As planned",
  lighter: "Lighter than planned",
  darker: "Darker than planned",
  "blue-green": "Blue or green cast",
  warm: "Red or warm cast",
};

/** How much of the pigment the dots held once healed. */
export const HEALED_RETENTIONS = ["even", "patchy", "faded"] as const;
export type HealedRetention = (typeof HEALED_RETENTIONS)[number];
export const HEALED_RETENTION_TEXT: Record<HealedRetention, string> = {
  even: "Even: the dots held across the area",
  patchy: "Patchy: some dots faded or dropped out",
  faded: "Mostly faded",
};

/** Dots that blurred or spread (blow-outs) once healed. */
export const HEALED_SPREADS = ["none", "few", "many"] as const;
export type HealedSpread = (typeof HEALED_SPREADS)[number];
export const HEALED_SPREAD_TEXT: Record<HealedSpread, string> = {
  none: "None seen",
  few: "A few dots",
  many: "Many dots or whole areas",
};

/** What happens next for the client. */
export const HEALED_NEXT_STEPS = ["none", "top-up", "correction", "medical"] as const;
export type HealedNextStep = (typeof HEALED_NEXT_STEPS)[number];
export const HEALED_NEXT_STEP_TEXT: Record<HealedNextStep, string> = {
  none: "No further work needed",
  "top-up": "A top-up session is planned",
  correction: "Correction needed (lightening or removal)",
  medical: "Referred to a doctor before any further work",
};

/** A healed result is judged 4 to 6 weeks after the session, once the skin has settled. */
export const HEALED_WINDOW_DAYS = { min: 28, max: 42 } as const;
