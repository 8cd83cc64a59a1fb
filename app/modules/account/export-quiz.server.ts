import { asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { quizAttemptGrants, quizAttempts } from "~/db/schema";
import { courseTitle, iso, names, quizTitle } from "~/modules/account/export-common.server";
import type { Actor } from "~/modules/auth/permissions";
import { attemptForTaking } from "~/modules/quiz/lifecycle.server";
import { catalogueQuiz } from "~/modules/quiz/quiz-definition.server";
import { attemptReview } from "~/modules/quiz/review.server";

/**
 * Quiz attempts as the learner's own pages show them: a submitted attempt as its review (their
 * answers, and the correct answers and explanations only where the review shows them);
 * an open attempt as it is being taken (questions and saved answers, no key).
 */
export function quizAttemptsOf(db: Db, actor: Actor) {
  const rows = db.select().from(quizAttempts).where(eq(quizAttempts.userId, actor.id)).orderBy(asc(quizAttempts.startedAt)).all();
  const attempts = rows.map((a) => {
    const head = {
      id: a.id,
      course: courseTitle(a.courseSlug),
      courseSlug: a.courseSlug,
      quiz: quizTitle(a.courseSlug, a.quizKey),
      quizKey: a.quizKey,
      startedAt: iso(a.startedAt),
      deadlineAt: iso(a.deadlineAt),
      submittedAt: iso(a.submittedAt),
      passMarkPercent: Math.round(a.passMark * 100),
    };
    if (a.submittedAt === null) {
      // As opening it would, this grades an attempt whose time ran out; then it is exported as graded.
      const open = attemptForTaking(db, actor.id, a.id);
      if (!open.submitted) {
        return {
          ...head,
          state: "open",
          questions: open.questions.map((q) => ({
            position: q.position,
            type: q.type,
            prompt: q.prompt,
            options: q.options.map((o) => o.text),
            unit: q.unit,
            yourAnswer: open.answers[q.position] ?? null,
          })),
        };
      }
    }
    const review = attemptReview(db, actor, a.id, catalogueQuiz);
    return {
      ...head,
      submittedAt: iso(review.submittedAt),
      state: review.passed ? "passed" : "not passed",
      percent: review.percent,
      questions: review.items.map((i) => ({
        position: i.position,
        type: i.type,
        prompt: i.prompt,
        score: i.score,
        yourAnswer: i.yourAnswer,
        correctAnswer: i.correctAnswer,
        explanation: i.explanation,
        source: i.source,
      })),
    };
  });
  const grants = db.select().from(quizAttemptGrants).where(eq(quizAttemptGrants.userId, actor.id)).orderBy(asc(quizAttemptGrants.createdAt)).all();
  const grantors = names(
    db,
    grants.map((g) => g.grantedBy),
  );
  return {
    attempts,
    extraAttemptsGranted: grants.map((g) => ({
      course: courseTitle(g.courseSlug),
      quiz: quizTitle(g.courseSlug, g.quizKey),
      grantedBy: g.grantedBy ? (grantors.get(g.grantedBy) ?? null) : null,
      afterAttempts: g.afterAttempts,
      grantedAt: iso(g.createdAt),
    })),
  };
}
