import { describe, expect, it } from "vitest";
import { rubricTotal, verdictProblem } from "~/modules/practicals/rubric";

const rubric = {
  criteria: [
    { id: "size", title: "Size", levels: [{ label: "No", points: 0, descriptor: "d" }, { label: "Ok", points: 2, descriptor: "d" }, { label: "Great", points: 3, descriptor: "d" }] },
    { id: "spacing", title: "Spacing", levels: [{ label: "No", points: 0, descriptor: "d" }, { label: "Yes", points: 2, descriptor: "d" }] },
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
