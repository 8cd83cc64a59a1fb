import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { drawExam } from "~/modules/quiz/draw";
import { finalExam, refresherQuiz } from "~/modules/quiz/quiz-definition.server";

const course = () => loadCatalogue(path.resolve("tests/fixtures/content-good")).courses[0]!;

describe("the final exam and the refresher", () => {
  it("draw only from the exam's own pool, never from a module quiz a learner has seen reviewed", () => {
    const c = course();
    const bankIds = c.modules.flatMap((m) => m.quiz?.questions.map((q) => q.id) ?? []);
    const exam = finalExam(c);
    expect(exam.banks.map((b) => b.moduleSlug)).toEqual(["first-module"]);
    for (let seed = 0; seed < 20; seed += 1) {
      const drawn = drawExam(exam.banks, exam.perModule ?? 1, `seed-${seed}`).map((q) => q.ref);
      expect(drawn.sort()).toEqual(["first-module/exam-pick-b", "first-module/exam-true"]);
      expect(drawn.some((ref) => bankIds.some((id) => ref.endsWith(`/${id}`)))).toBe(false);
    }
    // The pool's `module` is where an item is drawn from, not part of the question a learner is shown.
    expect(exam.banks[0]!.questions.every((q) => !("module" in q))).toBe(true);
  });

  it("give the refresher the same pool, so renewal does not re-ask the module quizzes", () => {
    const c = {
      ...course(),
      certification: {
        practicals: [],
        supervisedCases: 0,
        healedReviews: 0,
        validityMonths: 24,
        finalExam: true,
        renewal: { windowDays: 90, casesSinceIssue: 0, refresherQuiz: { perModule: 1, passMark: 0.8, attempts: 3, cooldownMinutes: 0, timeLimitMinutes: 10 } },
      },
    };
    const refresher = refresherQuiz(c, "cert-1");
    expect(refresher.banks.flatMap((b) => b.questions.map((q) => q.id)).sort()).toEqual(["exam-pick-b", "exam-true"]);
    expect(refresher.hash).toBe(finalExam(c).hash);
  });
});
