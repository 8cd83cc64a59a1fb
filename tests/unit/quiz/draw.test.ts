import { describe, expect, it } from "vitest";
import type { Question } from "~/modules/content/schema";
import { drawExam, drawQuestions, type BankForDraw } from "~/modules/quiz/draw";
import { seededRandom, shuffle } from "~/modules/quiz/random";

const single = (id: string): Question => ({
  id,
  kind: "scenario",
  type: "single",
  prompt: `Question ${id}`,
  explanation: "E",
  source: "s",
  options: [
    { id: "a", text: `${id} right`, correct: true },
    { id: "b", text: `${id} wrong 1` },
    { id: "c", text: `${id} wrong 2` },
    { id: "d", text: `${id} wrong 3` },
  ],
});
const bank = (slug: string, n: number): BankForDraw => ({
  moduleSlug: slug,
  questions: Array.from({ length: n }, (_, i) => single(`q${i}`)),
  sources: [{ key: "s", citation: "Source S", kind: "industry" }],
});

describe("seeded randomness", () => {
  it("repeats exactly for the same seed and differs between seeds", () => {
    const a = seededRandom("seed-1");
    const b = seededRandom("seed-1");
    const c = seededRandom("seed-2");
    const xs = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("shuffles into every order over many seeds, roughly evenly", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffle(["a", "b", "c"], seededRandom(`s${i}`)).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });

  it("never changes the input array", () => {
    const input = [1, 2, 3, 4];
    shuffle(input, seededRandom("x"));
    expect(input).toEqual([1, 2, 3, 4]);
  });
});

describe("drawing questions", () => {
  it("draws the same questions in the same order with the same option order for the same seed", () => {
    const one = drawQuestions(bank("m", 30), 10, "abc");
    const two = drawQuestions(bank("m", 30), 10, "abc");
    expect(two).toEqual(one);
    expect(one).toHaveLength(10);
    expect(new Set(one.map((q) => q.ref)).size).toBe(10);
  });

  it("draws differently for another seed", () => {
    expect(drawQuestions(bank("m", 30), 10, "abc").map((q) => q.ref)).not.toEqual(drawQuestions(bank("m", 30), 10, "abd").map((q) => q.ref));
  });

  it("eventually draws every question in the bank", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) for (const q of drawQuestions(bank("m", 30), 10, `seed-${i}`)) seen.add(q.ref);
    expect(seen.size).toBe(30);
  });

  it("shuffles options per attempt and keeps exactly the key with the right text", () => {
    const firstPositions = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const [q] = drawQuestions(bank("m", 1), 1, `o-${i}`);
      const correct = q!.options.filter((o) => o.correct);
      expect(correct).toEqual([{ bankId: "a", text: "q0 right", correct: true }]);
      firstPositions.add(q!.options.findIndex((o) => o.correct));
    }
    expect(firstPositions.size).toBe(4);
  });

  it("never serves an ordering question already in the right order", () => {
    const ordering: Question = {
      id: "o",
      kind: "scenario",
      type: "ordering",
      scoring: "exact",
      prompt: "Order",
      explanation: "E",
      source: "s",
      options: [
        { id: "1", text: "One" },
        { id: "2", text: "Two" },
        { id: "3", text: "Three" },
      ],
    };
    for (let i = 0; i < 200; i++) {
      const [q] = drawQuestions({ ...bank("m", 0), questions: [ordering] }, 1, `ord-${i}`);
      expect(q!.options.map((o) => o.bankId)).not.toEqual(["1", "2", "3"]);
      expect(q!.correctOrder).toEqual(["1", "2", "3"]);
    }
  });

  it("builds the exam from each bank and mixes them", () => {
    const exam = drawExam([bank("a", 20), bank("b", 20), bank("c", 20)], 4, "exam-seed");
    expect(exam).toHaveLength(12);
    for (const slug of ["a", "b", "c"]) expect(exam.filter((q) => q.moduleSlug === slug)).toHaveLength(4);
    expect(drawExam([bank("a", 20), bank("b", 20), bank("c", 20)], 4, "exam-seed")).toEqual(exam);
    expect(exam.slice(0, 4).every((q) => q.moduleSlug === "a")).toBe(false);
  });
});
