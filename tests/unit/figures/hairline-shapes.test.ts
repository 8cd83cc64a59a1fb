import { describe, expect, it } from "vitest";
import {
  describeFigure,
  formatCm,
  isLandmark,
  isNorwoodStage,
  LANDMARKS,
  LATERAL_CANTHUS_CM,
  midFrontalPointLabel,
  midFrontalPointNotes,
  midFrontalPointPosition,
  NORWOOD_STAGES,
  snapMidFrontalPoint,
  stageGuidance,
  stageOutline,
} from "~/components/figures/hairline-shapes/model";

describe("NORWOOD_STAGES", () => {
  it("offers the seven Hamilton–Norwood types, I to VII, in order (Gupta & Mysore 2016)", () => {
    expect(NORWOOD_STAGES).toEqual(["I", "II", "III", "IV", "V", "VI", "VII"]);
  });

  it("recognises valid stage values and rejects others, including the unsourced variants", () => {
    expect(isNorwoodStage("III")).toBe(true);
    expect(isNorwoodStage("VII")).toBe(true);
    expect(isNorwoodStage("VIII")).toBe(false);
    expect(isNorwoodStage("3")).toBe(false);
    expect(isNorwoodStage("IIIA")).toBe(false);
    expect(isNorwoodStage("")).toBe(false);
  });
});

describe("isLandmark", () => {
  it("accepts the four design landmarks only", () => {
    for (const landmark of LANDMARKS) expect(isLandmark(landmark)).toBe(true);
    expect(isLandmark("vertex")).toBe(false);
  });
});

describe("midFrontalPointPosition", () => {
  it("puts 7 cm at the aggressive end and 10 cm at the conservative end (Shapiro 2013 summary)", () => {
    expect(midFrontalPointPosition(7)).toBe("aggressive-end");
    expect(midFrontalPointPosition(10)).toBe("conservative-end");
  });

  it("puts 8.5 cm midway, lower heights towards aggressive and higher towards conservative", () => {
    expect(midFrontalPointPosition(8.5)).toBe("midway");
    expect(midFrontalPointPosition(8)).toBe("aggressive-side");
    expect(midFrontalPointPosition(7.5)).toBe("aggressive-side");
    expect(midFrontalPointPosition(9)).toBe("conservative-side");
    expect(midFrontalPointPosition(9.5)).toBe("conservative-side");
  });

  it("flags heights outside the 7–10 cm range", () => {
    expect(midFrontalPointPosition(6.5)).toBe("below-range");
    expect(midFrontalPointPosition(10.5)).toBe("above-range");
  });

  it("treats float noise at the ends as the end itself", () => {
    expect(midFrontalPointPosition(0.1 * 70)).toBe("aggressive-end");
    expect(midFrontalPointPosition(7 - 1e-12)).toBe("aggressive-end");
  });

  it("throws a RangeError for NaN", () => {
    expect(() => midFrontalPointPosition(Number.NaN)).toThrow(RangeError);
  });
});

describe("midFrontalPointLabel", () => {
  it("names the aggressive and conservative ends", () => {
    expect(midFrontalPointLabel(7)).toBe("7 cm above the glabella: the aggressive (lowest) end of the 7–10 cm range");
    expect(midFrontalPointLabel(10)).toBe("10 cm above the glabella: the conservative (highest) end of the 7–10 cm range");
  });

  it("describes the midpoint and the sides with one decimal where needed", () => {
    expect(midFrontalPointLabel(8.5)).toBe("8.5 cm above the glabella: midway between aggressive (7 cm) and conservative (10 cm)");
    expect(midFrontalPointLabel(8)).toContain("towards the aggressive (lower) end");
    expect(midFrontalPointLabel(9.5)).toContain("towards the conservative (higher) end");
  });

  it("warns when a height is below or above the range", () => {
    expect(midFrontalPointLabel(6)).toContain("below the 7–10 cm range");
    expect(midFrontalPointLabel(11)).toContain("above the 7–10 cm range");
  });
});

describe("midFrontalPointNotes", () => {
  it("recognises Garg's single 8 cm figure", () => {
    expect(midFrontalPointNotes(8)[0]).toBe("This is the single figure Garg 2017 gives: 8 cm, from 431 cases.");
  });

  it("says how far a height is from Garg's 8 cm, and in which direction", () => {
    expect(midFrontalPointNotes(10)[0]).toBe("Garg 2017 gives a single figure of 8 cm; this is 2 cm higher.");
    expect(midFrontalPointNotes(7.5)[0]).toBe("Garg 2017 gives a single figure of 8 cm; this is 0.5 cm lower.");
  });

  it("compares with the 7–9 cm East and Southeast Asian range (Tan & Pathomvanich 2016)", () => {
    expect(midFrontalPointNotes(7)[1]).toMatch(/^Inside the 7–9 cm/);
    expect(midFrontalPointNotes(9)[1]).toMatch(/^Inside the 7–9 cm/);
    expect(midFrontalPointNotes(9.5)[1]).toMatch(/^Above the 7–9 cm/);
    expect(midFrontalPointNotes(6.5)[1]).toMatch(/^Below the 7–9 cm/);
  });

  it("throws a RangeError for NaN", () => {
    expect(() => midFrontalPointNotes(Number.NaN)).toThrow(RangeError);
  });
});

describe("snapMidFrontalPoint", () => {
  it("clamps to the 7–10 cm range", () => {
    expect(snapMidFrontalPoint(5)).toBe(7);
    expect(snapMidFrontalPoint(12)).toBe(10);
  });

  it("snaps to 0.5 cm steps", () => {
    expect(snapMidFrontalPoint(8.2)).toBe(8);
    expect(snapMidFrontalPoint(8.3)).toBe(8.5);
    expect(snapMidFrontalPoint(9.74)).toBe(9.5);
  });

  it("throws a RangeError for NaN", () => {
    expect(() => snapMidFrontalPoint(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatCm", () => {
  it("drops a trailing .0 and keeps one decimal otherwise", () => {
    expect(formatCm(8)).toBe("8");
    expect(formatCm(8.5)).toBe("8.5");
    expect(formatCm(0.1 * 3)).toBe("0.3");
  });
});

describe("stageGuidance", () => {
  it("gives every type a name, a pattern and guidance that cites its source", () => {
    for (const stage of NORWOOD_STAGES) {
      const g = stageGuidance(stage);
      expect(g.stage).toBe(stage);
      expect(g.name).toBe(`Type ${stage}`);
      expect(g.pattern.length).toBeGreaterThan(10);
      expect(g.guidance).toMatch(/\((?:[^)]*\d{4}[^)]*)\)/);
    }
  });

  it("tells the designer not to fill the frontotemporal angle once the temples recede", () => {
    expect(stageGuidance("II").guidance).toMatch(/lateral epicanthal line/);
    expect(stageGuidance("II").guidance).toMatch(/rather than filling it/);
    expect(stageGuidance("III").guidance).toMatch(/filled angles ignores future loss/);
  });

  it("plans for future loss once the crown is involved", () => {
    expect(stageGuidance("IV").guidance).toMatch(/plan for future loss/);
  });

  it("warns that a too-low hairline is a common reason for correction, and marks it as industry", () => {
    expect(stageGuidance("V").guidance).toMatch(/too low/);
    expect(stageGuidance("V").guidance).toContain("DermMicro, industry");
  });

  it("describes type VII as only a horseshoe fringe left", () => {
    expect(stageGuidance("VII").pattern).toMatch(/horseshoe/);
  });
});

describe("stageOutline", () => {
  const withFront = NORWOOD_STAGES.filter((s) => stageOutline(s).frontal !== null);

  it("keeps frontal hair in types I–V and removes it in VI and VII", () => {
    expect(withFront).toEqual(["I", "II", "III", "IV", "V"]);
    expect(stageOutline("VI").fringeCm).not.toBeNull();
    expect(stageOutline("VII").fringeCm).not.toBeNull();
  });

  it("moves the natural hairline and its angles higher at each later type", () => {
    for (let i = 1; i < withFront.length; i += 1) {
      const prev = stageOutline(withFront[i - 1]!).frontal!;
      const next = stageOutline(withFront[i]!).frontal!;
      expect(next.midlineCm).toBeGreaterThan(prev.midlineCm);
      expect(next.angleCm).toBeGreaterThan(prev.angleCm);
    }
  });

  it("draws the frontotemporal angle above the midline, so the angle is never filled", () => {
    for (const stage of withFront) {
      const { midlineCm, angleCm } = stageOutline(stage).frontal!;
      expect(angleCm).toBeGreaterThan(midlineCm);
    }
  });

  it("shows crown loss from type IV and a lower fringe in VII than in VI", () => {
    expect(stageOutline("III").crownCm).toBe(0);
    expect(stageOutline("IV").crownCm).toBeGreaterThan(0);
    expect(stageOutline("V").crownCm).toBeGreaterThan(stageOutline("IV").crownCm);
    expect(stageOutline("VII").fringeCm!).toBeLessThan(stageOutline("VI").fringeCm!);
  });

  it("places the lateral epicanthal line outside the midline, inside the head", () => {
    expect(LATERAL_CANTHUS_CM).toBeGreaterThan(0);
    expect(LATERAL_CANTHUS_CM).toBeLessThan(7.5);
  });
});

describe("describeFigure", () => {
  it("states the type, the planned height and every landmark shown", () => {
    expect(describeFigure("III", 8.5, [...LANDMARKS])).toBe(
      "Hamilton–Norwood type III (schematic): Deeper recession at both temples. Planned mid-frontal point 8.5 cm above the glabella: midway between aggressive (7 cm) and conservative (10 cm). Landmarks shown: glabella; mid-frontal point and its 7–10 cm range; frontotemporal angle on the lateral epicanthal line; temporal point.",
    );
  });

  it("lists landmarks in a fixed order, whatever order they are passed in", () => {
    expect(describeFigure("II", 7, ["temporal-point", "glabella"])).toContain("Landmarks shown: glabella; temporal point.");
  });

  it("says when no landmarks are shown", () => {
    expect(describeFigure("VII", 10, [])).toMatch(/No landmarks shown\.$/);
  });
});
