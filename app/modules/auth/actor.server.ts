import { isAcademy } from "~/modules/clinics/academy";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { cohortInstructors, cohortLearners, cohorts, memberships, organisations, users } from "~/db/schema";
import type { Actor, LearnerRef } from "./permissions";
import type { SessionUser } from "./session.server";

export function activeClinicId(db: DbOrTx, userId: string): string | null {
  const row = db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .get();
  return row?.organisationId ?? null;
}

export function loadActor(db: Db, user: SessionUser): Actor {
  const row = db
    .select({ organisationId: memberships.organisationId, lead: memberships.lead })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), isNull(memberships.removedAt)))
    .get();
  return { id: user.id, role: user.role, clinicId: row?.organisationId ?? null, lead: row?.lead ?? false };
}

/**
 * The facts permission checks need about a learner: clinic and cohort instructors — only those
 * instructors who are still active members of the learner's clinic (a removed instructor's
 * cohort link, should one survive, grants nothing).
 */
export function loadLearnerRef(db: DbOrTx, learnerId: string): LearnerRef {
  const clinicId = activeClinicId(db, learnerId);
  const instructorIds = clinicId
    ? db
        .selectDistinct({ id: cohortInstructors.userId })
        .from(cohortLearners)
        .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
        .innerJoin(cohortInstructors, eq(cohortInstructors.cohortId, cohortLearners.cohortId))
        .innerJoin(memberships, and(eq(memberships.userId, cohortInstructors.userId), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
        .where(and(eq(cohortLearners.userId, learnerId), eq(cohorts.organisationId, clinicId)))
        .all()
        .map((r) => r.id)
    : [];
  return { id: learnerId, clinicId, instructorIds };
}

/** Who hears of a learner's work waiting to be graded: their cohort instructors, else (an independent learner) the platform admins. */
export function learnerGraders(db: DbOrTx, learnerId: string): string[] {
  const instructors = loadLearnerRef(db, learnerId).instructorIds;
  if (instructors.length) return [...instructors];
  return db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "admin"))
    .all()
    .map((u) => u.id);
}

/** Who assesses a learner's practicals and countersigns their cases, as the learner is told before any work. */
export type Assessors = { kind: "cohort"; clinicName: string; names: string[] } | { kind: "academy"; names: string[] } | { kind: "platform" };

/**
 * The learner's cohort instructors by name (with their clinic), Stipple Academy's instructors for
 * a learner who studies there, or the platform's assessors for a learner in neither.
 */
export function whoAssesses(db: DbOrTx, learnerId: string): Assessors {
  const ref = loadLearnerRef(db, learnerId);
  const names = ref.instructorIds.length
    ? db
        .select({ name: users.name })
        .from(users)
        .where(inArray(users.id, [...ref.instructorIds]))
        .orderBy(asc(users.name))
        .all()
        .map((u) => u.name)
    : [];
  if (isAcademy(ref.clinicId)) return { kind: "academy", names };
  if (!ref.clinicId || !names.length) return { kind: "platform" };
  const clinic = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ref.clinicId)).get();
  return { kind: "cohort", clinicName: clinic?.name ?? "", names };
}
