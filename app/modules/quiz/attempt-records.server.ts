import { and, asc, eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { DbOrTx } from "~/db/client.server";
import { preparedStatement } from "~/db/statements.server";
import { quizAnswers, quizAttemptGrants, quizAttempts, type QuizAttempt } from "~/db/schema";
import { NotFound } from "~/modules/errors";
import { scorePercent } from "./grade";
import type { QuizDefinition } from "./quiz-definition.server";
import type { AnswerValue, DrawnQuestion, PublicQuestion } from "./types";

// How attempts are read, shared by their lifecycle, their review, grants and statistics.

/** An attempt without its (large) question snapshot; `questionsOf` supplies that. */
export type Attempt = Omit<QuizAttempt, "questions" | "seed" | "bankHash">;

const HEAD = {
  id: quizAttempts.id,
  userId: quizAttempts.userId,
  courseSlug: quizAttempts.courseSlug,
  quizKey: quizAttempts.quizKey,
  passMark: quizAttempts.passMark,
  startedAt: quizAttempts.startedAt,
  deadlineAt: quizAttempts.deadlineAt,
  submittedAt: quizAttempts.submittedAt,
  score: quizAttempts.score,
  maxScore: quizAttempts.maxScore,
  passed: quizAttempts.passed,
};

/** One attempt's head (no snapshot) by id, whoever it belongs to. */
export const attemptHead = preparedStatement((db) =>
  db
    .select(HEAD)
    .from(quizAttempts)
    .where(eq(quizAttempts.id, sql.placeholder("id")))
    .prepare(),
);
const attemptQuestions = preparedStatement((db) =>
  db
    .select({ questions: quizAttempts.questions })
    .from(quizAttempts)
    .where(eq(quizAttempts.id, sql.placeholder("id")))
    .prepare(),
);
const answerRows = preparedStatement((db) =>
  db
    .select({ position: quizAnswers.position, response: quizAnswers.response })
    .from(quizAnswers)
    .where(eq(quizAnswers.attemptId, sql.placeholder("attemptId")))
    .prepare(),
);

// A snapshot never changes after the attempt starts, so each process parses it once.
const snapshots = new LRUCache<string, DrawnQuestion[]>({ max: 5_000 });

/** The frozen questions of an attempt (parsed once per process and kept). */
export function questionsOf(db: DbOrTx, attemptId: string): DrawnQuestion[] {
  let questions = snapshots.get(attemptId);
  if (!questions) {
    questions = (attemptQuestions(db).get({ id: attemptId })?.questions ?? []) as DrawnQuestion[];
    snapshots.set(attemptId, questions);
  }
  return questions;
}

/** A learner's attempts at a quiz, oldest first. */
export function attemptsOf(db: DbOrTx, userId: string, quiz: QuizDefinition): Attempt[] {
  return db
    .select(HEAD)
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, quiz.courseSlug), eq(quizAttempts.quizKey, quiz.key)))
    .orderBy(asc(quizAttempts.startedAt))
    .all();
}

/** How many attempts the quiz allows this learner: its own limit plus attempts granted since. */
export function attemptLimit(db: DbOrTx, userId: string, quiz: QuizDefinition): number {
  const grants = db
    .select({ n: sql<number>`count(*)` })
    .from(quizAttemptGrants)
    .where(and(eq(quizAttemptGrants.userId, userId), eq(quizAttemptGrants.courseSlug, quiz.courseSlug), eq(quizAttemptGrants.quizKey, quiz.key)))
    .get();
  return quiz.settings.attempts + (grants?.n ?? 0);
}

/** The saved answers of an attempt, by question position. */
export function answersOf(db: DbOrTx, attemptId: string): Map<number, AnswerValue> {
  return new Map(
    answerRows(db)
      .all({ attemptId })
      .map((r) => [r.position, r.response as AnswerValue]),
  );
}

/** The learner's own attempt; NotFound for anyone else's, or an id that does not exist. */
export function ownAttempt(db: DbOrTx, userId: string, attemptId: string): Attempt {
  const row = attemptHead(db).get({ id: attemptId });
  if (!row || row.userId !== userId) throw new NotFound("No such attempt");
  return row;
}

/** A graded attempt's score in percent; null while it is open. */
export const percentOf = (a: { score: number | null; maxScore: number | null }) =>
  a.score === null || !a.maxScore ? null : scorePercent(a.score / a.maxScore);

/** A drawn question as the page may show it: no key, no explanation, no bank ids. */
export function publicQuestion(a: Pick<Attempt, "courseSlug">, q: DrawnQuestion, position: number): PublicQuestion {
  return {
    position,
    type: q.type,
    prompt: q.prompt,
    image: q.image ? { url: `/content/${a.courseSlug}/${q.moduleSlug}/${q.image.src}`, alt: q.image.alt } : null,
    options:
      q.type === "true-false"
        ? [
            { id: "true", text: "True" },
            { id: "false", text: "False" },
          ]
        : q.options.map((o, i) => ({ id: String(i), text: o.text })),
    unit: q.numeric?.unit ?? null,
    scoring: q.scoring,
  };
}

/** Best result per quiz for a learner in a course (for the course page and certification). */
export function quizResults(db: DbOrTx, userId: string, courseSlug: string): Map<string, { bestPercent: number; passed: boolean; attempts: number }> {
  const rows = db
    .select({
      quizKey: quizAttempts.quizKey,
      best: sql<number | null>`max(${quizAttempts.score} * 1.0 / ${quizAttempts.maxScore})`,
      passed: sql<number>`max(coalesce(${quizAttempts.passed}, 0))`,
      attempts: sql<number>`count(*)`,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug)))
    .groupBy(quizAttempts.quizKey)
    .all();
  return new Map(rows.map((r) => [r.quizKey, { bestPercent: r.best === null ? 0 : scorePercent(r.best), passed: r.passed === 1, attempts: r.attempts }]));
}
