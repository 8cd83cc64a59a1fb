import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { quizAttempts, quizItemResults } from "~/db/schema";
import type { QuizDefinition } from "./quiz-definition.server";
import { itemStatistics } from "./stats";

/** Item statistics over every graded attempt at a quiz (aggregates only, no learner named). */
export function quizStatistics(db: Db, quiz: QuizDefinition) {
  const totals = db
    .select({ attemptId: quizAttempts.id, score: quizAttempts.score, maxScore: quizAttempts.maxScore })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseSlug, quiz.courseSlug), eq(quizAttempts.quizKey, quiz.key), sql`${quizAttempts.submittedAt} is not null`))
    .all()
    .map((t) => ({ attemptId: t.attemptId, score: t.score ?? 0, maxScore: t.maxScore ?? 0 }));
  const items = db
    .select({ attemptId: quizItemResults.attemptId, questionRef: quizItemResults.questionRef, score: quizItemResults.score, chosen: quizItemResults.chosen })
    .from(quizItemResults)
    .innerJoin(quizAttempts, eq(quizAttempts.id, quizItemResults.attemptId))
    .where(and(eq(quizAttempts.courseSlug, quiz.courseSlug), eq(quizAttempts.quizKey, quiz.key)))
    .all();
  return { attempts: totals.length, items: itemStatistics(items, totals) };
}
