import { describe, expect, it } from "vitest";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { displayPrompt } from "~/modules/quiz/form";
import { gradeQuestion } from "~/modules/quiz/grade";
import { questionScoringHint, scoringRules } from "~/modules/quiz/scoring-rules";
import type { DrawnQuestion } from "~/modules/quiz/types";

const base = {
  ref: "m/q",
  moduleSlug: "m",
  prompt: "P",
  image: null,
  correctOrder: null,
  trueFalse: null,
  numeric: null,
  explanation: "E",
  source: { key: "s", citation: "S" },
} as const;
const opt = (bankId: string, correct = false) => ({ bankId, text: bankId, correct });

describe("scoringRules", () => {
  it("states the partial-credit rule with a worked example that the grading code agrees with", () => {
    const rules = scoringRules([{ type: "multiple", scoring: "partial" }]).join(" ");
    expect(rules).toContain("score the right choices you tick minus the wrong ones you tick, divided by the number of right choices, and never less than zero");
    expect(rules).toContain("with 3 right choices, ticking 2 of them and 1 wrong one scores (2 − 1) ÷ 3 = ⅓ of a point");
    // The example, graded: options 0–2 right, 3–4 wrong; ticked 0, 1 and 3.
    const q: DrawnQuestion = { ...base, type: "multiple", scoring: "partial", options: [opt("a", true), opt("b", true), opt("c", true), opt("d"), opt("e")] };
    expect(gradeQuestion(q, ["0", "1", "3"])).toBeCloseTo(1 / 3);
    // …and never less than zero.
    expect(gradeQuestion(q, ["0", "3", "4"])).toBe(0);
  });

  it("says only what applies to the questions the quiz holds", () => {
    expect(scoringRules([{ type: "single" }, { type: "numeric" }])).toEqual([
      "Each question is worth one point.",
      "Your score is the points you scored out of the questions asked, as a percentage rounded down to a whole number.",
    ]);
    const mixed = scoringRules([
      { type: "multiple", scoring: "all-or-nothing" },
      { type: "ordering", scoring: "adjacent-pairs" },
      { type: "ordering", scoring: "exact" },
    ]).join(" ");
    expect(mixed).toContain("marked “all or nothing” score a point only for exactly the right choices");
    expect(mixed).toContain("share of neighbouring pairs in the right sequence: with 4 items, 3 pairs, 2 of them right scores ⅔ of a point");
    expect(mixed).toContain("Ordering questions marked “all or nothing”");
    expect(mixed).not.toContain("divided by the number of right choices");
  });

  it("agrees with the ordering example too", () => {
    const q: DrawnQuestion = {
      ...base,
      type: "ordering",
      scoring: "adjacent-pairs",
      options: [opt("a"), opt("b"), opt("c"), opt("d")],
      correctOrder: ["a", "b", "c", "d"],
    };
    // b c d a: b→c and c→d are in the right sequence, d→a is not: 2 of 3 pairs.
    expect(gradeQuestion(q, ["1", "2", "3", "0"])).toBeCloseTo(2 / 3);
  });

  it("labels each question with the name the rules explain", () => {
    expect(questionScoringHint("multiple", "partial")).toMatch(/^Select all that apply\. Partial credit:/);
    expect(questionScoringHint("multiple", "all-or-nothing")).toMatch(/^Select all that apply\. All or nothing:/);
    expect(questionScoringHint("ordering", "adjacent-pairs")).toMatch(/^Partial credit:/);
    expect(questionScoringHint("ordering", null)).toMatch(/^All or nothing:/);
    expect(questionScoringHint("single", null)).toBeNull();
  });
});

describe("displayPrompt", () => {
  it("drops a select-all prompt's own “Select all that apply”, which the page says once beside the options", () => {
    expect(displayPrompt("multiple", "Which of these are right? Select all that apply.")).toBe("Which of these are right?");
    expect(displayPrompt("multiple", "Which apply (select all that apply)?")).toBe("Which apply?");
    expect(displayPrompt("single", "Pick one. Select all that apply.")).toBe("Pick one. Select all that apply.");
  });

  it("leaves every select-all prompt of the course with its question and the phrase exactly once on the page", () => {
    const questions = getCatalogue().courses.flatMap((c) => [...c.modules.flatMap((m) => m.quiz?.questions ?? []), ...(c.exam?.questions ?? [])]);
    const multiple = questions.filter((q) => q.type === "multiple");
    expect(multiple.length).toBeGreaterThan(0);
    for (const q of multiple) {
      const shown = `${displayPrompt(q.type, q.prompt)} ${questionScoringHint(q.type, q.scoring)}`;
      expect(shown.match(/select all that apply/gi), q.id).toHaveLength(1);
      expect(displayPrompt(q.type, q.prompt).length, q.id).toBeGreaterThan(10);
    }
  });
});
