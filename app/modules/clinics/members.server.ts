import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "~/db/client.server";
import { auditLog, cohortInstructors, cohortLearners, cohorts, memberships, organisations, submissions, users } from "~/db/schema";
import type { Actor } from "~/modules/auth/permissions";
import { Invalid, NotFound } from "~/modules/errors";

export function clinicName(db: Db, clinicId: string): string {
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, clinicId)).get()?.name ?? "";
}

/** The clinic's current members. */
export function listMembers(db: Db, clinicId: string) {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      lead: memberships.lead,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
    .orderBy(asc(users.name))
    .all();
}

/**
 * Ends a member's access to the clinic (their records stay). In the same transaction their
 * cohort roles in this clinic end and any grading claim they hold is released, so a removed
 * instructor keeps no authority and blocks nobody (decision 019). NotFound for another
 * clinic's member.
 */
export function removeMember(db: Db, actor: Actor, clinicId: string, membershipId: string, now = Date.now()): void {
  const row = db.select().from(memberships).where(eq(memberships.id, membershipId)).get();
  if (!row || row.organisationId !== clinicId || row.removedAt) throw new NotFound("No such member");
  if (row.userId === actor.id) throw new Invalid("You cannot remove yourself.");
  db.transaction(
    (tx) => {
      tx.update(memberships).set({ removedAt: now }).where(eq(memberships.id, membershipId)).run();
      const clinicCohorts = tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.organisationId, clinicId));
      const cohortRoles =
        tx
          .delete(cohortInstructors)
          .where(and(eq(cohortInstructors.userId, row.userId), inArray(cohortInstructors.cohortId, clinicCohorts)))
          .run().changes +
        tx
          .delete(cohortLearners)
          .where(and(eq(cohortLearners.userId, row.userId), inArray(cohortLearners.cohortId, clinicCohorts)))
          .run().changes;
      const released = releaseClaims(tx, row.userId);
      tx.insert(auditLog)
        .values({
          actorId: actor.id,
          action: "member-removed",
          detail: { clinicId, membershipId, userId: row.userId, cohortRoles, claimsReleased: released },
          createdAt: now,
        })
        .run();
    },
    { behavior: "immediate" },
  );
}

/** Hands back every submission a person had opened for grading, for another instructor to take. */
function releaseClaims(tx: Tx, userId: string): number {
  const held = tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.claimedBy, userId));
  tx.update(submissions)
    .set({ status: "submitted" })
    .where(and(inArray(submissions.id, held), eq(submissions.status, "in_review")))
    .run();
  return tx.update(submissions).set({ claimedBy: null, claimExpiresAt: null }).where(eq(submissions.claimedBy, userId)).run().changes;
}

export function listCohorts(db: Db, clinicId: string) {
  return db.select().from(cohorts).where(eq(cohorts.organisationId, clinicId)).orderBy(asc(cohorts.startsOn)).all();
}

/** A cohort of this clinic; NotFound for anything else (including another clinic's guessed id). */
export function clinicCohort(db: Db, clinicId: string, cohortId: string) {
  const cohort = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
  if (!cohort || cohort.organisationId !== clinicId) throw new NotFound("No such cohort");
  return cohort;
}

export function createCohort(db: Db, clinicId: string, input: { name: string; startsOn: string }) {
  return db.insert(cohorts).values({ organisationId: clinicId, name: input.name.trim(), startsOn: input.startsOn }).returning().get();
}

/** Adds a current member of this clinic to a cohort, as learner or instructor by their membership. */
export function addToCohort(db: Db, clinicId: string, cohortId: string, userId: string): void {
  clinicCohort(db, clinicId, cohortId);
  const member = db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
    .get();
  if (!member) throw new NotFound("No such member");
  if (member.role === "admin") throw new Invalid("Clinic administrators are not part of cohorts.", "userId");
  const table = member.role === "instructor" ? cohortInstructors : cohortLearners;
  db.insert(table).values({ cohortId, userId }).onConflictDoNothing().run();
}

export function removeFromCohort(db: Db, clinicId: string, cohortId: string, userId: string): void {
  clinicCohort(db, clinicId, cohortId);
  db.delete(cohortLearners)
    .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.userId, userId)))
    .run();
  db.delete(cohortInstructors)
    .where(and(eq(cohortInstructors.cohortId, cohortId), eq(cohortInstructors.userId, userId)))
    .run();
}

/** The clinic a person belongs to now and their cohorts in it (as learner or instructor), for "you joined …". */
export function membershipSummary(db: Db, userId: string): { clinic: string; cohorts: string[] } | null {
  const row = db
    .select({ clinicId: memberships.organisationId, clinic: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .get();
  if (!row) return null;
  const inCohorts = (table: typeof cohortLearners | typeof cohortInstructors) =>
    db
      .select({ name: cohorts.name })
      .from(table)
      .innerJoin(cohorts, eq(cohorts.id, table.cohortId))
      .where(and(eq(table.userId, userId), eq(cohorts.organisationId, row.clinicId)))
      .all()
      .map((c) => c.name);
  return { clinic: row.clinic, cohorts: [...new Set([...inCohorts(cohortLearners), ...inCohorts(cohortInstructors)])].sort() };
}
