import type { AnswerValue, QuestionType } from "./types";

/**
 * Reads one question's answer from a submitted form: `response` (one or several values) or
 * `order` (the items in the learner's order). Undefined when nothing was given.
 */
export function responseFromForm(type: QuestionType, form: FormData): AnswerValue | undefined {
  if (type === "ordering") {
    const order = form.getAll("order").map(String);
    return order.length ? order : undefined;
  }
  if (type === "multiple") {
    const chosen = form.getAll("response").map(String);
    // A hidden marker says the question was shown, so "none ticked" is an answer the learner gave.
    return chosen.length || form.has("multipleShown") ? chosen : undefined;
  }
  const value = form.get("response");
  if (typeof value !== "string") return undefined;
  return type === "numeric" ? value.trim() : value;
}

/** Moves the item at `index` one place up or down; out-of-range moves change nothing. */
export function moveItem(order: readonly string[], index: number, direction: "up" | "down"): string[] {
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return [...order];
  const next = [...order];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Whether a saved response counts as an answer (an empty multiple-choice set does not). */
export function isAnswered(response: AnswerValue | undefined): boolean {
  if (response === undefined) return false;
  return Array.isArray(response) ? response.length > 0 : response.trim() !== "";
}

/**
 * A select-all question's prompt without its own "Select all that apply.": the page says it once,
 * beside the options, with how the question is scored. Other prompts are returned as written.
 */
export function displayPrompt(type: QuestionType, prompt: string): string {
  if (type !== "multiple") return prompt;
  return prompt.replace(/\s*\(?select all that apply\.?\)?/gi, "").trim() || prompt;
}
