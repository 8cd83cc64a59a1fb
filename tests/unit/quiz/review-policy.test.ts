import { describe, expect, it } from "vitest";
import { CORRECT_ANSWER_POLICIES } from "~/modules/content/schema";
import { reviewDisclosure, type ReviewerStanding } from "~/modules/quiz/review-policy";
import { scoreByModule } from "~/modules/quiz/review.server";

const learner = (over: Partial<ReviewerStanding> = {}): ReviewerStanding => ({ isLearner: true, passed: false, attemptsLeft: 2, attemptOpen: false, ...over });

describe("what a review discloses", () => {
  it("shows staff everything under every policy", () => {
    for (const policy of CORRECT_ANSWER_POLICIES) {
      expect(reviewDisclosure(policy, learner({ isLearner: false })), policy).toEqual({ correctAnswers: true, explanations: true });
    }
  });

  it("after-pass: the key only once the learner has passed, explanations always", () => {
    expect(reviewDisclosure("after-pass", learner())).toEqual({ correctAnswers: false, explanations: true });
    expect(reviewDisclosure("after-pass", learner({ attemptsLeft: 0 }))).toEqual({ correctAnswers: false, explanations: true });
    expect(reviewDisclosure("after-pass", learner({ passed: true }))).toEqual({ correctAnswers: true, explanations: true });
  });

  it("after-last-attempt: the key only when no attempt is left or open, pass or not", () => {
    expect(reviewDisclosure("after-last-attempt", learner({ passed: true }))).toEqual({ correctAnswers: false, explanations: true });
    expect(reviewDisclosure("after-last-attempt", learner({ attemptsLeft: 0, attemptOpen: true })).correctAnswers).toBe(false);
    expect(reviewDisclosure("after-last-attempt", learner({ attemptsLeft: 0 })).correctAnswers).toBe(true);
  });

  it("never: neither key nor explanations, even after a pass with nothing left", () => {
    expect(reviewDisclosure("never", learner({ passed: true, attemptsLeft: 0 }))).toEqual({ correctAnswers: false, explanations: false });
  });

  it("always: everything to the learner at once", () => {
    expect(reviewDisclosure("always", learner())).toEqual({ correctAnswers: true, explanations: true });
  });

  it("adds up an attempt's score per module, in the order modules were first asked", () => {
    const items = [
      { moduleSlug: "a", score: 1 },
      { moduleSlug: "b", score: 0 },
      { moduleSlug: "a", score: 0.5 },
      { moduleSlug: "b", score: 1 },
      { moduleSlug: "a", score: 0 },
    ];
    expect(scoreByModule(items)).toEqual([
      { moduleSlug: "a", score: 1.5, asked: 3 },
      { moduleSlug: "b", score: 1, asked: 2 },
    ]);
  });
});
