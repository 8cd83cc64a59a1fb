import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";
import { photoColumns } from "./columns";
import { users } from "./users";

export const SUBMISSION_STATUSES = ["submitted", "in_review", "revise", "passed", "failed"] as const;
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
  },
  (t) => [index("submission_pins_submission_idx").on(t.submissionId)],
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
export type SubmissionPhoto = typeof submissionPhotos.$inferSelect;
export type StagedPhoto = typeof stagedPhotos.$inferSelect;
