import type { AnswerValue, DrawnQuestion } from "./types";

/**
 * A score as a whole percent, rounded down, with a hair of slack for binary fractions
 * (0.29 × 100 is 28.999…; it must read 29). The one place a quiz percentage is computed.
 */
export function scorePercent(ratio: number): number {
  return Math.floor(ratio * 100 + 1e-9);
}

/** Reads a typed number the way people write them: "0,35", " 0.35 ", "+1". */
export function parseNumber(input: string): number | null {
  const cleaned = input.trim().replace(/\s+/g, "").replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}

const indices = (r: AnswerValue | undefined) => (Array.isArray(r) ? r : r === undefined || r === "" ? [] : [r]);

/** The bank ids a response chose (choice questions), for statistics. */
export function chosenBankIds(q: DrawnQuestion, response: AnswerValue | undefined): string[] {
  if (!q.options.length) return [];
  return indices(response)
    .map((i) => q.options[Number(i)]?.bankId)
    .filter((id): id is string => !!id);
}

/**
 * Score for one question, from 0 to 1. An unanswered or malformed response scores 0.
 * - single / image: the correct option.
 * - multiple: all-or-nothing needs exactly the correct set; partial gives (right − wrong) / correct, never below 0.
 * - true-false: the right value.
 * - numeric: within the tolerance of the value (in the question's unit).
 * - ordering: exact needs the whole order; adjacent-pairs gives the share of neighbouring pairs in the right sequence.
 */
export function gradeQuestion(q: DrawnQuestion, response: AnswerValue | undefined): number {
  switch (q.type) {
    case "single":
    case "image": {
      if (typeof response !== "string") return 0;
      return q.options[Number(response)]?.correct ? 1 : 0;
    }
    case "multiple": {
      const chosen = new Set(indices(response).filter((i) => q.options[Number(i)] !== undefined));
      const correct = q.options.flatMap((o, i) => (o.correct ? [String(i)] : []));
      const right = correct.filter((i) => chosen.has(i)).length;
      const wrong = chosen.size - right;
      if (q.scoring === "partial") return Math.max(0, (right - wrong) / correct.length);
      return right === correct.length && wrong === 0 ? 1 : 0;
    }
    case "true-false":
      return typeof response === "string" && (response === "true" || response === "false") && (response === "true") === q.trueFalse ? 1 : 0;
    case "numeric": {
      if (typeof response !== "string" || !q.numeric) return 0;
      const value = parseNumber(response);
      if (value === null) return 0;
      // A hair of slack for binary floating point (0.1 + 0.2 style) at the tolerance's edge.
      return Math.abs(value - q.numeric.value) <= q.numeric.tolerance + 1e-9 ? 1 : 0;
    }
    case "ordering": {
      const order = indices(response).map((i) => q.options[Number(i)]?.bankId);
      const correct = q.correctOrder ?? [];
      if (order.length !== correct.length || new Set(order).size !== order.length || order.some((id) => !id)) return 0;
      if (q.scoring === "adjacent-pairs") {
        const position = new Map(correct.map((id, i) => [id, i]));
        let pairs = 0;
        for (let i = 0; i + 1 < order.length; i++) if (position.get(order[i + 1]!) === position.get(order[i]!)! + 1) pairs++;
        return pairs / (correct.length - 1);
      }
      return order.every((id, i) => id === correct[i]) ? 1 : 0;
    }
  }
}

export type AttemptGrade = { score: number; maxScore: number; percent: number; passed: boolean; items: number[] };

/** Grades a whole attempt: one point a question, pass when score / max reaches the pass mark. */
export function gradeAttempt(questions: readonly DrawnQuestion[], responses: ReadonlyMap<number, AnswerValue>, passMark: number): AttemptGrade {
  const items = questions.map((q, i) => gradeQuestion(q, responses.get(i)));
  const score = items.reduce((a, b) => a + b, 0);
  const maxScore = questions.length;
  const ratio = maxScore === 0 ? 0 : score / maxScore;
  return { score, maxScore, percent: scorePercent(ratio), passed: ratio >= passMark - 1e-9, items };
}

/** Whether a response has the right shape for its question (checked before it is saved). */
export function isWellFormedResponse(q: DrawnQuestion, response: unknown): response is AnswerValue {
  const isIndex = (v: unknown) => typeof v === "string" && /^\d+$/.test(v) && Number(v) < q.options.length;
  switch (q.type) {
    case "single":
    case "image":
      return isIndex(response);
    case "multiple":
      return Array.isArray(response) && response.every(isIndex) && new Set(response).size === response.length;
    case "ordering":
      return Array.isArray(response) && response.length === q.options.length && response.every(isIndex) && new Set(response).size === response.length;
    case "true-false":
      return response === "true" || response === "false";
    case "numeric":
      return typeof response === "string" && response.length <= 32 && (response.trim() === "" || parseNumber(response) !== null);
  }
}
