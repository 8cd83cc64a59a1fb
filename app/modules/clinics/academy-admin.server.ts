import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { memberships, users } from "~/db/schema";
import type { Actor } from "~/modules/auth/permissions";
import { NotFound } from "~/modules/errors";
import { ACADEMY_COHORT_ID, ACADEMY_ID } from "./academy";
import { invite, pendingInvitations, revokeInvitation } from "./invitations.server";
import { removeMember } from "./members.server";

// A platform admin's side of Stipple Academy (decision 030): its instructors, invited by email
// and removed like a clinic's.

function requirePlatformAdmin(actor: Actor) {
  if (actor.role !== "admin") throw new NotFound("No such page");
}

/** The Academy's instructors, for a platform admin. */
export function academyInstructors(db: Db, actor: Actor) {
  requirePlatformAdmin(actor);
  return db
    .select({ membershipId: memberships.id, name: users.name, email: users.email, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, ACADEMY_ID), eq(memberships.role, "instructor"), isNull(memberships.removedAt)))
    .orderBy(asc(users.name))
    .all();
}

/** How many learners the Academy has now. */
export function academyLearnerCount(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(and(eq(memberships.organisationId, ACADEMY_ID), eq(memberships.role, "technician"), isNull(memberships.removedAt)))
      .get()?.n ?? 0
  );
}

/**
 * Invites someone by email to assess for the Academy: an instructor of its open cohort once they
 * accept (the clinic invitation flow, with its single-use 7-day link). Platform admins only.
 */
export function inviteAcademyInstructor(db: Db, actor: Actor, email: string, now = Date.now()) {
  requirePlatformAdmin(actor);
  return invite(db, actor, ACADEMY_ID, { email, role: "instructor", cohortId: ACADEMY_COHORT_ID }, now);
}

/** Ends an Academy instructor's role (their grades stay; claims they hold are released). Platform admins only. */
export function removeAcademyInstructor(db: Db, actor: Actor, membershipId: string, now = Date.now()): void {
  requirePlatformAdmin(actor);
  const row = db.select({ role: memberships.role }).from(memberships).where(eq(memberships.id, membershipId)).get();
  if (row?.role !== "instructor") throw new NotFound("No such instructor");
  removeMember(db, actor, ACADEMY_ID, membershipId, now);
}

/** What /admin shows of the Academy: its instructors, the invitations waiting and how many learners it has. */
export function academyOverview(db: Db, actor: Actor, now = Date.now()) {
  return {
    instructors: academyInstructors(db, actor),
    invitations: pendingInvitations(db, ACADEMY_ID, now).map((i) => ({ id: i.id, email: i.email, expiresAt: i.expiresAt })),
    learners: academyLearnerCount(db),
  };
}

/** Revokes an Academy invitation not yet accepted. Platform admins only; NotFound for another clinic's. */
export function revokeAcademyInvitation(db: Db, actor: Actor, invitationId: string, now = Date.now()): void {
  requirePlatformAdmin(actor);
  revokeInvitation(db, ACADEMY_ID, invitationId, now);
}
