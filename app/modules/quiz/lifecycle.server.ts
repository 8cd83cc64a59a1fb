import { randomBytes } from "node:crypto";
import { and, eq, isNull, max, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { quizAnswers, quizAttempts, quizItemResults, users } from "~/db/schema";
import { learnerGraders } from "~/modules/auth/actor.server";
import { settleCertification } from "~/modules/certification/issue.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import type { Course } from "~/modules/content/load-content.server";
import { crashPoint } from "~/modules/crash-point.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { answersOf, attemptLimit, attemptsOf, ownAttempt, percentOf, publicQuestion, questionsOf, type Attempt } from "./attempt-records.server";
import { drawExam, drawQuestions } from "./draw";
import { chosenBankIds, gradeAttempt, isWellFormedResponse } from "./grade";
import { quizByKey, type QuizDefinition } from "./quiz-definition.server";
import type { AnswerValue, DrawnQuestion, PublicQuestion } from "./types";

/** Answers arriving this long after the deadline still count (network delay); later ones are refused. */
export const DEADLINE_GRACE_MS = 5_000;
const MINUTE = 60_000;

const isExpired = (a: Attempt, now: number) => now > a.deadlineAt + DEADLINE_GRACE_MS;

/**
 * Grades an open attempt with what was saved and closes it. Exactly once: the closing update
 * only matches an attempt that is still open, so a second caller changes nothing.
 */
function gradeAndClose(tx: DbOrTx, attempt: Attempt, now: number): boolean {
  const responses = answersOf(tx, attempt.id);
  const questions = questionsOf(tx, attempt.id);
  const grade = gradeAttempt(questions, responses, attempt.passMark);
  // A save that won the write lock just before this submit carries its own, slightly later
  // clock reading; the attempt closes no earlier than the last answer it grades.
  const lastSave =
    tx
      .select({ at: max(quizAnswers.savedAt) })
      .from(quizAnswers)
      .where(eq(quizAnswers.attemptId, attempt.id))
      .get()?.at ?? 0;
  const closed = tx
    .update(quizAttempts)
    .set({ submittedAt: Math.max(now, lastSave), score: grade.score, maxScore: grade.maxScore, passed: grade.passed })
    .where(and(eq(quizAttempts.id, attempt.id), isNull(quizAttempts.submittedAt)))
    .run();
  if (closed.changes !== 1) return false;
  tx.insert(quizItemResults)
    .values(
      questions.map((q, position) => ({
        attemptId: attempt.id,
        position,
        questionRef: q.ref,
        score: grade.items[position] ?? 0,
        chosen: chosenBankIds(q, responses.get(position)),
      })),
    )
    .run();
  const course = getCatalogue().bySlug.get(attempt.courseSlug);
  // A pass can be the programme's (or a renewal's) last requirement: settle it in this transaction.
  if (course && grade.passed) settleCertification(tx, course, attempt.userId, now);
  if (course && !grade.passed) tellInstructorsIfOutOfAttempts(tx, course, attempt, now);
  crashPoint("submit-attempt");
  return true;
}

/** After a failed last attempt, the learner's instructors hear of it: only they can grant another. */
function tellInstructorsIfOutOfAttempts(tx: DbOrTx, course: Course, attempt: Attempt, now: number): void {
  let quiz: QuizDefinition;
  try {
    quiz = quizByKey(course, attempt.quizKey);
  } catch {
    return;
  }
  const used = tx
    .select({ n: sql<number>`count(*)` })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, attempt.userId), eq(quizAttempts.courseSlug, attempt.courseSlug), eq(quizAttempts.quizKey, attempt.quizKey)))
    .get()!.n;
  const passedBefore = tx
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, attempt.userId),
        eq(quizAttempts.courseSlug, attempt.courseSlug),
        eq(quizAttempts.quizKey, attempt.quizKey),
        eq(quizAttempts.passed, true),
      ),
    )
    .get();
  if (passedBefore || used < attemptLimit(tx, attempt.userId, quiz)) return;
  const learner = tx.select({ name: users.name }).from(users).where(eq(users.id, attempt.userId)).get();
  notify(
    tx,
    learnerGraders(tx, attempt.userId),
    {
      kind: "attempts-used-up",
      title: `${learner?.name ?? "A learner"} has used every attempt at "${quiz.title}"`,
      body: `${learner?.name ?? "A learner"} did not pass ${quiz.title} in ${used} attempts. Look at their last attempt and, if it makes sense, grant one more.`,
      link: `/attempts/${attempt.id}/review`,
    },
    now,
  );
}

/** Closes the learner's open attempts at this quiz whose time ran out. */
function closeExpired(db: Db, userId: string, quiz: QuizDefinition, now: number): void {
  for (const a of attemptsOf(db, userId, quiz)) {
    if (a.submittedAt === null && isExpired(a, now)) db.transaction((tx) => void gradeAndClose(tx, a, now), { behavior: "immediate" });
  }
}

export type QuizStatus = {
  attempts: { id: string; number: number; startedAt: number; submittedAt: number | null; percent: number | null; passed: boolean | null }[];
  attemptsLeft: number;
  /** The quiz's own limit plus any attempts granted to this learner. */
  attemptsAllowed: number;
  openAttemptId: string | null;
  bestPercent: number | null;
  passed: boolean;
  cooldownUntil: number | null;
  /** What the learner can do now, and if nothing, why. */
  next: { action: "resume" } | { action: "start" } | { action: "none"; reason: string };
};

/** Where a learner stands with a quiz: attempts, best score, pass, cool-down and what they may do next. */
export function quizStatus(db: Db, userId: string, quiz: QuizDefinition, now = Date.now()): QuizStatus {
  closeExpired(db, userId, quiz, now);
  const attempts = attemptsOf(db, userId, quiz);
  const open = attempts.find((a) => a.submittedAt === null) ?? null;
  const submitted = attempts.filter((a) => a.submittedAt !== null);
  const percents = submitted.map(percentOf).filter((p): p is number => p !== null);
  const passed = submitted.some((a) => a.passed);
  const lastSubmitted = submitted.at(-1);
  const cooldownEnds = lastSubmitted && !lastSubmitted.passed ? lastSubmitted.submittedAt! + quiz.settings.cooldownMinutes * MINUTE : null;
  const cooldownUntil = cooldownEnds && cooldownEnds > now ? cooldownEnds : null;
  const attemptsAllowed = attemptLimit(db, userId, quiz);
  const attemptsLeft = Math.max(0, attemptsAllowed - attempts.length);
  const next: QuizStatus["next"] = open
    ? { action: "resume" }
    : attemptsLeft === 0
      ? { action: "none", reason: passed ? "You have used all your attempts." : "You have used all your attempts. Your instructor can grant you another one." }
      : cooldownUntil
        ? { action: "none", reason: "cooldown" }
        : { action: "start" };
  return {
    attempts: attempts.map((a, i) => ({
      id: a.id,
      number: i + 1,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      percent: percentOf(a),
      passed: a.passed,
    })),
    attemptsLeft,
    attemptsAllowed,
    openAttemptId: open?.id ?? null,
    bestPercent: percents.length ? Math.max(...percents) : null,
    passed,
    cooldownUntil,
    next,
  };
}

/**
 * Starts an attempt (or returns the open one, to resume). Runs in an immediate transaction so
 * parallel starts — from two tabs or two server processes — can neither pass the attempt limit
 * nor open two attempts. Throws Conflict when no attempt is left or the cool-down is running.
 */
export function startAttempt(db: Db, userId: string, quiz: QuizDefinition, now = Date.now()): string {
  closeExpired(db, userId, quiz, now);
  return db.transaction(
    (tx) => {
      const attempts = attemptsOf(tx, userId, quiz);
      const open = attempts.find((a) => a.submittedAt === null);
      if (open) return open.id;
      if (attempts.length >= attemptLimit(tx, userId, quiz)) throw new Conflict("You have used all your attempts at this quiz.");
      const last = attempts.at(-1);
      if (last && !last.passed && last.submittedAt! + quiz.settings.cooldownMinutes * MINUTE > now) {
        throw new Conflict("Your next attempt opens when the cool-down ends.");
      }
      const seed = randomBytes(16).toString("hex");
      const questions = quiz.kind !== "module" ? drawExam(quiz.banks, quiz.perModule ?? 1, seed) : drawQuestions(quiz.banks[0]!, quiz.draw, seed);
      return tx
        .insert(quizAttempts)
        .values({
          userId,
          courseSlug: quiz.courseSlug,
          quizKey: quiz.key,
          bankHash: quiz.hash,
          seed,
          questions,
          passMark: quiz.settings.passMark,
          startedAt: now,
          deadlineAt: now + quiz.settings.timeLimitMinutes * MINUTE,
        })
        .returning({ id: quizAttempts.id })
        .get().id;
    },
    { behavior: "immediate" },
  );
}

export type AttemptForTaking = {
  id: string;
  courseSlug: string;
  quizKey: string;
  deadlineAt: number;
  serverNow: number;
  submitted: boolean;
  questions: PublicQuestion[];
  answers: Record<number, AnswerValue>;
};

/**
 * An attempt as its learner may see it while taking it: questions without key, explanation or
 * bank ids, and the saved answers. An attempt past its deadline is graded first.
 */
export function attemptForTaking(db: Db, userId: string, attemptId: string, now = Date.now()): AttemptForTaking {
  let attempt = ownAttempt(db, userId, attemptId);
  if (attempt.submittedAt === null && isExpired(attempt, now)) {
    db.transaction((tx) => void gradeAndClose(tx, attempt, now), { behavior: "immediate" });
    attempt = ownAttempt(db, userId, attemptId);
  }
  return {
    id: attempt.id,
    courseSlug: attempt.courseSlug,
    quizKey: attempt.quizKey,
    deadlineAt: attempt.deadlineAt,
    serverNow: now,
    submitted: attempt.submittedAt !== null,
    questions: questionsOf(db, attempt.id).map((q, i) => publicQuestion(attempt, q, i)),
    answers: Object.fromEntries(answersOf(db, attempt.id)),
  };
}

/**
 * Saves (or replaces) the answer to one question. NotFound for someone else's attempt or a
 * position that is not in it; Invalid for a malformed answer; Conflict once the attempt is
 * submitted or its time (plus a few seconds' grace) is up — then it is graded with what was saved.
 */
export function saveAnswer(db: Db, userId: string, attemptId: string, position: number, response: unknown, now = Date.now()): { savedAt: number } {
  const attempt = ownAttempt(db, userId, attemptId);
  if (attempt.submittedAt !== null) throw new Conflict("This attempt has been submitted; answers can no longer change.");
  if (isExpired(attempt, now)) {
    db.transaction((tx) => void gradeAndClose(tx, attempt, now), { behavior: "immediate" });
    throw new Conflict("Time is up: this answer arrived after the deadline. Your attempt was graded with the answers saved before it.");
  }
  const question = Number.isInteger(position) ? questionsOf(db, attempt.id)[position] : undefined;
  if (!question) throw new NotFound("No such question in this attempt");
  if (!isWellFormedResponse(question, response)) throw new Invalid("That answer does not fit this question.", "response");
  // "Still open" and the write in one immediate transaction: a submit (also immediate) either
  // commits first, and this save is refused, or waits for it, and grades it.
  writeWhileOpen(db, attemptId, now, (tx) =>
    tx
      .insert(quizAnswers)
      .values({ attemptId, position, response, savedAt: now })
      .onConflictDoUpdate({ target: [quizAnswers.attemptId, quizAnswers.position], set: { response, savedAt: now } })
      .run(),
  );
  return { savedAt: now };
}

/**
 * Runs a change to an attempt's answers only while the attempt is still open, checked inside the
 * same immediate transaction that writes. Conflict when it was submitted (or timed out) meanwhile.
 */
function writeWhileOpen(db: Db, attemptId: string, now: number, write: (tx: DbOrTx) => unknown): void {
  const outcome = db.transaction(
    (tx) => {
      const current = tx.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
      if (!current || current.submittedAt !== null) return "submitted" as const;
      if (isExpired(current, now)) return "expired" as const;
      write(tx);
      return "written" as const;
    },
    { behavior: "immediate" },
  );
  if (outcome === "submitted") throw new Conflict("This attempt has been submitted; answers can no longer change.");
  if (outcome === "expired")
    throw new Conflict("Time is up: this answer arrived after the deadline. Your attempt was graded with the answers saved before it.");
}

/** The type of one question in the learner's own attempt (to read its answer from a form); NotFound otherwise. */
export function questionTypeAt(
  db: Db,
  userId: string,
  attemptId: string,
  position: number,
): { type: DrawnQuestion["type"]; count: number; submitted: boolean } {
  const attempt = ownAttempt(db, userId, attemptId);
  const questions = questionsOf(db, attemptId);
  const question = Number.isInteger(position) ? questions[position] : undefined;
  if (!question) throw new NotFound("No such question in this attempt");
  return { type: question.type, count: questions.length, submitted: attempt.submittedAt !== null };
}

/** Removes a saved answer (the learner cleared it). Same rules as saving. */
export function clearAnswer(db: Db, userId: string, attemptId: string, position: number, now = Date.now()): void {
  const attempt = ownAttempt(db, userId, attemptId);
  if (attempt.submittedAt !== null || isExpired(attempt, now)) throw new Conflict("This attempt can no longer change.");
  writeWhileOpen(db, attemptId, now, (tx) =>
    tx
      .delete(quizAnswers)
      .where(and(eq(quizAnswers.attemptId, attemptId), eq(quizAnswers.position, position)))
      .run(),
  );
}

/**
 * Submits and grades an attempt. Idempotent: double clicks and parallel submits produce one
 * graded result, and every caller gets it back.
 */
export function submitAttempt(db: Db, userId: string, attemptId: string, now = Date.now()): { percent: number; passed: boolean } {
  const attempt = ownAttempt(db, userId, attemptId);
  if (attempt.submittedAt === null) db.transaction((tx) => void gradeAndClose(tx, attempt, now), { behavior: "immediate" });
  const graded = ownAttempt(db, userId, attemptId);
  return { percent: percentOf(graded) ?? 0, passed: !!graded.passed };
}
