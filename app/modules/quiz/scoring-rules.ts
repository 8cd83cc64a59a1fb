import type { QuestionType } from "./types";

// What learners are told about scoring, in the words of grade.ts's rules: the quiz's rules list
// them for the kinds of question its banks hold, and each question shows its own beside it.

export type Scoring = "all-or-nothing" | "partial" | "exact" | "adjacent-pairs" | null;

/** The scoring a question is shown with: the bank's, or the schema's default when it gives none. */
function scoringOf(type: QuestionType, scoring: Scoring | undefined): Scoring {
  if (type === "multiple") return scoring === "partial" ? "partial" : "all-or-nothing";
  if (type === "ordering") return scoring === "adjacent-pairs" ? "adjacent-pairs" : "exact";
  return null;
}

/**
 * The line a question shows beside its options about how it is scored (null when there is
 * nothing to say beyond right or wrong). Names the label the quiz's rules explain.
 */
export function questionScoringHint(type: QuestionType, scoring: Scoring | undefined): string | null {
  switch (scoringOf(type, scoring)) {
    case "partial":
      return "Select all that apply. Partial credit: each right choice you tick adds to your score, each wrong one takes away.";
    case "all-or-nothing":
      return "Select all that apply. All or nothing: this scores only if you tick exactly the right choices.";
    case "adjacent-pairs":
      return "Partial credit: each neighbouring pair you put in the right sequence scores.";
    case "exact":
      return "All or nothing: this scores only if the whole order is right.";
    default:
      return null;
  }
}

/**
 * How a quiz is scored, one sentence a rule, for the questions its banks hold: the one place the
 * partial-credit arithmetic of `gradeQuestion` and the rounding of `scorePercent` are put into words.
 */
export function scoringRules(questions: readonly { type: QuestionType; scoring?: Scoring }[]): string[] {
  const kinds = new Set(questions.map((q) => scoringOf(q.type, q.scoring)));
  const rules = ["Each question is worth one point."];
  if (kinds.has("partial")) {
    rules.push(
      "Select-all questions marked “partial credit” score the right choices you tick minus the wrong ones you tick, divided by the number of right choices, and never less than zero: with 3 right choices, ticking 2 of them and 1 wrong one scores (2 − 1) ÷ 3 = ⅓ of a point.",
    );
  }
  if (kinds.has("all-or-nothing"))
    rules.push("Select-all questions marked “all or nothing” score a point only for exactly the right choices, and nothing otherwise.");
  if (kinds.has("adjacent-pairs")) {
    rules.push(
      "Ordering questions marked “partial credit” score the share of neighbouring pairs in the right sequence: with 4 items, 3 pairs, 2 of them right scores ⅔ of a point.",
    );
  }
  if (kinds.has("exact")) rules.push("Ordering questions marked “all or nothing” score a point only when the whole order is right.");
  rules.push("Your score is the points you scored out of the questions asked, as a percentage rounded down to a whole number.");
  return rules;
}
