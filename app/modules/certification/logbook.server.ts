import fs from "node:fs";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import {
  cohortInstructors,
  cohortLearners,
  cohorts,
  memberships,
  stagedPhotos,
  supervisedCasePhotos,
  supervisedCases,
  users,
  type StagedPhoto,
  type SupervisedCase,
} from "~/db/schema";
import { learnerGraders, loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { LOGBOOK_PHOTO_SLOT, type Catalogue, type Course } from "~/modules/content/load-content.server";
import { crashPoint } from "~/modules/crash-point.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { listStaged, stagePhoto, type PhotoSlot } from "~/modules/practicals/submissions.server";
import { isEnrolled } from "~/modules/progress/progress.server";
import type { Storage } from "~/modules/storage/storage.server";
import { AREA_TEXT, caseFieldsSchema, MAX_CASE_PHOTOS, NOTES_MAX, ordinal, type CaseFields, type CaseInput } from "./case-schema";
import { countersignedCases, settleCertification } from "./issue.server";
import { firstById, taughtBy } from "~/modules/clinics/scope.server";

/**
 * The staging slot of the logbook's photos: one for the case being logged, one per returned
 * case being edited (so photos chosen for one never slip into the other).
 */
export function caseSlot(caseId?: string): PhotoSlot {
  return { slug: caseId ? `${LOGBOOK_PHOTO_SLOT}:${caseId}` : LOGBOOK_PHOTO_SLOT, photos: { max: MAX_CASE_PHOTOS } };
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

function requireLogbook(db: DbOrTx, learnerId: string, course: Course) {
  if (!keepsLogbook(course) || !isEnrolled(db, learnerId, course.slug)) throw new NotFound("No logbook for this course");
}

/** The instructors a learner may name as supervisor: those of their cohorts, by name. */
export function supervisorChoices(db: DbOrTx, learnerId: string): { id: string; name: string }[] {
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

function checkSupervisor(tx: DbOrTx, learnerId: string, supervisorId: string | null) {
  if (supervisorId && !loadLearnerRef(tx, learnerId).instructorIds.includes(supervisorId)) {
    throw new Invalid("Choose your supervisor from the list: an instructor of one of your cohorts.", "supervisorId");
  }
}

/** Who hears of a case waiting: the named supervisor, else every instructor of the learner's cohorts, else the platform admins. */
function caseReviewers(tx: DbOrTx, learnerId: string, supervisorId: string | null): string[] {
  return supervisorId ? [supervisorId] : learnerGraders(tx, learnerId);
}

function attachStaged(tx: DbOrTx, caseId: string, staged: StagedPhoto[], from: number) {
  if (!staged.length) return;
  tx.insert(supervisedCasePhotos)
    .values(
      staged.map((s, i) => ({
        caseId,
        position: from + i,
        storageKey: s.storageKey,
        thumbKey: s.thumbKey,
        contentType: s.contentType,
        width: s.width,
        height: s.height,
        bytes: s.bytes,
      })),
    )
    .run();
  tx.delete(stagedPhotos)
    .where(
      inArray(
        stagedPhotos.id,
        staged.map((s) => s.id),
      ),
    )
    .run();
}

function caseFieldValues(fields: CaseFields) {
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
    supervisorId: fields.supervisorId,
  };
}

function tellReviewers(tx: DbOrTx, row: SupervisedCase, resubmitted: boolean, now: number) {
  const learner = tx.select({ name: users.name }).from(users).where(eq(users.id, row.learnerId)).get();
  const what = `the ${ordinal(row.sessionNumber)} session (${AREA_TEXT[row.area].toLowerCase()}) on ${row.performedOn}`;
  notify(
    tx,
    caseReviewers(tx, row.learnerId, row.supervisorId),
    {
      kind: resubmitted ? "case-resubmitted" : "case-logged",
      title: resubmitted ? "A supervised case was changed and resubmitted" : "A supervised case to countersign",
      body: `${learner?.name ?? "A learner"} ${resubmitted ? "resubmitted" : "logged"} ${what}${row.supervisorId ? " and named you as supervisor" : ""}. Countersign it or return it with a comment.`,
      link: `/logbook/${row.id}`,
    },
    now,
  );
}

/** Photos staged for a new case (no id) or for a returned case being edited. */
export function stagedCasePhotos(db: DbOrTx, learnerId: string, course: Course, caseId?: string) {
  return listStaged(db, learnerId, course, caseSlot(caseId));
}

function photoCount(db: DbOrTx, caseId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(supervisedCasePhotos)
      .where(eq(supervisedCasePhotos.caseId, caseId))
      .get()?.n ?? 0
  );
}

function ownReturnedCase(db: DbOrTx, learnerId: string, caseId: string): SupervisedCase {
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
 * Stages one photo for a new case, or for the learner's own returned case (caseId), through the
 * practicals' photo pipeline (checked by its bytes, re-encoded without metadata). Invalid past
 * MAX_CASE_PHOTOS; NotFound for a course without a logbook or someone else's case. The upload
 * file is deleted whatever happens.
 */
export async function stageCasePhoto(
  db: Db,
  storage: Storage,
  learnerId: string,
  course: Course,
  caseId: string | undefined,
  upload: { path: string; size: number; name: string },
  now = Date.now(),
) {
  let slot: PhotoSlot;
  try {
    requireLogbook(db, learnerId, course);
    const existing = caseId ? photoCount(db, ownReturnedCase(db, learnerId, caseId).id) : 0;
    slot = caseSlot(caseId);
    if (existing + listStaged(db, learnerId, course, slot).length >= MAX_CASE_PHOTOS) {
      throw new Invalid(`A case takes at most ${MAX_CASE_PHOTOS} photos.`, "photos");
    }
  } catch (error) {
    await fs.promises.rm(upload.path, { force: true });
    throw error;
  }
  return stagePhoto(db, storage, learnerId, course, slot, upload, now);
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
      checkSupervisor(tx, learnerId, fields.supervisorId);
      const staged = listStaged(tx, learnerId, course, caseSlot());
      if (staged.length > MAX_CASE_PHOTOS)
        throw new Invalid(`A case takes at most ${MAX_CASE_PHOTOS} photos: remove ${staged.length - MAX_CASE_PHOTOS}.`, "photos");
      const row = tx
        .insert(supervisedCases)
        .values({ learnerId, courseSlug: course.slug, ...caseFieldValues(fields), consentConfirmedAt: now, createdAt: now, updatedAt: now })
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
      checkSupervisor(tx, learnerId, fields.supervisorId);
      const kept = tx.select({ position: supervisedCasePhotos.position }).from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, caseId)).all();
      const staged = listStaged(tx, learnerId, course, caseSlot(caseId));
      if (kept.length + staged.length > MAX_CASE_PHOTOS)
        throw new Invalid(`A case takes at most ${MAX_CASE_PHOTOS} photos: remove ${kept.length + staged.length - MAX_CASE_PHOTOS}.`, "photos");
      const row = tx
        .update(supervisedCases)
        .set({ ...caseFieldValues(fields), status: "submitted", consentConfirmedAt: now, updatedAt: now })
        .where(and(eq(supervisedCases.id, caseId), eq(supervisedCases.status, "returned")))
        .returning()
        .get()!;
      attachStaged(tx, caseId, staged, Math.max(-1, ...kept.map((p) => p.position)) + 1);
      tellReviewers(tx, row, true, now);
    },
    { behavior: "immediate" },
  );
}

/** Removes a photo from the learner's own returned case (NotFound for anyone else's; Conflict unless returned). */
export async function removeCasePhoto(db: Db, storage: Storage, learnerId: string, photoId: string): Promise<void> {
  const photo = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.id, photoId)).get();
  if (!photo) throw new NotFound("No such photo");
  ownReturnedCase(db, learnerId, photo.caseId);
  db.delete(supervisedCasePhotos).where(eq(supervisedCasePhotos.id, photoId)).run();
  await storage.remove(photo.storageKey);
  await storage.remove(photo.thumbKey);
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
    .select({ a: supervisedCasePhotos.storageKey, b: supervisedCasePhotos.thumbKey })
    .from(supervisedCasePhotos)
    .where(eq(supervisedCasePhotos.caseId, caseId))
    .all();
  const staged = db
    .select({ id: stagedPhotos.id, a: stagedPhotos.storageKey, b: stagedPhotos.thumbKey })
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
      if (staged.length)
        tx.delete(stagedPhotos)
          .where(
            inArray(
              stagedPhotos.id,
              staged.map((s) => s.id),
            ),
          )
          .run();
    },
    { behavior: "immediate" },
  );
  for (const f of [...files, ...staged]) {
    await storage.remove(f.a);
    await storage.remove(f.b);
  }
}

/** The learner's own cases in a course, newest session first, with the count that certification reads. */
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
      photos: sql<number>`count(${supervisedCasePhotos.id})`,
    })
    .from(supervisedCases)
    .leftJoin(supervisedCasePhotos, eq(supervisedCasePhotos.caseId, supervisedCases.id))
    .where(and(eq(supervisedCases.learnerId, learnerId), eq(supervisedCases.courseSlug, course.slug)))
    .groupBy(supervisedCases.id)
    .orderBy(desc(supervisedCases.performedOn), desc(supervisedCases.createdAt))
    .all();
  return { cases, countersigned: countersignedCases(db, learnerId, course.slug), required: course.certification?.supervisedCases ?? 0 };
}

/**
 * A case with its photos for whoever may see the learner's records (the learner, their
 * instructors, their clinic's admins, platform admins); NotFound for anyone else. Says whether
 * the actor may edit it (its learner, once returned) or countersign it (an instructor of the
 * learner's cohorts or a platform admin, while it waits).
 */
export function caseDetail(db: Db, actor: Actor, caseId: string) {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!row) throw new NotFound("No such case");
  const learner = loadLearnerRef(db, row.learnerId);
  if (!can.viewLearner(actor, learner)) throw new NotFound("No such case");
  const photos = db
    .select({ id: supervisedCasePhotos.id, width: supervisedCasePhotos.width, height: supervisedCasePhotos.height, position: supervisedCasePhotos.position })
    .from(supervisedCasePhotos)
    .where(eq(supervisedCasePhotos.caseId, caseId))
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
    reviewerName: row.reviewedBy ? (names.get(row.reviewedBy) ?? null) : null,
    own: can.actAsLearner(actor, row.learnerId),
    canEdit: can.actAsLearner(actor, row.learnerId) && row.status === "returned",
    canReview: row.status === "submitted" && can.countersignCase(actor, learner, row.supervisorId),
  };
}

function reviewable(db: Db, actor: Actor, caseId: string): SupervisedCase {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  const learner = row ? loadLearnerRef(db, row.learnerId) : null;
  if (!row || !learner || !can.gradeLearner(actor, learner)) throw new NotFound("No such case");
  if (!can.countersignCase(actor, learner, row.supervisorId))
    throw new Conflict("This case names another instructor as supervisor: only they can countersign or return it.");
  return row;
}

function notWaiting(tx: DbOrTx, caseId: string): Conflict {
  const status = tx.select({ status: supervisedCases.status }).from(supervisedCases).where(eq(supervisedCases.id, caseId)).get()?.status;
  return new Conflict(
    status === "countersigned"
      ? "This case is already countersigned."
      : "This case was returned to the learner; it can be countersigned once they resubmit it.",
  );
}

/**
 * Countersigns a waiting case, in one immediate transaction with the certificate it may
 * complete (settleCertification) and the learner's notice. NotFound unless the actor may grade
 * the learner; Conflict when it is already countersigned or returned. Returns the certificate
 * issued now, if any.
 */
export function countersignCase(db: Db, catalogue: Catalogue, actor: Actor, caseId: string, now = Date.now()) {
  const row = reviewable(db, actor, caseId);
  const course = catalogue.bySlug.get(row.courseSlug);
  if (!course) throw new NotFound("This course is no longer offered");
  return db.transaction(
    (tx) => {
      const signed = tx
        .update(supervisedCases)
        .set({ status: "countersigned", countersignedAt: now, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
        .where(and(eq(supervisedCases.id, caseId), eq(supervisedCases.status, "submitted")))
        .run();
      if (signed.changes !== 1) throw notWaiting(tx, caseId);
      const certificate = settleCertification(tx, course, row.learnerId, now);
      notify(
        tx,
        [row.learnerId],
        {
          kind: "case-countersigned",
          title: "Your supervised case was countersigned",
          body: `Your ${ordinal(row.sessionNumber)} session (${AREA_TEXT[row.area].toLowerCase()}) on ${row.performedOn} is countersigned and counts towards ${course.title}.`,
          link: `/logbook/${caseId}`,
        },
        now,
      );
      crashPoint("countersign-case");
      return { certificateId: certificate?.id ?? null };
    },
    { behavior: "immediate" },
  );
}

/**
 * Returns a waiting case to its learner with a comment saying what to change. Invalid without a
 * comment; NotFound unless the actor may grade the learner; Conflict unless the case waits.
 */
export function returnCase(db: Db, actor: Actor, caseId: string, comment: string, now = Date.now()): void {
  const row = reviewable(db, actor, caseId);
  const text = comment.trim();
  if (!text) throw new Invalid("Say what the learner should change", "comment");
  if (text.length > NOTES_MAX) throw new Invalid(`Use at most ${NOTES_MAX} characters`, "comment");
  db.transaction(
    (tx) => {
      const returned = tx
        .update(supervisedCases)
        .set({ status: "returned", returnComment: text, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
        .where(and(eq(supervisedCases.id, caseId), eq(supervisedCases.status, "submitted")))
        .run();
      if (returned.changes !== 1) throw notWaiting(tx, caseId);
      notify(
        tx,
        [row.learnerId],
        {
          kind: "case-returned",
          title: "Your supervised case was returned with a comment",
          body: `Your supervisor returned the ${ordinal(row.sessionNumber)} session (${AREA_TEXT[row.area].toLowerCase()}) on ${row.performedOn}: "${text}". Change it and resubmit it.`,
          link: `/logbook/${caseId}`,
        },
        now,
      );
    },
    { behavior: "immediate" },
  );
}

/**
 * Cases waiting for a countersignature from the learners this instructor teaches (through their
 * cohorts, in the learner's current clinic — as the review queue), or everyone's for a platform
 * admin; the longest waiting first. NotFound for anyone who does not review work.
 */
export function caseQueue(db: Db, actor: Actor, now = Date.now()) {
  if (!can.reviewWork(actor)) throw new NotFound("No such page");
  const fields = {
    id: supervisedCases.id,
    learnerId: supervisedCases.learnerId,
    learnerName: users.name,
    performedOn: supervisedCases.performedOn,
    sessionNumber: supervisedCases.sessionNumber,
    area: supervisedCases.area,
    supervisorId: supervisedCases.supervisorId,
    updatedAt: supervisedCases.updatedAt,
    cohortName: cohorts.name,
  };
  const waiting = eq(supervisedCases.status, "submitted");
  const rows =
    actor.role === "admin"
      ? db
          .selectDistinct(fields)
          .from(supervisedCases)
          .innerJoin(users, eq(users.id, supervisedCases.learnerId))
          .leftJoin(memberships, and(eq(memberships.userId, supervisedCases.learnerId), isNull(memberships.removedAt)))
          .leftJoin(cohortLearners, eq(cohortLearners.userId, supervisedCases.learnerId))
          .leftJoin(cohorts, and(eq(cohorts.id, cohortLearners.cohortId), eq(cohorts.organisationId, memberships.organisationId)))
          .where(waiting)
          .orderBy(asc(supervisedCases.updatedAt))
          .all()
      : // From the instructor's cohorts to their current learners to those learners' cases, in that
        // order (CROSS JOIN fixes SQLite's loop order), so other clinics' cases are never read.
        db
          .selectDistinct(fields)
          .from(cohortInstructors)
          .crossJoin(cohorts)
          .crossJoin(cohortLearners)
          .crossJoin(memberships)
          .crossJoin(supervisedCases)
          .innerJoin(users, eq(users.id, supervisedCases.learnerId))
          .where(and(...taughtBy(actor), eq(supervisedCases.learnerId, cohortLearners.userId), waiting))
          .orderBy(asc(supervisedCases.updatedAt), asc(cohortLearners.createdAt))
          .all();
  // One row per case even when the learner sits in several of the instructor's cohorts.
  const unique = firstById(rows);
  // A case naming another supervisor who still teaches the learner is theirs, not this queue's.
  const mine = unique.filter(
    (r) =>
      !r.supervisorId || r.supervisorId === actor.id || actor.role === "admin" || can.countersignCase(actor, loadLearnerRef(db, r.learnerId), r.supervisorId),
  );
  return mine.map(({ supervisorId, learnerId: _learnerId, ...r }) => ({ ...r, waitingMs: now - r.updatedAt, namedMe: supervisorId === actor.id }));
}

/** A case photo for whoever may see the learner's records (NotFound otherwise). */
export async function casePhotoFile(db: Db, storage: Storage, actor: Actor, photoId: string, size: "full" | "thumb") {
  const row = db
    .select({ photo: supervisedCasePhotos, learnerId: supervisedCases.learnerId })
    .from(supervisedCasePhotos)
    .innerJoin(supervisedCases, eq(supervisedCases.id, supervisedCasePhotos.caseId))
    .where(eq(supervisedCasePhotos.id, photoId))
    .get();
  if (!row || !can.viewLearner(actor, loadLearnerRef(db, row.learnerId))) throw new NotFound("No such photo");
  const file = await storage.get(size === "thumb" ? row.photo.thumbKey : row.photo.storageKey);
  if (!file) throw new NotFound("No such photo");
  return file;
}
