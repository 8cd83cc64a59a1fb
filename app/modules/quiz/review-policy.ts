import type { CorrectAnswerPolicy } from "~/modules/content/schema";

/** Each kind of quiz's default: module quizzes teach, the exam and refresher pools are reused. */
export const DEFAULT_CORRECT_ANSWERS = { module: "after-pass", exam: "never", refresher: "never" } as const satisfies Record<string, CorrectAnswerPolicy>;

export type ReviewerStanding = {
  /** The person reviewing is the learner who took the attempt (staff always see everything). */
  isLearner: boolean;
  /** The learner has passed this quiz in some attempt. */
  passed: boolean;
  /** Attempts the learner may still start, grants included, and whether one is open now. */
  attemptsLeft: number;
  attemptOpen: boolean;
};

/** What a review shows of each question beyond right or wrong. */
export type ReviewDisclosure = { correctAnswers: boolean; explanations: boolean };

/**
 * Whether a review shows the correct answers (and the explanations, which usually give them
 * away): instructors, admins and item statistics always; the learner as the quiz's policy says.
 * Under `never` the explanations are withheld too, so a reused pool stays unanswered.
 */
export function reviewDisclosure(policy: CorrectAnswerPolicy, who: ReviewerStanding): ReviewDisclosure {
  if (!who.isLearner) return { correctAnswers: true, explanations: true };
  switch (policy) {
    case "always":
      return { correctAnswers: true, explanations: true };
    case "after-pass":
      return { correctAnswers: who.passed, explanations: true };
    case "after-last-attempt":
      return { correctAnswers: who.attemptsLeft === 0 && !who.attemptOpen, explanations: true };
    case "never":
      return { correctAnswers: false, explanations: false };
  }
}

/** What the review says about answers it does not show, for the learner. */
export function withheldNote(policy: CorrectAnswerPolicy): string | null {
  switch (policy) {
    case "after-pass":
      return "The correct answers are shown once you pass this quiz. Each question says whether you were right and explains what it asked.";
    case "after-last-attempt":
      return "The correct answers are shown once you have used your last attempt. Each question says whether you were right and explains what it asked.";
    case "never":
      return "This assessment's answers are not shown, because its questions are asked again. Your score for each module shows where to read again.";
    default:
      return null;
  }
}

/** What the quiz page promises about the review, before the learner starts. */
export function reviewPromise(policy: CorrectAnswerPolicy): string {
  switch (policy) {
    case "always":
      return "each question marked right or wrong, the correct answer and why";
    case "after-pass":
      return "each question marked right or wrong and why; the correct answers once you pass";
    case "after-last-attempt":
      return "each question marked right or wrong and why; the correct answers after your last attempt";
    case "never":
      return "your score per module and which questions you got wrong; never the answers, because the questions are asked again";
  }
}
