import { eq, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";
import { auditLog, cohortInstructors, cohortLearners, cohorts, memberships } from "~/db/schema";
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
 * before their work (decision 015).
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

/** Keeps the first row of each id: a learner in several of an instructor's cohorts is listed once. */
export function firstById<T extends { id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
