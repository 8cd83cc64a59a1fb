import { describe, expect, it } from "vitest";
import {
  EVIDENCE_STATUS,
  FITZPATRICK_TYPES,
  HAIR_COLOURS,
  SHADE_STEPS,
  firstSessionShade,
  fitzpatrickLabel,
  isDarkerSkinType,
  isFitzpatrickType,
  isHairColour,
  pigmentAdvice,
  shadeRank,
  shiftShade,
  stubbleShade,
  targetShade,
  type FitzpatrickType,
  type HairColour,
} from "~/components/figures/pigment-guide/model";

// Stubble colours with a step, lightest first: more diluent for lighter hair (Luxe Micro; Pro-Micro).
const MATCHED_HAIR: readonly HairColour[] = ["light-brown-blond", "mid-brown", "dark-brown", "black"];

describe("fitzpatrickLabel", () => {
  it("quotes the 1988 descriptions for the two ends of the scale", () => {
    expect(fitzpatrickLabel("I")).toContain("always burns, never tans");
    expect(fitzpatrickLabel("VI")).toContain("never burns");
  });

  it("labels the middle types by number only, since the sources quote no description for them", () => {
    expect(fitzpatrickLabel("III")).toBe("Type III");
    expect(fitzpatrickLabel("IV")).toBe("Type IV");
  });
});

describe("isDarkerSkinType", () => {
  it("groups types IV–VI together, as Bendick et al. do for risk", () => {
    expect(FITZPATRICK_TYPES.filter(isDarkerSkinType)).toEqual(["IV", "V", "VI"]);
  });
});

describe("shiftShade", () => {
  it("moves one step darker or lighter", () => {
    expect(shiftShade("medium", 1)).toBe("dark");
    expect(shiftShade("dark", -1)).toBe("medium");
  });

  it("stops at the ends of the scale instead of inventing a step", () => {
    expect(shiftShade("darkest", 1)).toBe("darkest");
    expect(shiftShade("light", -1)).toBe("light");
    expect(shiftShade("light", 10)).toBe("darkest");
  });
});

describe("stubbleShade", () => {
  it("gives lighter stubble a lighter step (more diluent)", () => {
    const ranks = MATCHED_HAIR.map((hair) => shadeRank(stubbleShade(hair)!));
    expect(ranks).toEqual([0, 1, 2, 3]);
  });

  it("gives no step for grey or white stubble, which no source covers", () => {
    expect(stubbleShade("grey-white")).toBeNull();
  });
});

describe("targetShade", () => {
  it("matches the stubble for types I–III", () => {
    expect(targetShade("I", "mid-brown")).toBe("medium");
    expect(targetShade("III", "dark-brown")).toBe("dark");
  });

  it("goes one step darker for types IV–VI (darker skin, darker pigment: TeamMicro, Vinci)", () => {
    expect(targetShade("IV", "dark-brown")).toBe("darkest");
    expect(targetShade("V", "light-brown-blond")).toBe("medium");
  });

  it("never gives darker skin a lighter target than lighter skin for the same stubble", () => {
    for (const hair of MATCHED_HAIR) {
      const ranks = FITZPATRICK_TYPES.map((type) => shadeRank(targetShade(type, hair)!));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});

describe("firstSessionShade", () => {
  it("starts one step lighter than the target (go light first: Scalp Amplified, Maryam Collahi)", () => {
    expect(firstSessionShade("III", "black")).toBe("dark");
    expect(firstSessionShade("II", "dark-brown")).toBe("medium");
    expect(firstSessionShade("VI", "mid-brown")).toBe("medium");
  });

  it("is never darker than the target for any combination", () => {
    for (const type of FITZPATRICK_TYPES) {
      for (const hair of MATCHED_HAIR) {
        expect(shadeRank(firstSessionShade(type, hair)!)).toBeLessThanOrEqual(shadeRank(targetShade(type, hair)!));
      }
    }
  });
});

describe("pigmentAdvice", () => {
  it("type III with dark brown stubble: aim dark, start medium, no type-specific risk note", () => {
    const advice = pigmentAdvice("III", "dark-brown");
    expect(advice).toMatchObject({ stubble: "dark", target: "dark", firstSession: "medium", skinStepApplied: false });
    expect(advice.riskNotes).toEqual([]);
    expect(advice.summary).toContain("aim for the dark step");
    expect(advice.summary).toContain("at medium");
  });

  it("type IV with dark brown stubble: one step darker for skin, with Bendick's risks", () => {
    const advice = pigmentAdvice("IV", "dark-brown");
    expect(advice).toMatchObject({ stubble: "dark", target: "darkest", firstSession: "dark", skinStepApplied: true });
    const risks = advice.riskNotes.join(" ");
    expect(risks).toMatch(/colour shift/);
    expect(risks).toMatch(/hypertrophic scars/);
    expect(risks).toMatch(/keloids/);
    expect(risks).toContain("Bendick");
    expect(risks).toContain("5–15 times");
  });

  it("type VI with black stubble: the skin step is capped at darkest and said so", () => {
    const advice = pigmentAdvice("VI", "black");
    expect(advice).toMatchObject({ target: "darkest", firstSession: "dark", skinStepApplied: false, skinStepCapped: true });
    expect(advice.firstSessionGuidance.join(" ")).toContain("already at the darkest step");
  });

  it("type I with light brown or blond stubble: already the lightest step, so it starts at the aim", () => {
    const advice = pigmentAdvice("I", "light-brown-blond");
    expect(advice).toMatchObject({ target: "light", firstSession: "light", startsAtTarget: true });
    expect(advice.summary).toContain("already the lightest step");
  });

  it("grey or white stubble: no step and no swatch, but the general practice and risks remain", () => {
    const advice = pigmentAdvice("V", "grey-white");
    expect(advice.target).toBeNull();
    expect(advice.firstSession).toBeNull();
    expect(advice.summary).toMatch(/no source/);
    expect(advice.riskNotes.length).toBeGreaterThan(0);
  });

  it("gives risk notes for IV–VI only", () => {
    for (const type of FITZPATRICK_TYPES) {
      expect(pigmentAdvice(type, "mid-brown").riskNotes.length > 0).toBe(isDarkerSkinType(type));
    }
  });

  it("labels every combination as industry practice, not evidence, and never gives a ratio", () => {
    for (const type of FITZPATRICK_TYPES) {
      for (const hair of HAIR_COLOURS) {
        const advice = pigmentAdvice(type, hair);
        expect(advice.summary).toContain(EVIDENCE_STATUS);
        expect(advice.firstSessionGuidance.join(" ")).toMatch(/industry practice, not evidence/i);
        expect(advice.healedVsFresh.join(" ")).toMatch(/industry practice, not evidence/i);
        const text = [advice.summary, ...advice.firstSessionGuidance, ...advice.healedVsFresh].join(" ");
        expect(text).not.toMatch(/\d+\s*:\s*\d+/);
        expect(text).not.toMatch(/%/);
        expect(text).toContain("No source gives ratios");
      }
    }
  });

  it("says healed reads lighter than fresh and flags Pak's blue-green claim as disputed", () => {
    const text = pigmentAdvice("II", "black").healedVsFresh.join(" ");
    expect(text).toContain("healed pigment reads lighter than fresh");
    expect(text).toMatch(/vendors dispute/);
  });

  it("throws a RangeError for values that did not come from its own lists", () => {
    expect(() => pigmentAdvice("VII" as FitzpatrickType, "black")).toThrow(RangeError);
    expect(() => pigmentAdvice("III", "auburn" as HairColour)).toThrow(RangeError);
  });
});

describe("input guards", () => {
  it("accept exactly the listed values", () => {
    expect(FITZPATRICK_TYPES.every(isFitzpatrickType)).toBe(true);
    expect(HAIR_COLOURS.every(isHairColour)).toBe(true);
    expect(isFitzpatrickType("iv")).toBe(false);
    expect(isHairColour("red")).toBe(false);
  });

  it("steps run lightest to darkest", () => {
    expect(SHADE_STEPS).toEqual(["light", "medium", "dark", "darkest"]);
  });
});
