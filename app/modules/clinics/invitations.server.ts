import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { cohortInstructors, cohortLearners, cohorts, invitations, memberships, organisations, users, type MembershipRole, type Role } from "~/db/schema";
import { getEnv } from "~/env.server";
import { findUserByEmail } from "~/modules/auth/accounts.server";
import { hashPassword } from "~/modules/auth/password.server";
import { passwordProblem } from "~/modules/auth/password-policy.server";
import type { Actor } from "~/modules/auth/permissions";
import { createSession } from "~/modules/auth/session.server";
import { generateToken, hashToken, isWellFormedToken } from "~/modules/auth/token";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { queueEmail } from "~/modules/notifications/outbox.server";
import { enrol } from "~/modules/progress/progress.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { isAcademy } from "./academy";
import { leaveAcademy } from "./academy.server";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const ROLE_FOR: Record<MembershipRole, Role> = { technician: "learner", instructor: "instructor", admin: "clinic_admin" };
const ROLE_TEXT: Record<MembershipRole, string> = { technician: "technician", instructor: "instructor", admin: "clinic administrator" };

/**
 * Invites someone to a clinic by email (single-use link, 7 days), optionally into a cohort of
 * that clinic. Invalid when the cohort is not the clinic's or the person is already a member.
 */
export function invite(db: Db, actor: Actor, clinicId: string, input: { email: string; role: MembershipRole; cohortId?: string | null }, now = Date.now()) {
  const email = input.email.toLowerCase();
  if (input.cohortId) {
    const cohort = db.select().from(cohorts).where(eq(cohorts.id, input.cohortId)).get();
    if (!cohort || cohort.organisationId !== clinicId) throw new Invalid("Choose one of your clinic's cohorts.", "cohortId");
  }
  const existing = findUserByEmail(db, email);
  if (existing) {
    const member = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, existing.id), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
      .get();
    if (member) throw new Invalid("That person is already a member of your clinic.", "email");
  }
  const clinic = db.select().from(organisations).where(eq(organisations.id, clinicId)).get()!;
  const token = generateToken();
  return db.transaction((tx) => {
    const row = tx
      .insert(invitations)
      .values({
        organisationId: clinicId,
        email,
        role: input.role,
        cohortId: input.cohortId ?? null,
        tokenHash: hashToken(token),
        invitedBy: actor.id,
        createdAt: now,
        expiresAt: now + INVITE_TTL_MS,
      })
      .returning()
      .get();
    queueEmail(tx, {
      to: email,
      kind: "clinic-invitation",
      subject: `${clinic.name} invites you to Stipple`,
      text: [
        `Hello,`,
        "",
        `${clinic.name} invites you to join them on Stipple as a ${ROLE_TEXT[input.role]}.`,
        "Open this link within 7 days to accept. It works once:",
        "",
        `${getEnv().appUrl}/invite/${token}`,
        "",
        "If you did not expect this, ignore this email.",
      ].join("\n"),
    });
    return { invitation: row, token };
  });
}

export function pendingInvitations(db: Db, clinicId: string, now = Date.now()) {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organisationId, clinicId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), sql`${invitations.expiresAt} > ${now}`))
    .orderBy(desc(invitations.createdAt))
    .all();
}

/** Revokes a pending invitation of this clinic; NotFound for another clinic's. */
export function revokeInvitation(db: Db, clinicId: string, invitationId: string, now = Date.now()): void {
  const row = db.select().from(invitations).where(eq(invitations.id, invitationId)).get();
  if (!row || row.organisationId !== clinicId) throw new NotFound("No such invitation");
  db.update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .run();
}

/** A usable invitation for a token (well formed, unused, unrevoked, unexpired), with its clinic. */
export function openInvitation(db: Db, token: string, now = Date.now()) {
  if (!isWellFormedToken(token)) return null;
  const row = db
    .select({ invitation: invitations, clinicName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get();
  if (!row || row.invitation.acceptedAt || row.invitation.revokedAt || row.invitation.expiresAt <= now) return null;
  return { ...row, existingAccount: !!findUserByEmail(db, row.invitation.email) };
}

/**
 * Accepts an invitation: creates the account (name and password given) or links the signed-in
 * account whose email was invited, adds the membership (and the cohort), enrols learners in every
 * course, and uses the token up — all in one transaction. Returns a session token for a new
 * account. Invalid for a used/expired link, a weak password or the wrong account; Conflict when
 * the person already belongs to another clinic.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  who: { signedInUserId: string | null; name?: string; password?: string },
  now = Date.now(),
): Promise<{ userId: string; sessionToken: string | null; clinicId: string; role: Role }> {
  const open = openInvitation(db, token, now);
  if (!open) throw new Invalid("This invitation has expired, was revoked or was already used.", "token");
  const { invitation } = open;
  const existing = findUserByEmail(db, invitation.email);
  if (existing && who.signedInUserId !== existing.id) {
    throw new Invalid(`Sign in as ${invitation.email} to accept this invitation.`, "account");
  }
  let passwordHash: string | null = null;
  if (!existing) {
    const name = who.name?.trim() ?? "";
    if (!name) throw new Invalid("Enter your name.", "name");
    const problem = passwordProblem(who.password ?? "", { email: invitation.email, name });
    if (problem) throw new Invalid(problem, "password");
    passwordHash = await hashPassword(who.password!);
  }
  return db.transaction(
    (tx) => {
      const claimed = tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .run();
      if (claimed.changes !== 1) throw new Invalid("This invitation has expired, was revoked or was already used.", "token");
      const userId =
        existing?.id ??
        tx
          .insert(users)
          .values({
            email: invitation.email,
            name: who.name!.trim(),
            passwordHash: passwordHash!,
            role: ROLE_FOR[invitation.role],
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: users.id })
          .get().id;
      let other = tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
        .get();
      // A learner studying in the Academy leaves it for the clinic that invites them.
      if (other && isAcademy(other.organisationId) && other.role === "technician" && !isAcademy(invitation.organisationId)) {
        leaveAcademy(tx, userId, now);
        other = undefined;
      }
      if (other && other.organisationId !== invitation.organisationId) {
        throw new Conflict("You already belong to another clinic. Ask it to remove you first, then open this link again.");
      }
      if (!other) tx.insert(memberships).values({ organisationId: invitation.organisationId, userId, role: invitation.role, createdAt: now }).run();
      if (existing && existing.role === "learner" && invitation.role !== "technician") {
        tx.update(users).set({ role: ROLE_FOR[invitation.role], updatedAt: now }).where(eq(users.id, userId)).run();
      }
      if (invitation.cohortId) {
        const table = invitation.role === "instructor" ? cohortInstructors : cohortLearners;
        tx.insert(table).values({ cohortId: invitation.cohortId, userId }).onConflictDoNothing().run();
      }
      if (invitation.role === "technician") for (const course of getCatalogue().courses) enrol(tx, userId, course.slug, now);
      const sessionToken = existing ? null : createSession(tx, userId, now).token;
      const role = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()!.role;
      return { userId, sessionToken, clinicId: invitation.organisationId, role };
    },
    { behavior: "immediate" },
  );
}
