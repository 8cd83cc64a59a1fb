import { caseRefs } from "./supervision.server";
import fs from "node:fs";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { healedReviews, supervisedCasePhotos, supervisedCases, users, type HealedReview, type SupervisedCase } from "~/db/schema";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Catalogue, Course } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { listStaged, stagePhoto } from "~/modules/photos/staging.server";
import { healedSlotSlug, type PhotoSlot } from "~/modules/photos/slots";
import { removeStoredPhotos } from "~/modules/photos/stored.server";
import type { Storage } from "~/modules/storage/storage.server";
import { AREA_TEXT, MAX_CASE_PHOTOS, NOTES_MAX, ordinal } from "./case-fields";
import { attachStaged, requireLogbook, tellReviewers } from "./cases.server";
import { healedReviewSchema, healedWindowOpen, type HealedReviewFields, type HealedReviewInput } from "./healed-review-schema";
import { settleCertification } from "./issue.server";

// The healed-result review of a supervised case: 4 to 6 weeks after the session the learner
// sees the client again, photographs the healed result and says what they judge of it. It is
// logged on a countersigned case, changed while returned, and countersigned by whoever may
// countersign the case (can.countersignCase, with the case's named supervisor).

/** Where the photos of a case's healed-result review wait until it is logged or resubmitted. */
export function healedSlot(caseId: string): PhotoSlot {
  return { slug: healedSlotSlug(caseId), photos: { max: MAX_CASE_PHOTOS } };
}

function courseOf(catalogue: Catalogue, row: SupervisedCase): Course {
  const course = catalogue.bySlug.get(row.courseSlug);
  if (!course) throw new NotFound("This course is no longer offered");
  return course;
}

function reviewOf(db: DbOrTx, caseId: string): HealedReview | undefined {
  return db.select().from(healedReviews).where(eq(healedReviews.caseId, caseId)).get();
}

function healedPhotoCount(db: DbOrTx, caseId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(supervisedCasePhotos)
      .where(and(eq(supervisedCasePhotos.caseId, caseId), eq(supervisedCasePhotos.stage, "healed")))
      .get()?.n ?? 0
  );
}

/**
 * The learner's own case, ready for its healed-result review to be logged (no review yet) or
 * changed (the review returned). NotFound for anyone else's case; Conflict when the case is not
 * countersigned, the window has not opened, or the review waits or is countersigned.
 */
function caseOpenForReview(db: DbOrTx, learnerId: string, caseId: string, now: number): { row: SupervisedCase; review: HealedReview | undefined } {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!row || row.learnerId !== learnerId) throw new NotFound("No such case");
  if (row.status !== "countersigned") throw new Conflict("Log the healed result once the case itself is countersigned.");
  const review = reviewOf(db, caseId);
  if (!review && !healedWindowOpen(row.performedOn, now))
    throw new Conflict("The healed result is judged 4 to 6 weeks after the session: this case's window has not opened yet.");
  if (review?.status === "submitted") throw new Conflict("This healed-result review is waiting for your supervisor and cannot change now.");
  if (review?.status === "countersigned") throw new Conflict("This healed-result review is countersigned and can no longer change.");
  return { row, review };
}

/** Checks the fields again on the server; Invalid names the first wrong field. */
function checkFields(performedOn: string, input: HealedReviewInput, now: number): HealedReviewFields {
  const parsed = healedReviewSchema(performedOn, now).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Invalid(issue.message, issue.path[0] === undefined ? undefined : String(issue.path[0]));
}

function fieldValues(f: HealedReviewFields) {
  return {
    reviewedOn: f.reviewedOn,
    healedColour: f.healedColour,
    retention: f.retention,
    spread: f.spread,
    reaction: f.reaction,
    nextStep: f.nextStep,
    notes: f.notes,
  };
}

/**
 * Stages one photo for the healed-result review of the learner's own countersigned case, through
 * the shared photo pipeline. The upload file is deleted whatever happens.
 */
export async function stageHealedPhoto(
  db: Db,
  storage: Storage,
  catalogue: Catalogue,
  learnerId: string,
  caseId: string,
  upload: { path: string; size: number; name: string },
  now = Date.now(),
) {
  let course: Course;
  try {
    const { row } = caseOpenForReview(db, learnerId, caseId, now);
    course = courseOf(catalogue, row);
    requireLogbook(db, learnerId, course);
    if (healedPhotoCount(db, caseId) + listStaged(db, learnerId, course, healedSlot(caseId)).length >= MAX_CASE_PHOTOS)
      throw new Invalid(`A healed-result review takes at most ${MAX_CASE_PHOTOS} photos.`, "photos");
  } catch (error) {
    await fs.promises.rm(upload.path, { force: true });
    throw error;
  }
  return stagePhoto(db, storage, learnerId, course, healedSlot(caseId), upload, now);
}

/** The photos staged for a case's healed-result review. */
export function stagedHealedPhotos(db: DbOrTx, learnerId: string, course: Course, caseId: string) {
  return listStaged(db, learnerId, course, healedSlot(caseId));
}

/**
 * Logs the healed-result review of the learner's own countersigned case, or resubmits a returned
 * one: checks every field (the day 4 to 6 weeks after the session; a reaction means a medical
 * referral), needs at least one photo of the healed result (those kept plus those staged), and
 * tells the case's countersigners. NotFound for anyone else's case; Conflict when it cannot be
 * logged now.
 */
export function saveHealedReview(db: Db, catalogue: Catalogue, learnerId: string, caseId: string, input: HealedReviewInput, now = Date.now()): void {
  const current = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!current || current.learnerId !== learnerId) throw new NotFound("No such case");
  const course = courseOf(catalogue, current);
  const fields = checkFields(current.performedOn, input, now);
  db.transaction(
    (tx) => {
      const { row, review } = caseOpenForReview(tx, learnerId, caseId, now);
      const kept = tx.select({ position: supervisedCasePhotos.position }).from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, caseId)).all();
      const keptHealed = healedPhotoCount(tx, caseId);
      const staged = listStaged(tx, learnerId, course, healedSlot(caseId));
      if (keptHealed + staged.length === 0) throw new Invalid("Add at least one photo of the healed result.", "photos");
      if (keptHealed + staged.length > MAX_CASE_PHOTOS)
        throw new Invalid(`A healed-result review takes at most ${MAX_CASE_PHOTOS} photos: remove ${keptHealed + staged.length - MAX_CASE_PHOTOS}.`, "photos");
      if (review) {
        tx.update(healedReviews)
          .set({ ...fieldValues(fields), status: "submitted", consentConfirmedAt: now, updatedAt: now })
          .where(and(eq(healedReviews.id, review.id), eq(healedReviews.status, "returned")))
          .run();
      } else {
        tx.insert(healedReviews)
          .values({ caseId, ...fieldValues(fields), consentConfirmedAt: now, createdAt: now, updatedAt: now })
          .run();
      }
      attachStaged(tx, caseId, staged, Math.max(-1, ...kept.map((p) => p.position)) + 1, "healed");
      tellReviewers(tx, row, !!review, now, true);
    },
    { behavior: "immediate" },
  );
}

/** Removes a photo from the learner's own returned healed-result review (NotFound for anyone else's; Conflict unless returned). */
export async function removeHealedPhoto(db: Db, storage: Storage, learnerId: string, photoId: string): Promise<void> {
  const photo = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.id, photoId)).get();
  if (!photo || photo.stage !== "healed") throw new NotFound("No such photo");
  const { review } = caseOpenForReview(db, learnerId, photo.caseId, Date.now());
  if (!review) throw new NotFound("No such photo");
  db.delete(supervisedCasePhotos).where(eq(supervisedCasePhotos.id, photoId)).run();
  await removeStoredPhotos(storage, [photo]);
}

/** The review of a case and who may act on it, for whoever may see the case (the caller has checked that). */
export function healedReviewDetail(db: DbOrTx, actor: Actor, row: SupervisedCase, now = Date.now()) {
  const review = reviewOf(db, row.id) ?? null;
  const reviewerName = review?.reviewedBy ? (db.select({ name: users.name }).from(users).where(eq(users.id, review.reviewedBy)).get()?.name ?? null) : null;
  const photos = db
    .select({ id: supervisedCasePhotos.id, position: supervisedCasePhotos.position })
    .from(supervisedCasePhotos)
    .where(and(eq(supervisedCasePhotos.caseId, row.id), eq(supervisedCasePhotos.stage, "healed")))
    .orderBy(asc(supervisedCasePhotos.position))
    .all();
  const own = can.actAsLearner(actor, row.learnerId);
  const { learner, link } = caseRefs(db, row);
  return {
    review,
    reviewerName,
    photos,
    /** The learner may log it now (none yet, case countersigned, window open) or change it (returned). */
    canWrite: own && row.status === "countersigned" && (review ? review.status === "returned" : healedWindowOpen(row.performedOn, now)),
    canReview: review?.status === "submitted" && can.countersignCase(actor, learner, row.supervisorId, link),
  };
}

/** The waiting review of a case the actor may countersign; NotFound or Conflict otherwise. */
function reviewable(db: DbOrTx, actor: Actor, caseId: string): { row: SupervisedCase; review: HealedReview } {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  const refs = row ? caseRefs(db, row) : null;
  const review = row ? reviewOf(db, caseId) : undefined;
  if (!row || !refs || !review || (!can.gradeLearner(actor, refs.learner) && !can.superviseCase(actor, row.learnerId, refs.link)))
    throw new NotFound("No such healed-result review");
  if (!can.countersignCase(actor, refs.learner, row.supervisorId, refs.link))
    throw new Conflict("This case names another supervisor: only they can countersign or return its healed result.");
  if (review.status !== "submitted")
    throw new Conflict(
      review.status === "countersigned"
        ? "This healed-result review is already countersigned."
        : "This healed-result review was returned to the learner; it can be countersigned once they resubmit it.",
    );
  return { row, review };
}

/**
 * Countersigns the waiting healed-result review of a case, in one immediate transaction with the
 * certificate it may complete and the learner's notice. Returns the certificate issued now, if any.
 */
export function countersignHealedReview(db: Db, catalogue: Catalogue, actor: Actor, caseId: string, now = Date.now()) {
  return db.transaction(
    (tx) => {
      const { row, review } = reviewable(tx, actor, caseId);
      const course = courseOf(catalogue, row);
      tx.update(healedReviews)
        .set({ status: "countersigned", countersignedAt: now, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
        .where(eq(healedReviews.id, review.id))
        .run();
      const certificate = settleCertification(tx, course, row.learnerId, now);
      notify(
        tx,
        [row.learnerId],
        {
          kind: "healed-review-countersigned",
          title: "Your healed-result review was countersigned",
          body: `The healed result of your ${ordinal(row.sessionNumber)} session (${AREA_TEXT[row.area].toLowerCase()}) on ${row.performedOn} is countersigned and counts towards ${course.title}.`,
          link: `/logbook/${caseId}#healed`,
        },
        now,
      );
      return { certificateId: certificate?.id ?? null };
    },
    { behavior: "immediate" },
  );
}

/** Returns the waiting healed-result review of a case to its learner with a comment saying what to change. */
export function returnHealedReview(db: Db, actor: Actor, caseId: string, comment: string, now = Date.now()): void {
  const text = comment.trim();
  if (!text) throw new Invalid("Say what the learner should change", "comment");
  if (text.length > NOTES_MAX) throw new Invalid(`Use at most ${NOTES_MAX} characters`, "comment");
  db.transaction(
    (tx) => {
      const { row, review } = reviewable(tx, actor, caseId);
      tx.update(healedReviews)
        .set({ status: "returned", returnComment: text, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
        .where(eq(healedReviews.id, review.id))
        .run();
      notify(
        tx,
        [row.learnerId],
        {
          kind: "healed-review-returned",
          title: "Your healed-result review was returned with a comment",
          body: `Your supervisor returned the healed result of the ${ordinal(row.sessionNumber)} session on ${row.performedOn}: "${text}". Change it and resubmit it.`,
          link: `/logbook/${caseId}#healed`,
        },
        now,
      );
    },
    { behavior: "immediate" },
  );
}
