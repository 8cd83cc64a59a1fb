import { describe, expect, it } from "vitest";
import { SUBMISSION_STATUSES } from "~/db/schema/practicals";
import {
  criticalSplit,
  defaultSecondMarkingRate,
  drawnForSecondMarking,
  gradesVisible,
  isFinal,
  learnerStageText,
  needsModeration,
  stageOf,
} from "~/modules/practicals/marking";

const criteria = [
  { id: "placement", critical: true, levels: [{ points: 0 }, { points: 2 }, { points: 4 }] },
  { id: "blowouts", critical: true, levels: [{ points: 0 }, { points: 3 }] },
  { id: "finish", levels: [{ points: 0 }, { points: 1 }, { points: 2 }] },
];

describe("second-marking sample", () => {
  it("defaults to every piece of a practical the certificate requires and a fifth of the rest", () => {
    expect(defaultSecondMarkingRate(["grid", "hairline"], "grid")).toBe(100);
    expect(defaultSecondMarkingRate(["grid", "hairline"], "extra")).toBe(20);
  });

  it("never draws at 0 %, always at 100 %, and below the rate in between", () => {
    for (const draw of [0, 0.01, 0.5, 0.999999]) {
      expect(drawnForSecondMarking(0, draw)).toBe(false);
      expect(drawnForSecondMarking(100, draw)).toBe(true);
    }
    expect(drawnForSecondMarking(20, 0.19)).toBe(true);
    expect(drawnForSecondMarking(20, 0.2)).toBe(false);
    expect(drawnForSecondMarking(20, 0.75)).toBe(false);
  });
});

describe("moderation", () => {
  const scores = { placement: 2, blowouts: 1, finish: 2 };

  it("is not needed when verdicts and every must-pass criterion agree, even if other scores differ", () => {
    expect(needsModeration(criteria, { verdict: "pass", scores }, { verdict: "pass", scores: { ...scores, finish: 0 } })).toEqual({
      needed: false,
      reasons: [],
    });
  });

  it("is needed when the verdicts differ", () => {
    const r = needsModeration(criteria, { verdict: "pass", scores }, { verdict: "revise", scores });
    expect(r.needed).toBe(true);
    expect(r.reasons).toEqual(["verdicts differ (pass and revise)"]);
  });

  it("is needed when a must-pass criterion is scored at different levels, whatever the verdicts", () => {
    const r = needsModeration(criteria, { verdict: "pass", scores }, { verdict: "pass", scores: { ...scores, placement: 1 } });
    expect(r).toEqual({ needed: true, reasons: ["must-pass criterion “placement” scored differently"] });
  });

  it("names every reason at once", () => {
    const r = needsModeration(criteria, { verdict: "pass", scores }, { verdict: "fail", scores: { placement: 0, blowouts: 0, finish: 2 } });
    expect(r.reasons).toHaveLength(3);
  });

  it("flags a must-pass criterion one marker failed and the other passed", () => {
    expect(criticalSplit(criteria, { placement: 0, blowouts: 1 }, { placement: 1, blowouts: 1 })).toEqual(["placement"]);
    expect(criticalSplit(criteria, { placement: 1, blowouts: 1 }, { placement: 2, blowouts: 1 })).toEqual([]);
  });
});

describe("blind marking", () => {
  const markers = ["first-marker"];

  it("hides every grade from a second marker until theirs is saved", () => {
    expect(gradesVisible({ status: "second_marking", viewerId: "second-marker", markerIds: markers, viewerModerates: false })).toBe(false);
    expect(gradesVisible({ status: "moderation", viewerId: "second-marker", markerIds: [...markers, "second-marker"], viewerModerates: false })).toBe(true);
  });

  it("hides marking in progress from the learner and from a lead who is not moderating", () => {
    for (const status of ["submitted", "in_review", "second_marking", "moderation"] as const) {
      expect(gradesVisible({ status, viewerId: "learner", markerIds: markers, viewerModerates: false })).toBe(false);
    }
  });

  it("shows both grades to the moderator, and everything once marking has ended", () => {
    expect(gradesVisible({ status: "moderation", viewerId: "lead", markerIds: ["a", "b"], viewerModerates: true })).toBe(true);
    expect(gradesVisible({ status: "second_marking", viewerId: "lead", markerIds: ["a"], viewerModerates: true })).toBe(false);
    for (const status of ["passed", "revise", "failed"] as const)
      expect(gradesVisible({ status, viewerId: "learner", markerIds: ["a", "b"], viewerModerates: false })).toBe(true);
  });
});

describe("stages", () => {
  it("maps every status to the grade it waits for, or none when final", () => {
    expect(SUBMISSION_STATUSES.map((s) => [s, stageOf(s), isFinal(s)])).toEqual([
      ["submitted", "first", false],
      ["in_review", "first", false],
      ["second_marking", "second", false],
      ["moderation", "moderation", false],
      ["revise", null, true],
      ["passed", null, true],
      ["failed", null, true],
    ]);
  });

  it("tells the learner the same thing through second marking and moderation", () => {
    expect(learnerStageText("second_marking")).toMatch(/second assessor/);
    expect(learnerStageText("moderation")).toBe(learnerStageText("second_marking"));
    expect(learnerStageText("passed")).toBeNull();
  });
});
