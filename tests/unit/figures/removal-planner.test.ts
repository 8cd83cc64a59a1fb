import { describe, expect, it } from "vitest";
import {
  DEFAULT_PLANNER_INPUT,
  INK_COLOURS,
  KIRBY_FACTORS,
  LOCATIONS,
  MIN_INTERVAL_WEEKS,
  SERIES_MAX_SESSIONS,
  SKIN_TYPES,
  buildRemovalPlan,
  describeRemovalPlan,
  factorNotes,
  hasParadoxicalDarkeningRisk,
  isDarkerSkin,
  isOneOf,
  minimumCourseWeeks,
  removalCautions,
  sessionWeeks,
  wavelengthsFor,
  type PlannerInput,
} from "~/components/figures/removal-planner/model";

const input = (overrides: Partial<PlannerInput>): PlannerInput => ({ ...DEFAULT_PLANNER_INPUT, ...overrides });

describe("Kirby-Desai factors", () => {
  it("lists the six factors of Kirby 2009 in order", () => {
    expect(KIRBY_FACTORS.map((f) => f.key)).toEqual(["skinType", "location", "colour", "amount", "scarring", "layering"]);
  });

  it("gives one note per factor, naming the choice made", () => {
    const notes = factorNotes(input({ skinType: "VI", colour: "light", scarring: "present" }));
    expect(notes).toHaveLength(6);
    expect(notes[0]).toMatchObject({ factor: "skinType", choice: "Type VI (never burns)" });
    expect(notes[2]?.note).toMatch(/White ink darkened/);
    expect(notes[4]?.note).toMatch(/Laser itself can scar/);
  });

  it("says the points are not in the sources instead of inventing them", () => {
    const notes = factorNotes(DEFAULT_PLANNER_INPUT);
    for (const factor of ["location", "amount", "layering"] as const) {
      expect(notes.find((n) => n.factor === factor)?.note).toMatch(/not in this course’s sources/);
    }
    for (const note of notes) expect(note.note).not.toMatch(/\d+\s*points?\b/);
  });
});

describe("isDarkerSkin", () => {
  it("is true for Fitzpatrick IV–VI, the phototypes of the J Lasers Med Sci 2022 case series", () => {
    expect(SKIN_TYPES.filter(isDarkerSkin)).toEqual(["IV", "V", "VI"]);
  });
});

describe("hasParadoxicalDarkeningRisk", () => {
  it("flags iron-oxide and white/flesh pigments, not carbon black (Lasers Med Sci 2014)", () => {
    expect(INK_COLOURS.filter(hasParadoxicalDarkeningRisk)).toEqual(["iron-oxide", "light"]);
  });
});

describe("wavelengthsFor", () => {
  it("uses 1064 nm for black SMP pigment (Cannarozzo 2021)", () => {
    expect(wavelengthsFor("black").map((w) => w.nm)).toEqual([1064]);
  });

  it("adds 532 nm when there are other colours (Cannarozzo 2021)", () => {
    expect(wavelengthsFor("black-and-colour").map((w) => w.nm)).toEqual([1064, 532]);
  });

  it("never suggests the 694 nm ruby laser, which melanin absorbs (MDedge)", () => {
    for (const colour of INK_COLOURS) expect(wavelengthsFor(colour).map((w) => w.nm)).not.toContain(694);
  });
});

describe("sessionWeeks and minimumCourseWeeks", () => {
  it("spaces 9 Q-switched sessions 8 weeks apart, ending at week 64 at the earliest", () => {
    expect(sessionWeeks(9, 8)).toEqual([0, 8, 16, 24, 32, 40, 48, 56, 64]);
    expect(minimumCourseWeeks(SERIES_MAX_SESSIONS["q-switched"])).toBe(64);
  });

  it("puts the 7th picosecond session at week 48 at the earliest", () => {
    expect(minimumCourseWeeks(SERIES_MAX_SESSIONS.picosecond, MIN_INTERVAL_WEEKS)).toBe(48);
  });

  it("has no span for a single session", () => {
    expect(minimumCourseWeeks(1)).toBe(0);
  });

  it("rejects impossible session counts and intervals", () => {
    expect(() => sessionWeeks(0)).toThrow(RangeError);
    expect(() => sessionWeeks(2.5)).toThrow(RangeError);
    expect(() => sessionWeeks(3, 0)).toThrow(RangeError);
    expect(() => minimumCourseWeeks(Number.NaN)).toThrow(RangeError);
  });
});

describe("removalCautions", () => {
  it("has none for carbon black in Fitzpatrick III", () => {
    expect(removalCautions(DEFAULT_PLANNER_INPUT)).toEqual([]);
  });

  it("warns about darker skin for type V: start at 1064 nm, hypopigmentation in 2 of 3 cases", () => {
    const [caution, ...rest] = removalCautions(input({ skinType: "V" }));
    expect(rest).toEqual([]);
    expect(caution?.id).toBe("darker-skin");
    expect(caution?.title).toMatch(/Fitzpatrick V\b/);
    expect(caution?.text).toMatch(/1064 nm/);
    expect(caution?.text).toMatch(/2 of 3/);
    expect(caution?.text).toMatch(/keloid/);
  });

  it("asks for a ~3 mm test spot re-checked at 1–2 weeks for white or flesh pigment", () => {
    const cautions = removalCautions(input({ colour: "light" }));
    expect(cautions.map((c) => c.id)).toEqual(["paradoxical-darkening"]);
    expect(cautions[0]?.text).toMatch(/about 3 mm/);
    expect(cautions[0]?.text).toMatch(/1–2 weeks/);
  });

  it("gives both cautions for iron-oxide pigment in type IV skin", () => {
    expect(removalCautions(input({ skinType: "IV", colour: "iron-oxide" })).map((c) => c.id)).toEqual(["darker-skin", "paradoxical-darkening"]);
  });
});

describe("buildRemovalPlan", () => {
  it("never estimates a session number, and keeps the 8-week interval of the cited series", () => {
    for (const skinType of SKIN_TYPES) {
      for (const location of LOCATIONS) {
        const plan = buildRemovalPlan(input({ skinType, location, amount: "heavy", layering: "layered" }));
        expect(plan.estimatedSessions).toBeNull();
        expect(plan.intervalWeeks).toBe(8);
      }
    }
  });

  it("switches the published maximum with the laser type", () => {
    expect(buildRemovalPlan(input({ laser: "q-switched" }))).toMatchObject({ seriesMaxSessions: 9, seriesSpanWeeks: 64, laserSource: "Cannarozzo 2021" });
    expect(buildRemovalPlan(input({ laser: "picosecond" }))).toMatchObject({ seriesMaxSessions: 7, seriesSpanWeeks: 48, laserSource: "Bennardo 2021" });
  });
});

describe("describeRemovalPlan", () => {
  it("states the result in words for the default case", () => {
    const text = describeRemovalPlan(buildRemovalPlan(DEFAULT_PLANNER_INPUT));
    expect(text).toMatch(/No session number is estimated/);
    expect(text).toMatch(/1064 nm for black and blue pigment/);
    expect(text).toMatch(/at least 8 weeks/);
    expect(text).toMatch(/up to 9 sessions in Cannarozzo 2021/);
    expect(text).toMatch(/No darker-skin or paradoxical-darkening caution applies/);
  });

  it("names the cautions that apply", () => {
    const text = describeRemovalPlan(buildRemovalPlan(input({ skinType: "VI", colour: "iron-oxide" })));
    expect(text).toMatch(/Cautions: darker skin \(Fitzpatrick VI\); paradoxical darkening\./);
  });
});

describe("isOneOf", () => {
  it("accepts listed values and rejects others", () => {
    expect(isOneOf(SKIN_TYPES, "IV")).toBe(true);
    expect(isOneOf(SKIN_TYPES, "VII")).toBe(false);
    expect(isOneOf(INK_COLOURS, "red")).toBe(false);
  });
});
