import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { GRADE_KINDS, grades, submissionPhotos, submissionPins, submissions, submissionScores, users, type Submission } from "~/db/schema";
import { learnerGraders, loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Course, PracticalMeta } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { listStaged, unstage } from "~/modules/photos/staging.server";
import { storedPhotoFile, storedPhotoOf } from "~/modules/photos/stored.server";
import { isEnrolled } from "~/modules/progress/progress.server";
import type { Storage } from "~/modules/storage/storage.server";
import { isFinal } from "./marking";
import { benchmarkPhotoAllowed } from "./standardisation.server";

const ASSESSOR_ROLE = { first: "First assessor", second: "Second assessor", moderation: "Lead assessor (moderation)" } as const;

export const SUBMISSION_STATUS_TEXT = {
  "not-started": "Not started",
  submitted: "Submitted",
  in_review: "In review",
  second_marking: "Second check",
  moderation: "Second check",
  revise: "Revise",
  passed: "Passed",
  failed: "Not passed",
} as const;

/** The practical of a course; NotFound for an unknown slug. */
export function findPractical(course: Course, slug: string): PracticalMeta {
  const practical = course.practicals.find((p) => p.slug === slug);
  if (!practical) throw new NotFound("No such practical");
  return practical;
}

function requireEnrolled(db: Db, userId: string, course: Course) {
  if (!isEnrolled(db, userId, course.slug)) throw new NotFound("Not enrolled");
}

function versions(db: DbOrTx, learnerId: string, courseSlug: string, practicalSlug: string): Submission[] {
  return db
    .select()
    .from(submissions)
    .where(and(eq(submissions.learnerId, learnerId), eq(submissions.courseSlug, courseSlug), eq(submissions.practicalSlug, practicalSlug)))
    .orderBy(desc(submissions.version))
    .all();
}

const briefHash = (p: PracticalMeta) => createHash("sha256").update(p.hash).digest("hex");

/**
 * Turns the staged photos, note and consent into a new version of the learner's submission
 * and tells their instructors. Invalid for missing consent or a photo count outside the brief's
 * range; Conflict while an earlier version is waiting or after a pass.
 */
export function submitPractical(
  db: Db,
  userId: string,
  course: Course,
  practical: PracticalMeta,
  input: { note: string; consent: boolean },
  now = Date.now(),
): string {
  requireEnrolled(db, userId, course);
  if (!input.consent) throw new Invalid("Confirm that anyone shown in the photos agreed to it.", "consent");
  return db.transaction(
    (tx) => {
      const staged = listStaged(tx, userId, course, practical);
      const { min, max } = practical.photos;
      if (staged.length < min || staged.length > max) {
        throw new Invalid(min === max ? `Add exactly ${min} photos.` : `Add between ${min} and ${max} photos (you have ${staged.length}).`, "photos");
      }
      const latest = versions(tx, userId, course.slug, practical.slug)[0];
      if (latest && !["revise", "failed"].includes(latest.status)) {
        throw new Conflict(latest.status === "passed" ? "This practical is already passed." : "Your last version is still waiting for review.");
      }
      const submission = tx
        .insert(submissions)
        .values({
          learnerId: userId,
          courseSlug: course.slug,
          practicalSlug: practical.slug,
          version: (latest?.version ?? 0) + 1,
          note: input.note.trim(),
          consentConfirmedAt: now,
          // The one consent box also agrees to use as an anonymous benchmark (its wording says so).
          benchmarkConsentAt: now,
          briefHash: briefHash(practical),
          createdAt: now,
        })
        .returning()
        .get();
      tx.insert(submissionPhotos)
        .values(staged.map((s, position) => ({ submissionId: submission.id, position, ...storedPhotoOf(s) })))
        .run();
      unstage(tx, staged);
      const learner = tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get();
      const reviewers = learnerGraders(tx, userId);
      notify(
        tx,
        reviewers,
        {
          kind: "submission-received",
          title: `New practical work to review: ${practical.title}`,
          body: `${learner?.name ?? "A learner"} submitted version ${submission.version} of "${practical.title}".`,
          link: `/review/${submission.id}`,
        },
        now,
      );
      return submission.id;
    },
    { behavior: "immediate" },
  );
}

/** Each practical of a course with the learner's latest status. */
export function practicalsOverview(db: Db, userId: string, course: Course) {
  const rows = db
    .select({ practicalSlug: submissions.practicalSlug, status: submissions.status, version: submissions.version, id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.learnerId, userId), eq(submissions.courseSlug, course.slug)))
    .orderBy(desc(submissions.version))
    .all();
  return course.practicals.map((p) => {
    const latest = rows.find((r) => r.practicalSlug === p.slug);
    return {
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      status: (latest?.status ?? "not-started") as keyof typeof SUBMISSION_STATUS_TEXT,
      versions: rows.filter((r) => r.practicalSlug === p.slug).length,
      latestId: latest?.id ?? null,
    };
  });
}

/** Every version of the learner's work on one practical, newest first, for their own page. */
export function ownVersions(db: Db, userId: string, course: Course, practical: PracticalMeta) {
  return versions(db, userId, course.slug, practical.slug).map((s) => ({
    id: s.id,
    version: s.version,
    status: s.status,
    createdAt: s.createdAt,
    verdict: s.verdict,
  }));
}

/**
 * A submission with all versions of the same practical — photos, scores, pins, feedback —
 * for its learner, their instructors, their clinic's admins and platform admins. NotFound for
 * anyone else.
 */
export function submissionDetail(db: Db, actor: Actor, submissionId: string) {
  const submission = db.select().from(submissions).where(eq(submissions.id, submissionId)).get();
  if (!submission || !can.viewLearner(actor, loadLearnerRef(db, submission.learnerId))) throw new NotFound("No such submission");
  const all = versions(db, submission.learnerId, submission.courseSlug, submission.practicalSlug);
  const ids = all.map((s) => s.id);
  const photos = db.select().from(submissionPhotos).where(inArray(submissionPhotos.submissionId, ids)).orderBy(asc(submissionPhotos.position)).all();
  const scores = db.select().from(submissionScores).where(inArray(submissionScores.submissionId, ids)).all();
  // Only a finished grade shows: while a second marker or a moderator is at work, nobody sees
  // the markers' scores, pins or feedback here (the marking page shows a marker their own).
  const finished = all.filter((s) => isFinal(s.status)).map((s) => s.id);
  const markerGrades = finished.length
    ? db
        .select({ id: grades.id, submissionId: grades.submissionId, kind: grades.kind, feedback: grades.feedback, markerName: users.name })
        .from(grades)
        .leftJoin(users, eq(users.id, grades.markerId))
        .where(inArray(grades.submissionId, finished))
        .all()
        .sort((a, b) => GRADE_KINDS.indexOf(a.kind) - GRADE_KINDS.indexOf(b.kind))
    : [];
  const gradeOrder = (gradeId: string | null) => (gradeId ? markerGrades.findIndex((g) => g.id === gradeId) : -1);
  const pins = finished.length
    ? db
        .select()
        .from(submissionPins)
        .where(inArray(submissionPins.submissionId, finished))
        .all()
        .sort((a, b) => gradeOrder(a.gradeId) - gradeOrder(b.gradeId) || a.number - b.number)
    : [];
  const learner = db.select({ name: users.name }).from(users).where(eq(users.id, submission.learnerId)).get();
  return {
    submission,
    learnerName: learner?.name ?? "",
    versions: all.map((s) => ({
      ...s,
      photos: photos.filter((p) => p.submissionId === s.id).map((p) => ({ id: p.id, width: p.width, height: p.height, position: p.position })),
      scores: Object.fromEntries(scores.filter((x) => x.submissionId === s.id).map((x) => [x.criterionId, x.levelIndex])),
      // Numbered in one run across the markers (first marker's pins first).
      pins: pins
        .filter((p) => p.submissionId === s.id)
        .map((p, i) => ({ id: p.id, photoId: p.photoId, number: i + 1, x: p.x, y: p.y, comment: p.comment, criterionId: p.criterionId })),
      /** Each marker's feedback when more than one graded it (first, second, moderator). */
      assessors:
        markerGrades.filter((g) => g.submissionId === s.id).length > 1
          ? markerGrades
              .filter((g) => g.submissionId === s.id)
              .map((g) => ({ role: ASSESSOR_ROLE[g.kind], name: g.markerName || "A former instructor", feedback: g.feedback }))
          : [],
    })),
  };
}

/** A stored photo for someone allowed to see its submission (NotFound otherwise). */
export async function photoFile(db: Db, storage: Storage, actor: Actor, photoId: string, size: "full" | "thumb") {
  return storedPhotoFile(storage, visibleSubmissionPhoto(db, actor, photoId), size);
}

/**
 * A submission photo the actor may see (its learner, those who may grade or view the learner,
 * or an instructor standardising on it as a benchmark); NotFound for anyone else.
 */
export function visibleSubmissionPhoto(db: Db, actor: Actor, photoId: string) {
  const row = db
    .select({ photo: submissionPhotos, learnerId: submissions.learnerId })
    .from(submissionPhotos)
    .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
    .where(eq(submissionPhotos.id, photoId))
    .get();
  if (!row) throw new NotFound("No such photo");
  // A benchmark's photos are for the instructors who standardise on it (no name attached).
  if (!can.viewLearner(actor, loadLearnerRef(db, row.learnerId)) && !benchmarkPhotoAllowed(db, actor, row.photo.submissionId))
    throw new NotFound("No such photo");
  return row.photo;
}
