import type { Question } from "~/modules/content/schema";

export type QuestionType = Question["type"];

/** An option as stored in an attempt: in this attempt's display order, with its bank id and key. */
export type DrawnOption = { bankId: string; text: string; correct: boolean };

/**
 * One drawn question, frozen into the attempt when it starts. Holds the key: server-only.
 * Display option ids are the option's index in `options` ("0", "1", …), so the page never
 * carries the bank's ids.
 */
export type DrawnQuestion = {
  ref: string;
  moduleSlug: string;
  type: QuestionType;
  prompt: string;
  image: { src: string; alt: string } | null;
  /** Choice and ordering questions, in display order. */
  options: DrawnOption[];
  /** Ordering: bank ids in the correct order. */
  correctOrder: string[] | null;
  trueFalse: boolean | null;
  numeric: { value: number; tolerance: number; unit: string } | null;
  scoring: "all-or-nothing" | "partial" | "exact" | "adjacent-pairs" | null;
  explanation: string;
  source: { key: string; citation: string; url?: string };
};

/** What a learner submits for one question: an option index, several, a number as typed, an order, or true/false. */
export type AnswerValue = string | string[];

/** What the page may show while an attempt is open: no key, no explanation, no bank ids. */
export type PublicQuestion = {
  position: number;
  type: QuestionType;
  prompt: string;
  image: { url: string; alt: string } | null;
  options: { id: string; text: string }[];
  unit: string | null;
  /** How a select-all or ordering question is scored (not a secret: the page says it). */
  scoring: DrawnQuestion["scoring"];
};
