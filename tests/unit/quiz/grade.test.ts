import { describe, expect, it } from "vitest";
import { gradeAttempt, gradeQuestion, isWellFormedResponse, parseNumber, scorePercent } from "~/modules/quiz/grade";
import type { DrawnQuestion } from "~/modules/quiz/types";

const base = {
  ref: "m/q",
  moduleSlug: "m",
  prompt: "P",
  image: null,
  correctOrder: null,
  trueFalse: null,
  numeric: null,
  scoring: null,
  explanation: "E",
  source: { key: "s", citation: "S" },
} as const;
const opt = (bankId: string, correct = false) => ({ bankId, text: `text ${bankId}`, correct });

const single: DrawnQuestion = { ...base, type: "single", options: [opt("b"), opt("a", true), opt("c")] };
const image: DrawnQuestion = { ...single, type: "image", image: { src: "x.svg", alt: "x" } };
const multiple = (scoring: "partial" | "all-or-nothing"): DrawnQuestion => ({
  ...base,
  type: "multiple",
  scoring,
  options: [opt("a", true), opt("b"), opt("c", true), opt("d", true), opt("e")],
});
const trueFalse: DrawnQuestion = { ...base, type: "true-false", options: [], trueFalse: false };
const numeric: DrawnQuestion = { ...base, type: "numeric", options: [], numeric: { value: 0.35, tolerance: 0.01, unit: "mm" } };
const ordering = (scoring: "exact" | "adjacent-pairs"): DrawnQuestion => ({
  ...base,
  type: "ordering",
  scoring,
  // Display order c, a, d, b; correct order a, b, c, d.
  options: [opt("c"), opt("a"), opt("d"), opt("b")],
  correctOrder: ["a", "b", "c", "d"],
});

describe("single choice and image items", () => {
  it("score the correct option only", () => {
    for (const q of [single, image]) {
      expect(gradeQuestion(q, "1")).toBe(1);
      expect(gradeQuestion(q, "0")).toBe(0);
      expect(gradeQuestion(q, "7")).toBe(0);
      expect(gradeQuestion(q, undefined)).toBe(0);
      expect(gradeQuestion(q, ["1"])).toBe(0);
    }
  });
});

describe("multiple choice", () => {
  it("all-or-nothing needs exactly the correct set", () => {
    const q = multiple("all-or-nothing");
    expect(gradeQuestion(q, ["0", "2", "3"])).toBe(1);
    expect(gradeQuestion(q, ["3", "0", "2"])).toBe(1);
    expect(gradeQuestion(q, ["0", "2"])).toBe(0);
    expect(gradeQuestion(q, ["0", "2", "3", "4"])).toBe(0);
    expect(gradeQuestion(q, [])).toBe(0);
  });

  it("partial gives right minus wrong over the correct count, never below zero", () => {
    const q = multiple("partial");
    expect(gradeQuestion(q, ["0", "2", "3"])).toBe(1);
    expect(gradeQuestion(q, ["0", "2"])).toBeCloseTo(2 / 3);
    expect(gradeQuestion(q, ["0", "2", "3", "4"])).toBeCloseTo(2 / 3);
    expect(gradeQuestion(q, ["1", "4"])).toBe(0);
    // Ticking everything is not a strategy.
    expect(gradeQuestion(q, ["0", "1", "2", "3", "4"])).toBeCloseTo(1 / 3);
  });
});

describe("true/false", () => {
  it("scores the right value", () => {
    expect(gradeQuestion(trueFalse, "false")).toBe(1);
    expect(gradeQuestion(trueFalse, "true")).toBe(0);
    expect(gradeQuestion(trueFalse, "no")).toBe(0);
  });
});

describe("numeric", () => {
  it("accepts values within the tolerance, inclusive, in the question's unit", () => {
    expect(gradeQuestion(numeric, "0.35")).toBe(1);
    expect(gradeQuestion(numeric, "0.34")).toBe(1);
    expect(gradeQuestion(numeric, "0.36")).toBe(1);
    expect(gradeQuestion(numeric, "0,355")).toBe(1);
    expect(gradeQuestion(numeric, " .35 ")).toBe(1);
    expect(gradeQuestion(numeric, "0.37")).toBe(0);
    expect(gradeQuestion(numeric, "35")).toBe(0);
    expect(gradeQuestion(numeric, "0.35mm")).toBe(0);
    expect(gradeQuestion(numeric, "")).toBe(0);
  });

  it("parses numbers as people type them and nothing else", () => {
    expect(parseNumber("1,5")).toBe(1.5);
    expect(parseNumber("-2")).toBe(-2);
    expect(parseNumber("1e3")).toBeNull();
    expect(parseNumber("abc")).toBeNull();
    expect(parseNumber("1.2.3")).toBeNull();
  });
});

describe("ordering", () => {
  // Display indices: 0=c 1=a 2=d 3=b. The right order a,b,c,d is ["1","3","0","2"].
  it("exact needs the whole order", () => {
    const q = ordering("exact");
    expect(gradeQuestion(q, ["1", "3", "0", "2"])).toBe(1);
    expect(gradeQuestion(q, ["3", "1", "0", "2"])).toBe(0);
    expect(gradeQuestion(q, ["1", "3", "0"])).toBe(0);
    expect(gradeQuestion(q, ["1", "1", "0", "2"])).toBe(0);
  });

  it("adjacent pairs gives the share of neighbours in the right sequence", () => {
    const q = ordering("adjacent-pairs");
    expect(gradeQuestion(q, ["1", "3", "0", "2"])).toBe(1);
    // b, c, d, a: pairs b→c and c→d are right, d→a is not.
    expect(gradeQuestion(q, ["3", "0", "2", "1"])).toBeCloseTo(2 / 3);
    // d, c, b, a: no pair right.
    expect(gradeQuestion(q, ["2", "0", "3", "1"])).toBe(0);
  });
});

describe("whole attempts", () => {
  it("sum one point a question and pass at the pass mark", () => {
    const questions = [single, trueFalse, numeric, multiple("partial"), ordering("exact")];
    const all = new Map<number, string | string[]>([
      [0, "1"],
      [1, "false"],
      [2, "0.35"],
      [3, ["0", "2", "3"]],
      [4, ["1", "3", "0", "2"]],
    ]);
    expect(gradeAttempt(questions, all, 0.8)).toMatchObject({ score: 5, maxScore: 5, percent: 100, passed: true });
    const fourOfFive = new Map(all);
    fourOfFive.delete(4);
    expect(gradeAttempt(questions, fourOfFive, 0.8)).toMatchObject({ score: 4, percent: 80, passed: true });
    fourOfFive.set(3, ["0", "2"]);
    expect(gradeAttempt(questions, fourOfFive, 0.8)).toMatchObject({ percent: 73, passed: false });
    expect(gradeAttempt(questions, new Map(), 0.8)).toMatchObject({ score: 0, passed: false, items: [0, 0, 0, 0, 0] });
  });
});

describe("response shapes", () => {
  it("accept only what fits the question", () => {
    expect(isWellFormedResponse(single, "2")).toBe(true);
    expect(isWellFormedResponse(single, "3")).toBe(false);
    expect(isWellFormedResponse(single, ["1"])).toBe(false);
    expect(isWellFormedResponse(multiple("partial"), ["0", "4"])).toBe(true);
    expect(isWellFormedResponse(multiple("partial"), ["0", "0"])).toBe(false);
    expect(isWellFormedResponse(trueFalse, "true")).toBe(true);
    expect(isWellFormedResponse(trueFalse, "1")).toBe(false);
    expect(isWellFormedResponse(numeric, "0,3")).toBe(true);
    expect(isWellFormedResponse(numeric, "lots")).toBe(false);
    expect(isWellFormedResponse(ordering("exact"), ["0", "1", "2", "3"])).toBe(true);
    expect(isWellFormedResponse(ordering("exact"), ["0", "1", "2"])).toBe(false);
    expect(isWellFormedResponse(ordering("exact"), { evil: true })).toBe(false);
  });
});

describe("percentages", () => {
  it("round down, but never lose a whole percent to binary fractions", () => {
    expect(scorePercent(0.29)).toBe(29);
    expect(scorePercent(0.7)).toBe(70);
    expect(scorePercent(2 / 3)).toBe(66);
    expect(scorePercent(0.799)).toBe(79);
    expect(scorePercent(1)).toBe(100);
  });
});
