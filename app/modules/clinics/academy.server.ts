import { and, eq, isNull, notExists, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { cohortLearners, memberships, users } from "~/db/schema";
import { ACADEMY_COHORT_ID, ACADEMY_ID } from "./academy";

// Stipple Academy, the platform's own open cohort (decision 030): learners without a clinic join
// it and leave it for a clinic that invites them. It is an organisation like any clinic, so
// queues, countersigning and second marking treat its instructors as a clinic's; what a clinic
// admin would set for it (second-marking rates, benchmarks) is the platform's. Platform admins
// run its instructors: academy-admin.server.ts.

/** Puts a learner with no clinic in the Academy and its open cohort (in the caller's transaction). */
export function joinAcademy(tx: DbOrTx, userId: string, now = Date.now()): void {
  const active = tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .get();
  if (active) return;
  tx.insert(memberships).values({ organisationId: ACADEMY_ID, userId, role: "technician", createdAt: now }).run();
  tx.insert(cohortLearners).values({ cohortId: ACADEMY_COHORT_ID, userId, createdAt: now }).onConflictDoNothing().run();
}

/** Ends a learner's Academy membership, as they join a clinic (in the caller's transaction). */
export function leaveAcademy(tx: DbOrTx, userId: string, now = Date.now()): void {
  tx.update(memberships)
    .set({ removedAt: now })
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, ACADEMY_ID), isNull(memberships.removedAt)))
    .run();
  tx.delete(cohortLearners)
    .where(and(eq(cohortLearners.userId, userId), eq(cohortLearners.cohortId, ACADEMY_COHORT_ID)))
    .run();
}

/**
 * Every learner account with no active clinic joins the Academy: those who signed up before it
 * existed, and any a crash left between creating the account and joining. Run at start-up.
 */
export function backfillAcademy(db: Db, now = Date.now()): number {
  const alone = db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "learner"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(memberships)
            .where(and(eq(memberships.userId, users.id), isNull(memberships.removedAt))),
        ),
      ),
    )
    .all();
  if (alone.length) db.transaction((tx) => alone.forEach((u) => joinAcademy(tx, u.id, now)), { behavior: "immediate" });
  return alone.length;
}
