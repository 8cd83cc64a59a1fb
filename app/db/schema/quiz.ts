import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";
import { users } from "./users";

/**
 * One attempt at a module quiz or the final exam. `questions` is a frozen snapshot of what was
 * drawn — prompts, options in this attempt's order, and the key — so editing a bank later changes
 * neither a running nor a finished attempt. The snapshot never leaves the server as such.
 */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    /** `module:<slug>` or `exam`. */
    quizKey: text("quiz_key").notNull(),
    /** SHA-256 of the bank file(s) the questions came from. */
    bankHash: text("bank_hash").notNull(),
    seed: text("seed").notNull(),
    questions: text("questions", { mode: "json" }).notNull(),
    passMark: real("pass_mark").notNull(),
    startedAt: integer("started_at").notNull(),
    deadlineAt: integer("deadline_at").notNull(),
    submittedAt: integer("submitted_at"),
    score: real("score"),
    maxScore: real("max_score"),
    passed: integer("passed", { mode: "boolean" }),
  },
  (t) => [
    index("quiz_attempts_user_idx").on(t.userId, t.courseSlug, t.quizKey),
    index("quiz_attempts_quiz_idx").on(t.courseSlug, t.quizKey, t.submittedAt),
    // At most one open attempt per learner and quiz, whatever races.
    uniqueIndex("quiz_attempts_one_open")
      .on(t.userId, t.courseSlug, t.quizKey)
      .where(sql`submitted_at is null`),
  ],
);

/** The learner's saved response to one drawn question (by its position in the attempt). */
export const quizAnswers = sqliteTable(
  "quiz_answers",
  {
    attemptId: text("attempt_id")
      .notNull()
      .references(() => quizAttempts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    response: text("response", { mode: "json" }).notNull(),
    savedAt: integer("saved_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
);

/** Per-question results written when an attempt is graded; the basis of item statistics. */
export const quizItemResults = sqliteTable(
  "quiz_item_results",
  {
    attemptId: text("attempt_id")
      .notNull()
      .references(() => quizAttempts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** `<module-slug>/<question-id>`: stable across bank edits. */
    questionRef: text("question_ref").notNull(),
    score: real("score").notNull(),
    /** The bank option ids chosen (choice questions), for option frequencies. */
    chosen: text("chosen", { mode: "json" }).$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] }), index("quiz_item_results_ref_idx").on(t.questionRef)],
);

/**
 * One extra attempt at a quiz, granted by someone who may grade the learner after they used up
 * the attempts the quiz allows without passing. Each row adds one to the learner's limit.
 */
export const quizAttemptGrants = sqliteTable(
  "quiz_attempt_grants",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    quizKey: text("quiz_key").notNull(),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    /** How many attempts the learner had used when it was granted: one grant per exhaustion. */
    afterAttempts: integer("after_attempts").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("quiz_attempt_grants_once").on(t.userId, t.courseSlug, t.quizKey, t.afterAttempts)],
);

export type QuizAttempt = typeof quizAttempts.$inferSelect;
