import { and, asc, eq, exists, isNull, sql, type SQL } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { alias, type SelectedFields, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "~/db/client.server";
import { auditLog, cohortInstructors, cohortLearners, cohorts, memberships, users } from "~/db/schema";
import type { Actor } from "~/modules/auth/permissions";
import { can } from "~/modules/auth/permissions";
import { NotFound } from "~/modules/errors";

/**
 * The clinic a clinic admin manages — taken from their membership, never from the request.
 * NotFound for anyone who does not manage a clinic.
 */
export function managedClinic(actor: Actor): string {
  if (actor.role !== "clinic_admin" || !actor.clinicId || !can.manageClinic(actor, actor.clinicId)) throw new NotFound("No clinic");
  return actor.clinicId;
}

/** Records fields a form sent that the server ignores on purpose (a tampered clinicId or role). */
export function logIgnoredFields(db: DbOrTx, actor: Actor, action: string, form: FormData, fields: readonly string[], now = Date.now()): void {
  const sent = fields.filter((f) => form.has(f));
  if (!sent.length) return;
  db.insert(auditLog)
    .values({
      actorId: actor.id,
      action: `ignored-fields:${action}`,
      detail: Object.fromEntries(sent.map((f) => [f, String(form.get(f)).slice(0, 200)])),
      createdAt: now,
    })
    .run();
}

/**
 * The join conditions from an instructor's cohorts to the learners currently in them (still
 * members of the cohort's clinic). Only cohorts of the clinic the instructor is an active member
 * of count: a removed instructor's old cohort links grant nothing (decision 019). Queues put
 * these tables first, joined with CROSS JOIN, so SQLite walks the instructor's own learners
 * before their work (decision 015): see `taughtLearnersWork`.
 */
export function taughtBy(instructor: Actor): SQL[] {
  return [
    eq(cohortInstructors.userId, instructor.id),
    instructor.clinicId === null ? sql`0` : eq(cohorts.organisationId, instructor.clinicId),
    eq(cohorts.id, cohortInstructors.cohortId),
    eq(cohortLearners.cohortId, cohorts.id),
    eq(memberships.userId, cohortLearners.userId),
    eq(memberships.organisationId, cohorts.organisationId),
    isNull(memberships.removedAt),
  ];
}

/** A table of learners' work, for `taughtLearnersWork`. */
type LearnerWork = {
  table: SQLiteTable;
  /** Whose work a row is. */
  learnerId: SQLiteColumn;
  /** The queue's order: the longest waiting first. */
  waitingSince: SQLiteColumn;
};

/**
 * The review queue's query for an instructor: rows of `work` by the learners they teach (see
 * `taughtBy`) that meet `conditions`, selected as `fields` — which may read `users` (the learner)
 * and `cohorts` (the cohort they are taught in) — the longest waiting first.
 *
 * The instructor's cohorts → their current learners → those learners' work, in that order: CROSS
 * JOIN is how SQLite is told the loop order. Left to itself (no ANALYZE statistics) it starts from
 * the work's status index and reads every clinic's waiting work, so queues slowed down as other
 * clinics grew (bench/clinic-scale.ts). A learner in several of the instructor's cohorts comes once
 * per cohort, the one they joined first first: `firstById` keeps that row.
 */
export function taughtLearnersWork<F extends SelectedFields>(
  db: DbOrTx,
  instructor: Actor,
  fields: F,
  work: LearnerWork,
  conditions: (SQL | undefined)[],
): SelectResultFields<F>[] {
  const rows = db
    .selectDistinct(fields as SelectedFields)
    .from(cohortInstructors)
    .crossJoin(cohorts)
    .crossJoin(cohortLearners)
    .crossJoin(memberships)
    .crossJoin(work.table)
    .innerJoin(users, eq(users.id, work.learnerId))
    .where(and(...taughtBy(instructor), eq(work.learnerId, cohortLearners.userId), ...conditions))
    .orderBy(asc(work.waitingSince), asc(cohortLearners.createdAt))
    .all();
  return rows as SelectResultFields<F>[];
}

const otherLearners = alias(cohortLearners, "other_learners");
const otherCohorts = alias(cohorts, "other_cohorts");
const otherInstructors = alias(cohortInstructors, "other_instructors");
const otherMemberships = alias(memberships, "other_memberships");

/**
 * Whether `instructorId` teaches `learnerId` in the clinic `clinicId`, as SQL for every row of a
 * query at once: an instructor of one of the learner's cohorts of that clinic who is still an
 * active member of it — the rule `loadLearnerRef` applies to one learner (its `instructorIds`).
 */
export function teachesLearner(db: DbOrTx, instructorId: SQLiteColumn, learnerId: SQLiteColumn, clinicId: SQLiteColumn): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(otherLearners)
      .innerJoin(otherCohorts, eq(otherCohorts.id, otherLearners.cohortId))
      .innerJoin(otherInstructors, eq(otherInstructors.cohortId, otherLearners.cohortId))
      .innerJoin(
        otherMemberships,
        and(eq(otherMemberships.userId, otherInstructors.userId), eq(otherMemberships.organisationId, clinicId), isNull(otherMemberships.removedAt)),
      )
      .where(and(eq(otherLearners.userId, learnerId), eq(otherCohorts.organisationId, clinicId), eq(otherInstructors.userId, instructorId))),
  );
}

/** Keeps the first row of each id: a learner in several of an instructor's cohorts is listed once. */
export function firstById<T extends { id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
