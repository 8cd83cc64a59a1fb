import { caseRefs } from "./supervision.server";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { cohortLearners, cohorts, healedReviews, memberships, supervisedCases, users, type SupervisedCase } from "~/db/schema";
import { can, type Actor } from "~/modules/auth/permissions";
import { firstById, taughtLearnersWork, teachesLearner } from "~/modules/clinics/scope.server";
import type { Catalogue } from "~/modules/content/load-content.server";
import { crashPoint } from "~/modules/crash-point.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { AREA_TEXT, NOTES_MAX, ordinal } from "./case-fields";
import { settleCertification } from "./issue.server";

// A supervisor's side of the logbook: the queue of cases waiting, countersigning and returning.

function reviewable(db: Db, actor: Actor, caseId: string): SupervisedCase {
  const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get();
  if (!row) throw new NotFound("No such case");
  const { learner, link } = caseRefs(db, row);
  if (!can.gradeLearner(actor, learner) && !can.superviseCase(actor, row.learnerId, link)) throw new NotFound("No such case");
  if (!can.countersignCase(actor, learner, row.supervisorId, link))
    throw new Conflict("This case names another supervisor: only they can countersign or return it.");
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
 * Cases, and healed-result reviews of cases, waiting for a countersignature from the learners
 * this instructor teaches (through their cohorts, in the learner's current clinic — as the review
 * queue), or everyone's for a platform admin; the longest waiting first. NotFound for anyone who
 * does not review work.
 */
export function caseQueue(db: Db, actor: Actor, now = Date.now()) {
  if (!can.reviewWork(actor)) throw new NotFound("No such page");
  const fields = {
    id: supervisedCases.id,
    learnerName: users.name,
    performedOn: supervisedCases.performedOn,
    sessionNumber: supervisedCases.sessionNumber,
    area: supervisedCases.area,
    supervisorId: supervisedCases.supervisorId,
    supervisorLinkId: supervisedCases.supervisorLinkId,
    updatedAt: supervisedCases.updatedAt,
    cohortName: cohorts.name,
    // When the case's healed-result review was submitted, if it waits (at most one per case).
    healedSince: sql<
      number | null
    >`(select ${healedReviews.updatedAt} from ${healedReviews} where ${healedReviews.caseId} = ${supervisedCases.id} and ${healedReviews.status} = 'submitted')`,
  };
  const waiting = or(
    eq(supervisedCases.status, "submitted"),
    sql`exists (select 1 from ${healedReviews} where ${healedReviews.caseId} = ${supervisedCases.id} and ${healedReviews.status} = 'submitted')`,
  );
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
      : taughtLearnersWork(
          db,
          actor,
          // Whether the named supervisor teaches the learner in the learner's clinic (the learner's
          // active membership is the `memberships` row the queue walks).
          {
            ...fields,
            supervisorTeaches: teachesLearner(db, supervisedCases.supervisorId, supervisedCases.learnerId, memberships.organisationId).mapWith(Boolean),
          },
          { table: supervisedCases, learnerId: supervisedCases.learnerId, waitingSince: supervisedCases.updatedAt },
          [waiting],
        )
          // A case naming another supervisor who still teaches the learner is theirs, not this
          // queue's (as can.countersignCase: the instructor teaches every learner listed here).
          .filter((r) => !r.supervisorId || r.supervisorId === actor.id || !r.supervisorTeaches)
          .map(({ supervisorTeaches: _supervisorTeaches, ...r }) => r);
  // One row per case even when the learner sits in several of the instructor's cohorts. A case
  // naming a supervisor by email is theirs alone (their page is /supervise), not any queue's.
  return firstById(rows)
    .filter((r) => !r.supervisorLinkId)
    .map(({ supervisorId, supervisorLinkId: _link, healedSince, ...r }) => ({
      ...r,
      kind: healedSince === null ? ("case" as const) : ("healed" as const),
      waitingMs: now - (healedSince ?? r.updatedAt),
      namedMe: supervisorId === actor.id,
    }))
    .sort((a, b) => b.waitingMs - a.waitingMs);
}
