import type { Question, Source } from "~/modules/content/schema";
import { seededRandom, shuffle } from "./random";
import type { DrawnQuestion } from "./types";

export type BankForDraw = { moduleSlug: string; questions: readonly Question[]; sources: readonly Source[] };

/** Freezes one bank question into an attempt, shuffling its options with the attempt's generator. */
export function freezeQuestion(q: Question, bank: BankForDraw, random: () => number): DrawnQuestion {
  const source = bank.sources.find((s) => s.key === q.source);
  const base = {
    ref: `${bank.moduleSlug}/${q.id}`,
    moduleSlug: bank.moduleSlug,
    type: q.type,
    prompt: q.prompt,
    image: q.image ? { src: q.image.src, alt: q.image.alt } : null,
    explanation: q.explanation,
    source: { key: q.source, citation: source?.citation ?? q.source, ...(source?.url ? { url: source.url } : {}) },
    options: [] as DrawnQuestion["options"],
    correctOrder: null,
    trueFalse: null,
    numeric: null,
    scoring: null,
  } satisfies DrawnQuestion;
  switch (q.type) {
    case "single":
    case "image":
      return { ...base, options: shuffle(q.options, random).map((o) => ({ bankId: o.id, text: o.text, correct: !!o.correct })) };
    case "multiple":
      return { ...base, scoring: q.scoring, options: shuffle(q.options, random).map((o) => ({ bankId: o.id, text: o.text, correct: !!o.correct })) };
    case "ordering": {
      let order = shuffle(q.options, random);
      // A shuffle that happens to be the answer would give the point away.
      for (let tries = 0; tries < 5 && order.every((o, i) => o.id === q.options[i]!.id); tries++) order = shuffle(q.options, random);
      return {
        ...base,
        scoring: q.scoring,
        options: order.map((o) => ({ bankId: o.id, text: o.text, correct: false })),
        correctOrder: q.options.map((o) => o.id),
      };
    }
    case "true-false":
      return { ...base, trueFalse: q.answer };
    case "numeric":
      return { ...base, numeric: q.answer };
  }
}

/** Draws `count` questions from one bank in random order, reproducibly from the seed. */
export function drawQuestions(bank: BankForDraw, count: number, seed: string): DrawnQuestion[] {
  const random = seededRandom(`${seed}:${bank.moduleSlug}`);
  return shuffle(bank.questions, random)
    .slice(0, count)
    .map((q) => freezeQuestion(q, bank, random));
}

/** The final exam: `perModule` questions from each bank, then all of them shuffled together. */
export function drawExam(banks: readonly BankForDraw[], perModule: number, seed: string): DrawnQuestion[] {
  const drawn = banks.flatMap((bank) => drawQuestions(bank, perModule, seed));
  return shuffle(drawn, seededRandom(`${seed}:exam`));
}
