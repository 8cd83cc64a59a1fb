import { describe, expect, it } from "vitest";
import { criticalFailures, lowestLevel, rubricTotal, verdictProblem } from "~/modules/practicals/rubric";

const rubric = {
  criteria: [
    {
      id: "size",
      title: "Size",
      levels: [
        { label: "No", points: 0, descriptor: "d" },
        { label: "Ok", points: 2, descriptor: "d" },
        { label: "Great", points: 3, descriptor: "d" },
      ],
    },
    {
      id: "spacing",
      title: "Spacing",
      levels: [
        { label: "No", points: 0, descriptor: "d" },
        { label: "Yes", points: 2, descriptor: "d" },
      ],
    },
  ],
};

describe("rubric totals", () => {
  it("adds the chosen levels' points over each criterion's best level", () => {
    expect(rubricTotal(rubric, { size: 2, spacing: 1 })).toMatchObject({ points: 5, maxPoints: 5, ratio: 1, complete: true });
    expect(rubricTotal(rubric, { size: 1, spacing: 0 })).toMatchObject({ points: 2, maxPoints: 5, complete: true });
    expect(rubricTotal(rubric, { size: 1 })).toMatchObject({ points: 2, complete: false, missing: ["spacing"] });
    expect(rubricTotal(rubric, { size: 9, spacing: 1 })).toMatchObject({ complete: false, missing: ["size"] });
  });
});

describe("verdict rules", () => {
  it("needs every criterion scored", () => {
    expect(verdictProblem(rubric, 0.7, { size: 2 }, "pass", "")).toMatch(/every criterion/);
  });

  it("allows a pass only at or above the pass mark", () => {
    expect(verdictProblem(rubric, 0.7, { size: 2, spacing: 1 }, "pass", "")).toBeNull();
    expect(verdictProblem(rubric, 0.7, { size: 1, spacing: 1 }, "pass", "")).toBeNull(); // 4/5 = 80%
    expect(verdictProblem(rubric, 0.7, { size: 1, spacing: 0 }, "pass", "")).toMatch(/at least 70%/);
  });

  it("asks for feedback with a revise or fail", () => {
    expect(verdictProblem(rubric, 0.7, { size: 0, spacing: 0 }, "revise", "")).toMatch(/feedback/);
    expect(verdictProblem(rubric, 0.7, { size: 0, spacing: 0 }, "fail", "Dots blow out at the edges.")).toBeNull();
  });

  it("refuses scores for criteria the rubric does not have", () => {
    expect(verdictProblem(rubric, 0.7, { size: 2, spacing: 1, extra: 0 }, "pass", "")).toMatch(/Unknown criteria: extra/);
  });
});

describe("must-pass (critical) criteria", () => {
  const level = (label: string, points: number) => ({ label, points, descriptor: "d" });
  const withCritical = {
    criteria: [
      { id: "blowouts", title: "No blow-outs", critical: true, levels: [level("Not yet", 0), level("Developing", 1), level("Competent", 2)] },
      { id: "size", title: "Size", levels: [level("No", 0), level("Ok", 2), level("Great", 3)] },
      { id: "angles", title: "Angles", critical: true, levels: [level("Not yet", 0), level("Competent", 2)] },
    ],
  };

  it("finds the lowest level by points, whatever the order levels are written in", () => {
    expect(lowestLevel([level("a", 2), level("b", 0), level("c", 1)])).toBe(1);
    expect(lowestLevel([level("a", 0), level("b", 0)])).toBe(0);
  });

  it("refuses a pass while a must-pass criterion is at its lowest level, even with every other point", () => {
    // 0 + 3 + 2 = 5 of 7 (71%) is over a 70% pass mark, but no blow-outs is at its lowest level.
    expect(verdictProblem(withCritical, 0.7, { blowouts: 0, size: 2, angles: 1 }, "pass", "")).toMatch(
      /A pass is not possible: “No blow-outs” \(Not yet\) is a must-pass criterion/,
    );
    expect(verdictProblem(withCritical, 0.5, { blowouts: 2, size: 2, angles: 0 }, "pass", "")).toMatch(/“Angles”/);
  });

  it("names every must-pass criterion that fails", () => {
    expect(criticalFailures(withCritical, { blowouts: 0, size: 2, angles: 0 }).map((f) => f.id)).toEqual(["blowouts", "angles"]);
    expect(verdictProblem(withCritical, 0.1, { blowouts: 0, size: 2, angles: 0 }, "pass", "")).toMatch(/are must-pass criteria/);
  });

  it("allows a pass once every must-pass criterion is above its lowest level and the total reaches the mark", () => {
    expect(verdictProblem(withCritical, 0.7, { blowouts: 1, size: 2, angles: 1 }, "pass", "")).toBeNull();
    // Above the lowest level but short of the pass mark: the pass-mark rule still applies.
    expect(verdictProblem(withCritical, 0.9, { blowouts: 1, size: 1, angles: 1 }, "pass", "")).toMatch(/at least 90%/);
  });

  it("does not stand in the way of revise or fail", () => {
    expect(verdictProblem(withCritical, 0.7, { blowouts: 0, size: 2, angles: 1 }, "revise", "Several blow-outs along row 3.")).toBeNull();
    expect(verdictProblem(withCritical, 0.7, { blowouts: 0, size: 2, angles: 0 }, "fail", "Blow-outs and a closed angle.")).toBeNull();
  });

  it("ignores a lowest level on a criterion that is not must-pass", () => {
    expect(criticalFailures(withCritical, { blowouts: 2, size: 0, angles: 1 })).toEqual([]);
    expect(criticalFailures(rubric, { size: 0, spacing: 0 })).toEqual([]);
  });
});
