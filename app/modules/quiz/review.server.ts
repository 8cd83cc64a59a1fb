import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { quizAttempts, quizItemResults, users } from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { NotFound } from "~/modules/errors";
import { answersOf, percentOf, publicQuestion } from "./attempt-records.server";
import { quizStatus, type QuizStatus } from "./lifecycle.server";
import type { QuizDefinition } from "./quiz-definition.server";
import { reviewDisclosure, withheldNote } from "./review-policy";
import type { AnswerValue, DrawnQuestion } from "./types";

// What a learner (and whoever may see their records) sees of an attempt once it is submitted.

export type ReviewItem = {
  position: number;
  type: DrawnQuestion["type"];
  prompt: string;
  image: { url: string; alt: string } | null;
  score: number;
  yourAnswer: string[];
  /** Empty when the review withholds the key from this reader. */
  correctAnswer: string[];
  /** Null when the review withholds explanations (a `never` quiz, for its learner). */
  explanation: string | null;
  source: DrawnQuestion["source"];
  moduleSlug: string;
};

/** How many questions of each module an attempt asked, and the points scored on them. */
export function scoreByModule(items: readonly Pick<ReviewItem, "moduleSlug" | "score">[]): { moduleSlug: string; score: number; asked: number }[] {
  const byModule = new Map<string, { moduleSlug: string; score: number; asked: number }>();
  for (const item of items) {
    const row = byModule.get(item.moduleSlug) ?? { moduleSlug: item.moduleSlug, score: 0, asked: 0 };
    row.score += item.score;
    row.asked += 1;
    byModule.set(item.moduleSlug, row);
  }
  return [...byModule.values()];
}

/** What the learner's review says about trying again, once they have not (yet) passed. */
export type NextAttempt =
  | { kind: "cooldown"; opensAt: number; serverNow: number }
  | { kind: "now"; attemptsLeft: number }
  | { kind: "open"; attemptId: string }
  | { kind: "none"; reason: string };

/** When the learner may try again: null once they have passed. */
export function nextAttempt(status: QuizStatus, now: number): NextAttempt | null {
  if (status.passed) return null;
  if (status.next.action === "resume" && status.openAttemptId) return { kind: "open", attemptId: status.openAttemptId };
  if (status.next.action === "start") return { kind: "now", attemptsLeft: status.attemptsLeft };
  if (status.cooldownUntil && status.attemptsLeft > 0) return { kind: "cooldown", opensAt: status.cooldownUntil, serverNow: now };
  return { kind: "none", reason: status.next.action === "none" ? status.next.reason : "" };
}

/** The quiz an attempt belongs to, as the content is now; null when the content no longer has it. */
export type QuizOf = (courseSlug: string, quizKey: string) => QuizDefinition | null;

function describe(q: DrawnQuestion, response: AnswerValue | undefined): string[] {
  if (response === undefined || (Array.isArray(response) && response.length === 0) || response === "") return [];
  if (q.type === "true-false") return [response === "true" ? "True" : "False"];
  if (q.type === "numeric") return [`${String(response)} ${q.numeric?.unit ?? ""}`.trim()];
  const list = Array.isArray(response) ? response : [response];
  return list.map((i) => q.options[Number(i)]?.text ?? "?");
}

function correctDescription(q: DrawnQuestion): string[] {
  switch (q.type) {
    case "true-false":
      return [q.trueFalse ? "True" : "False"];
    case "numeric":
      return [`${q.numeric!.value} ${q.numeric!.unit} (accepted within ±${q.numeric!.tolerance} ${q.numeric!.unit})`];
    case "ordering":
      return (q.correctOrder ?? []).map((id) => q.options.find((o) => o.bankId === id)?.text ?? id);
    default:
      return q.options.filter((o) => o.correct).map((o) => o.text);
  }
}

/**
 * The review of a submitted attempt: for the learner, their cohort's instructors, their clinic's
 * admins and platform admins. Staff see the key and explanations; the learner sees what the
 * quiz's review policy allows (review-policy.ts), and a quiz gone from the content shows all.
 * NotFound for anyone else and for an attempt still open (its key must not leak).
 */
export function attemptReview(db: Db, actor: Actor, attemptId: string, quizOf: QuizOf, now = Date.now()) {
  const row = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
  if (!row || !can.viewLearner(actor, loadLearnerRef(db, row.userId))) throw new NotFound("No such attempt");
  const attempt = { ...row, questions: row.questions as DrawnQuestion[] };
  if (attempt.submittedAt === null) throw new NotFound("Not submitted yet");
  const responses = answersOf(db, attempt.id);
  const scores = new Map(
    db
      .select({ position: quizItemResults.position, score: quizItemResults.score })
      .from(quizItemResults)
      .where(eq(quizItemResults.attemptId, attempt.id))
      .all()
      .map((r) => [r.position, r.score]),
  );
  const quiz = quizOf(attempt.courseSlug, attempt.quizKey);
  const isLearner = actor.id === attempt.userId;
  const policy = quiz?.correctAnswers ?? "always";
  const status = quiz && isLearner ? quizStatus(db, attempt.userId, quiz, now) : null;
  const shown = reviewDisclosure(policy, {
    isLearner,
    passed: status?.passed ?? false,
    attemptsLeft: status?.attemptsLeft ?? 0,
    attemptOpen: status?.openAttemptId != null,
  });
  const items: ReviewItem[] = attempt.questions.map((q, position) => ({
    ...publicQuestion(attempt, q, position),
    score: scores.get(position) ?? 0,
    yourAnswer: describe(q, responses.get(position)),
    correctAnswer: shown.correctAnswers ? correctDescription(q) : [],
    explanation: shown.explanations ? q.explanation : null,
    source: q.source,
    moduleSlug: q.moduleSlug,
  }));
  const learner = db.select({ name: users.name }).from(users).where(eq(users.id, attempt.userId)).get();
  return {
    id: attempt.id,
    learnerId: attempt.userId,
    learnerName: learner?.name ?? "",
    courseSlug: attempt.courseSlug,
    quizKey: attempt.quizKey,
    submittedAt: attempt.submittedAt,
    percent: percentOf(attempt) ?? 0,
    passMark: attempt.passMark,
    passed: !!attempt.passed,
    shown,
    withheldNote: shown.correctAnswers ? null : withheldNote(policy),
    byModule: attempt.quizKey.startsWith("module:") ? null : scoreByModule(items),
    nextAttempt: status ? nextAttempt(status, now) : null,
    items,
  };
}
