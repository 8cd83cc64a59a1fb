import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { healedReviews, stagedPhotos, supervisedCasePhotos, supervisedCases, users, type StagedPhoto, type SupervisedCase } from "~/db/schema";
import { learnerGraders, loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Catalogue, Course } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { listStaged, unstage } from "~/modules/photos/staging.server";
import { logbookSlotSlug, type PhotoSlot } from "~/modules/photos/slots";
import { removeStoredPhotos, storedPhotoOf } from "~/modules/photos/stored.server";
import { isEnrolled } from "~/modules/progress/progress.server";
import type { Storage } from "~/modules/storage/storage.server";
import { AREA_TEXT, MAX_CASE_PHOTOS, ordinal, type CaseFieldValues } from "./case-fields";
import { caseFieldsSchema, type CaseFields, type CaseInput } from "./case-schema";
import { healedWindow } from "./healed-review-schema";
import { countersignedCases, countersignedHealedReviews } from "./issue.server";
import { caseRefs, linkReviewers, linkSummary, namesSupervisorByEmail, resolveSupervision } from "./supervision.server";

// The learner's logbook: which courses keep one, logging, changing, deleting and reading cases.
// Countersigning is in countersigning.server.ts, a case's photos in case-photos.server.ts.

/**
 * The staging slot of the logbook's photos: one for the case being logged, one per returned
 * case being edited (so photos chosen for one never slip into the other).
 */
export function caseSlot(caseId?: string): PhotoSlot {
  return { slug: logbookSlotSlug(caseId), photos: { max: MAX_CASE_PHOTOS } };
}

/** Whether a course keeps a logbook: its certificate (or its renewal) asks for supervised cases. */
export function keepsLogbook(course: Course): boolean {
  const rules = course.certification;
  return !!rules && (rules.supervisedCases > 0 || (rules.renewal?.casesSinceIssue ?? 0) > 0);
}

/** The courses a learner is enrolled in that keep a logbook. */
export function logbookCourses(db: DbOrTx, catalogue: Catalogue, learnerId: string): Course[] {
  return catalogue.courses.filter((c) => keepsLogbook(c) && isEnrolled(db, learnerId, c.slug));
}

/** NotFound unless the course keeps a logbook and the learner is enrolled in it. */
export function requireLogbook(db: DbOrTx, learnerId: string, course: Course) {
  if (!keepsLogbook(course) || !isEnrolled(db, learnerId, course.slug)) throw new NotFound("No logbook for this course");
}

/**
 * The instructors a learner may name as supervisor: those of their cohorts, by name — none for a
 * learner who names supervisors by email (`ownSupervisors` lists those).
 */
export function supervisorChoices(db: DbOrTx, learnerId: string): { id: string; name: string }[] {
  if (namesSupervisorByEmail(db, learnerId)) return [];
  const ids = loadLearnerRef(db, learnerId).instructorIds;
  if (!ids.length) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]))
    .orderBy(asc(users.name))
    .all();
}

/** Checks the fields again on the server (the form's check can be skipped); Invalid names the first wrong field. */
function checkFields(input: CaseInput, now: number): CaseFields {
  const parsed = caseFieldsSchema(now).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Invalid(issue.message, issue.path[0] === undefined ? undefined : String(issue.path[0]));
}

/**
 * Who hears of a case waiting: the supervisor it names by email (once they accepted: their
 * invitation told them before), else the named instructor, else every instructor of the
 * learner's cohorts, else the platform admins.
 */
export function caseReviewers(tx: DbOrTx, row: Pick<SupervisedCase, "learnerId" | "supervisorId" | "supervisorLinkId">): string[] {
  if (row.supervisorLinkId) return linkReviewers(tx, row.supervisorLinkId);
  return row.supervisorId ? [row.supervisorId] : learnerGraders(tx, row.learnerId);
}

/** The staged photos become the case's, numbered from `from`, and leave staging (in the caller's transaction). */
export function attachStaged(tx: DbOrTx, caseId: string, staged: StagedPhoto[], from: number, stage: "session" | "healed" = "session") {
  if (!staged.length) return;
  tx.insert(supervisedCasePhotos)
    .values(staged.map((s, i) => ({ caseId, position: from + i, stage, ...storedPhotoOf(s) })))
    .run();
  unstage(tx, staged);
}

function caseFieldValues(fields: CaseFields, supervision: Pick<CaseFieldValues, "supervisorId" | "supervisorLinkId">): CaseFieldValues {
  return {
    performedOn: fields.performedOn,
    sessionNumber: fields.sessionNumber,
    area: fields.area,
    hairLossScale: fields.hairLossScale,
    hairLossStage: fields.hairLossStage,
    fitzpatrick: fields.fitzpatrick,
    needle: fields.needle,
    pigment: fields.pigment,
    dilution: fields.dilution,
    durationMinutes: fields.durationMinutes,
    notes: fields.notes,
    ...supervision,
  };
}

/**
 * Tells whoever may countersign a case (its named supervisor, else the learner's instructors)
 * that the case — or, with `healed`, its healed-result review — was logged or resubmitted.
 */
export function tellReviewers(tx: DbOrTx, row: SupervisedCase, resubmitted: boolean, now: number, healed = false) {
  const learner = tx.select({ name: users.name }).from(users).where(eq(users.id, row.learnerId)).get();
  const session = `the ${ordinal(row.sessionNumber)} session (${AREA_TEXT[row.area].toLowerCase()}) on ${row.performedOn}`;
  const what = healed ? `the healed result of ${session}` : session;
  const thing = healed ? "healed-result review" : "supervised case";
  notify(
    tx,
    caseReviewers(tx, row),
    {
      kind: `${healed ? "healed-review" : "case"}-${resubmitted ? "resubmitted" : "logged"}`,
      title: resubmitted ? `A ${thing} was changed and resubmitted` : `A ${thing} to countersign`,
      body: `${learner?.name ?? "A learner"} ${resubmitted ? "resubmitted" : "logged"} ${what}${row.supervisorId || row.supervisorLinkId ? " and named you as supervisor" : ""}. Countersign it or return it with a comment.`,
      link: healed ? `/logbook/${row.id}#healed` : `/logbook/${row.id}`,
    },
    now,
  );
}

/** The learner's own case, while returned to them; NotFound for anyone else's, Conflict unless returned. */
export function ownReturnedCase(db: DbOrTx, learnerId: string, caseId: string): SupervisedCase {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!row || row.learnerId !== learnerId) throw new NotFound("No such case");
  if (row.status !== "returned")
    throw new Conflict(
      row.status === "countersigned"
        ? "This case is countersigned and can no longer change."
        : "This case is waiting for your supervisor and cannot change now.",
    );
  return row;
}

/**
 * Logs a supervised case for a learner enrolled in a course that keeps a logbook: checks every
 * field (Invalid with the field), the named supervisor (an instructor of the learner's cohorts),
 * consent and the photos, then stores the case with the staged photos and tells the
 * supervisor — or all the learner's instructors. Returns the case id.
 */
export function logCase(db: Db, learnerId: string, course: Course, input: CaseInput, now = Date.now()): string {
  requireLogbook(db, learnerId, course);
  const fields = checkFields(input, now);
  return db.transaction(
    (tx) => {
      const supervision = resolveSupervision(tx, learnerId, fields, now);
      const staged = listStaged(tx, learnerId, course, caseSlot());
      if (staged.length > MAX_CASE_PHOTOS)
        throw new Invalid(`A case takes at most ${MAX_CASE_PHOTOS} photos: remove ${staged.length - MAX_CASE_PHOTOS}.`, "photos");
      const row = tx
        .insert(supervisedCases)
        .values({ learnerId, courseSlug: course.slug, ...caseFieldValues(fields, supervision), consentConfirmedAt: now, createdAt: now, updatedAt: now })
        .returning()
        .get();
      attachStaged(tx, row.id, staged, 0);
      tellReviewers(tx, row, false, now);
      return row.id;
    },
    { behavior: "immediate" },
  );
}

/**
 * Changes and resubmits the learner's own returned case: the same checks as logging it, plus
 * the photos staged for it (added after those it keeps). NotFound for anyone else's case;
 * Conflict unless it is returned.
 */
export function resubmitCase(db: Db, catalogue: Catalogue, learnerId: string, caseId: string, input: CaseInput, now = Date.now()): void {
  const current = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!current || current.learnerId !== learnerId) throw new NotFound("No such case");
  const course = catalogue.bySlug.get(current.courseSlug);
  if (!course) throw new NotFound("This course is no longer offered");
  const fields = checkFields(input, now);
  db.transaction(
    (tx) => {
      ownReturnedCase(tx, learnerId, caseId);
      const supervision = resolveSupervision(tx, learnerId, fields, now);
      const kept = tx
        .select({ position: supervisedCasePhotos.position })
        .from(supervisedCasePhotos)
        .where(and(eq(supervisedCasePhotos.caseId, caseId), eq(supervisedCasePhotos.stage, "session")))
        .all();
      const staged = listStaged(tx, learnerId, course, caseSlot(caseId));
      if (kept.length + staged.length > MAX_CASE_PHOTOS)
        throw new Invalid(`A case takes at most ${MAX_CASE_PHOTOS} photos: remove ${kept.length + staged.length - MAX_CASE_PHOTOS}.`, "photos");
      const row = tx
        .update(supervisedCases)
        .set({ ...caseFieldValues(fields, supervision), status: "submitted", consentConfirmedAt: now, updatedAt: now })
        .where(and(eq(supervisedCases.id, caseId), eq(supervisedCases.status, "returned")))
        .returning()
        .get()!;
      attachStaged(tx, caseId, staged, Math.max(-1, ...kept.map((p) => p.position)) + 1);
      tellReviewers(tx, row, true, now);
    },
    { behavior: "immediate" },
  );
}

/**
 * Deletes the learner's own case — logged by mistake, or a duplicate — with its photos (and any
 * staged for its edit). A countersigned case is part of the record and cannot be deleted:
 * Conflict. NotFound for anyone else's.
 */
export async function deleteCase(db: Db, storage: Storage, learnerId: string, caseId: string): Promise<void> {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!row || row.learnerId !== learnerId) throw new NotFound("No such case");
  if (row.status === "countersigned") throw new Conflict("A countersigned case is part of your record and cannot be deleted.");
  const files = db
    .select({ storageKey: supervisedCasePhotos.storageKey, thumbKey: supervisedCasePhotos.thumbKey })
    .from(supervisedCasePhotos)
    .where(eq(supervisedCasePhotos.caseId, caseId))
    .all();
  const staged = db
    .select({ id: stagedPhotos.id, storageKey: stagedPhotos.storageKey, thumbKey: stagedPhotos.thumbKey })
    .from(stagedPhotos)
    .where(and(eq(stagedPhotos.userId, learnerId), eq(stagedPhotos.practicalSlug, caseSlot(caseId).slug)))
    .all();
  db.transaction(
    (tx) => {
      const gone = tx
        .delete(supervisedCases)
        .where(and(eq(supervisedCases.id, caseId), ne(supervisedCases.status, "countersigned")))
        .run();
      if (gone.changes !== 1) throw new Conflict("A countersigned case is part of your record and cannot be deleted.");
      unstage(tx, staged);
    },
    { behavior: "immediate" },
  );
  await removeStoredPhotos(storage, [...files, ...staged]);
}

/**
 * The learner's own cases in a course, newest session first, each with the state of its
 * healed-result review, and the counts that certification reads.
 */
export function ownLogbook(db: Db, learnerId: string, course: Course) {
  requireLogbook(db, learnerId, course);
  const cases = db
    .select({
      id: supervisedCases.id,
      performedOn: supervisedCases.performedOn,
      sessionNumber: supervisedCases.sessionNumber,
      area: supervisedCases.area,
      hairLossScale: supervisedCases.hairLossScale,
      hairLossStage: supervisedCases.hairLossStage,
      status: supervisedCases.status,
      healedStatus: healedReviews.status,
      photos: sql<number>`count(${supervisedCasePhotos.id})`,
    })
    .from(supervisedCases)
    .leftJoin(supervisedCasePhotos, eq(supervisedCasePhotos.caseId, supervisedCases.id))
    .leftJoin(healedReviews, eq(healedReviews.caseId, supervisedCases.id))
    .where(and(eq(supervisedCases.learnerId, learnerId), eq(supervisedCases.courseSlug, course.slug)))
    .groupBy(supervisedCases.id)
    .orderBy(desc(supervisedCases.performedOn), desc(supervisedCases.createdAt))
    .all();
  return {
    // Each case with the 4-to-6-week window of its healed-result review.
    cases: cases.map((c) => ({ ...c, healedWindow: healedWindow(c.performedOn) })),
    countersigned: countersignedCases(db, learnerId, course.slug),
    required: course.certification?.supervisedCases ?? 0,
    healedCountersigned: countersignedHealedReviews(db, learnerId, course.slug),
    healedRequired: course.certification?.healedReviews ?? 0,
  };
}

/**
 * A case with its photos for whoever may see the learner's records (the learner, their
 * instructors, their clinic's admins, platform admins) or the supervisor it names by email;
 * NotFound for anyone else. Says whether the actor may edit it (its learner, once returned) or
 * countersign it (its supervisor — see can.countersignCase — while it waits).
 */
export function caseDetail(db: Db, actor: Actor, caseId: string) {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!row) throw new NotFound("No such case");
  const { learner, link } = caseRefs(db, row);
  if (!can.viewCase(actor, learner, link)) throw new NotFound("No such case");
  const photos = db
    .select({ id: supervisedCasePhotos.id, width: supervisedCasePhotos.width, height: supervisedCasePhotos.height, position: supervisedCasePhotos.position })
    .from(supervisedCasePhotos)
    .where(and(eq(supervisedCasePhotos.caseId, caseId), eq(supervisedCasePhotos.stage, "session")))
    .orderBy(asc(supervisedCasePhotos.position))
    .all();
  const ids = [row.learnerId, row.supervisorId, row.reviewedBy].filter((x): x is string => !!x);
  const names = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, ids))
      .all()
      .map((u) => [u.id, u.name]),
  );
  return {
    case: row,
    photos,
    learnerName: names.get(row.learnerId) ?? "",
    supervisorName: row.supervisorId ? (names.get(row.supervisorId) ?? null) : null,
    /** The supervisor the case names by email, and whether they accepted the learner's invitation yet. */
    namedSupervisor: linkSummary(db, row.supervisorLinkId),
    reviewerName: row.reviewedBy ? (names.get(row.reviewedBy) ?? null) : null,
    own: can.actAsLearner(actor, row.learnerId),
    /** The actor is the supervisor the case names by email. */
    supervising: can.superviseCase(actor, row.learnerId, link),
    canEdit: can.actAsLearner(actor, row.learnerId) && row.status === "returned",
    canReview: row.status === "submitted" && can.countersignCase(actor, learner, row.supervisorId, link),
  };
}
