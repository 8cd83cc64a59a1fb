import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";
import { photoColumns } from "./columns";
import { users } from "./users";

/**
 * submitted → in_review (first marker) → [second_marking (blind) → moderation (when the two
 * differ)] → revise | passed | failed. Only the last three are final: the learner sees a verdict.
 */
export const SUBMISSION_STATUSES = ["submitted", "in_review", "second_marking", "moderation", "revise", "passed", "failed"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const VERDICTS = ["pass", "revise", "fail"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A processed photo (re-encoded, metadata stripped) waiting to become part of a submission. */
export const stagedPhotos = sqliteTable(
  "staged_photos",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    practicalSlug: text("practical_slug").notNull(),
    ...photoColumns(),
    originalName: text("original_name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("staged_photos_owner_idx").on(t.userId, t.courseSlug, t.practicalSlug)],
);

/** One version of a learner's work on a practical. A "revise" verdict invites the next version. */
export const submissions = sqliteTable(
  "submissions",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    learnerId: text("learner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    practicalSlug: text("practical_slug").notNull(),
    version: integer("version").notNull(),
    note: text("note").notNull(),
    consentConfirmedAt: integer("consent_confirmed_at").notNull(),
    /** SHA-256 of the brief (and its rubric) the work was graded against. */
    briefHash: text("brief_hash").notNull(),
    status: text("status", { enum: SUBMISSION_STATUSES }).notNull().default("submitted"),
    createdAt: integer("created_at").notNull(),
    claimedBy: text("claimed_by").references(() => users.id, { onDelete: "set null" }),
    claimExpiresAt: integer("claim_expires_at"),
    gradedBy: text("graded_by").references(() => users.id, { onDelete: "set null" }),
    gradedAt: integer("graded_at"),
    verdict: text("verdict", { enum: VERDICTS }),
    feedback: text("feedback"),
    points: real("points"),
    maxPoints: real("max_points"),
    /** The learner agreed, when submitting, that the work may be used (without their name) to standardise assessors. */
    benchmarkConsentAt: integer("benchmark_consent_at"),
    /** The second-marking rate (%) in force when the first grade was saved, and whether this submission was drawn. */
    secondMarkingRate: integer("second_marking_rate"),
    secondMarked: integer("second_marked", { mode: "boolean" }),
  },
  (t) => [
    uniqueIndex("submissions_version_unique").on(t.learnerId, t.courseSlug, t.practicalSlug, t.version),
    index("submissions_queue_idx").on(t.status, t.createdAt),
    // An instructor's queue looks up their learners' work by status. Without it SQLite (which
    // has no statistics) prefers submissions_queue_idx and reads every clinic's work in that status.
    index("submissions_learner_status_idx").on(t.learnerId, t.status),
  ],
);

export const submissionPhotos = sqliteTable(
  "submission_photos",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    ...photoColumns(),
  },
  (t) => [index("submission_photos_submission_idx").on(t.submissionId)],
);

export const submissionScores = sqliteTable(
  "submission_scores",
  {
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id").notNull(),
    levelIndex: integer("level_index").notNull(),
    points: real("points").notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.criterionId] })],
);

/** A numbered comment pinned to a point of a photo (x, y as fractions of its width and height). */
export const submissionPins = sqliteTable(
  "submission_pins",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    photoId: text("photo_id")
      .notNull()
      .references(() => submissionPhotos.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    x: real("x").notNull(),
    y: real("y").notNull(),
    comment: text("comment").notNull(),
    criterionId: text("criterion_id"),
    /** The grade (and so the marker) the pin belongs to. */
    gradeId: text("grade_id").references(() => grades.id, { onDelete: "cascade" }),
  },
  (t) => [index("submission_pins_submission_idx").on(t.submissionId)],
);

export const GRADE_KINDS = ["first", "second", "moderation"] as const;
export type GradeKind = (typeof GRADE_KINDS)[number];

/**
 * One marker's grade of a submission: the first marker's, a blind second marker's, and a lead
 * instructor's moderation when the two differ. The submission's own verdict, scores and feedback
 * are the final grade, copied there when marking ends.
 */
export const grades = sqliteTable(
  "grades",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    markerId: text("marker_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: GRADE_KINDS }).notNull(),
    verdict: text("verdict", { enum: VERDICTS }).notNull(),
    /** The level chosen per criterion, by index into its levels. */
    scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull(),
    points: real("points").notNull(),
    maxPoints: real("max_points").notNull(),
    feedback: text("feedback").notNull(),
    /** Why the moderator decided as they did (moderation only). */
    reason: text("reason"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("grades_submission_kind_unique").on(t.submissionId, t.kind), index("grades_marker_idx").on(t.markerId)],
);

/**
 * The share (0–100 %) of a practical's graded work that a second marker grades blind, set by a
 * clinic (scope = its organisation id) or by the platform for independent learners (scope = "platform").
 */
export const secondMarkingRates = sqliteTable(
  "second_marking_rates",
  {
    scope: text("scope").notNull(),
    courseSlug: text("course_slug").notNull(),
    practicalSlug: text("practical_slug").notNull(),
    rate: integer("rate").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.courseSlug, t.practicalSlug] })],
);

/** A graded submission a lead instructor chose, with agreed scores, to standardise assessors on. */
export const benchmarks = sqliteTable(
  "benchmarks",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    /** The clinic whose instructors use it; null for the platform's own. */
    organisationId: text("organisation_id"),
    courseSlug: text("course_slug").notNull(),
    practicalSlug: text("practical_slug").notNull(),
    scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull(),
    verdict: text("verdict", { enum: VERDICTS }).notNull(),
    note: text("note").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    retiredAt: integer("retired_at"),
  },
  (t) => [index("benchmarks_practical_idx").on(t.courseSlug, t.practicalSlug), uniqueIndex("benchmarks_submission_unique").on(t.submissionId)],
);

/** An instructor's standardisation exercise on a practical: every benchmark graded, then compared. */
export const standardisationRuns = sqliteTable(
  "standardisation_runs",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id"),
    courseSlug: text("course_slug").notNull(),
    practicalSlug: text("practical_slug").notNull(),
    startedAt: integer("started_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [index("standardisation_runs_instructor_idx").on(t.instructorId, t.practicalSlug)],
);

export const standardisationScores = sqliteTable(
  "standardisation_scores",
  {
    runId: text("run_id")
      .notNull()
      .references(() => standardisationRuns.id, { onDelete: "cascade" }),
    benchmarkId: text("benchmark_id")
      .notNull()
      .references(() => benchmarks.id, { onDelete: "cascade" }),
    scores: text("scores", { mode: "json" }).$type<Record<string, number>>().notNull(),
    verdict: text("verdict", { enum: VERDICTS }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.benchmarkId] })],
);

/** An instructor's unsaved grading (scores, pins, feedback), autosaved while they work. */
export const reviewDrafts = sqliteTable(
  "review_drafts",
  {
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    data: text("data", { mode: "json" }).notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.reviewerId] })],
);

export type Submission = typeof submissions.$inferSelect;
export type Grade = typeof grades.$inferSelect;
export type Benchmark = typeof benchmarks.$inferSelect;
export type SubmissionPhoto = typeof submissionPhotos.$inferSelect;
export type StagedPhoto = typeof stagedPhotos.$inferSelect;
