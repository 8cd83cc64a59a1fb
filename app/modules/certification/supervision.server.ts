import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "~/db/client.server";
import { auditLog, caseSupervisors, healedReviews, supervisedCases, users, type CaseSupervisor, type SupervisedCase } from "~/db/schema";
import { getEnv } from "~/env.server";
import { findUserByEmail } from "~/modules/auth/accounts.server";
import { activeClinicId, loadLearnerRef } from "~/modules/auth/actor.server";
import { hashPassword } from "~/modules/auth/password.server";
import { passwordProblem } from "~/modules/auth/password-policy.server";
import { can, type Actor, type LearnerRef, type SupervisorLinkRef } from "~/modules/auth/permissions";
import { createSession, invalidateUserSessions } from "~/modules/auth/session.server";
import { generateToken, hashToken, isWellFormedToken } from "~/modules/auth/token";
import { isAcademy } from "~/modules/clinics/academy";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { queueEmail } from "~/modules/notifications/outbox.server";
import { AREA_TEXT, ordinal } from "./case-fields";
import { NEW_SUPERVISOR } from "./case-schema";
import { QUALIFICATION_MAX } from "./supervision-schema";

// Supervisors named by email (decision 038): an independent learner names the practitioner who
// saw the client; that person accepts an invitation to a supervisor-only account (or with the
// account they have) and countersigns that learner's cases naming them — nothing else.

export const SUPERVISOR_INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** A learner names supervisors by email when no clinic supervises them: they study alone or in Stipple Academy. */
export function namesSupervisorByEmail(db: DbOrTx, learnerId: string): boolean {
  const clinicId = activeClinicId(db, learnerId);
  return clinicId === null || isAcademy(clinicId);
}

/** Whether a link stands: accepted by an account that still exists, and not revoked. */
function standing(link: Pick<CaseSupervisor, "acceptedAt" | "revokedAt" | "supervisorId">): boolean {
  return link.acceptedAt !== null && link.revokedAt === null && link.supervisorId !== null;
}

/** The supervisor link a case names, as permission checks see it; null when it names none. */
export function linkRefOf(db: DbOrTx, linkId: string | null): SupervisorLinkRef | null {
  if (!linkId) return null;
  const link = db.select().from(caseSupervisors).where(eq(caseSupervisors.id, linkId)).get();
  return link ? { supervisorId: link.supervisorId, active: standing(link) } : { supervisorId: null, active: false };
}

/** The facts a case's permission checks need: its learner and the supervisor it names by email. */
export function caseRefs(db: DbOrTx, row: Pick<SupervisedCase, "learnerId" | "supervisorLinkId">): { learner: LearnerRef; link: SupervisorLinkRef | null } {
  return { learner: loadLearnerRef(db, row.learnerId), link: linkRefOf(db, row.supervisorLinkId) };
}

export type LinkStatus = "invited" | "expired" | "active" | "revoked" | "closed";

function statusOf(link: CaseSupervisor, now: number): LinkStatus {
  if (link.revokedAt !== null) return "revoked";
  if (link.acceptedAt === null) return link.expiresAt > now ? "invited" : "expired";
  return link.supervisorId === null ? "closed" : "active";
}

/** The supervisors a learner has named (not revoked), with the name to show: the account's once accepted. */
export function ownSupervisors(db: DbOrTx, learnerId: string, now = Date.now()) {
  const account = alias(users, "supervisor_account");
  return db
    .select({ link: caseSupervisors, accountName: account.name })
    .from(caseSupervisors)
    .leftJoin(account, eq(account.id, caseSupervisors.supervisorId))
    .where(and(eq(caseSupervisors.learnerId, learnerId), isNull(caseSupervisors.revokedAt)))
    .orderBy(asc(caseSupervisors.invitedAt))
    .all()
    .map(({ link, accountName }) => ({ id: link.id, name: accountName ?? link.name, email: link.email, status: statusOf(link, now) }));
}

function inviteEmail(tx: DbOrTx, learnerName: string, email: string, token: string) {
  queueEmail(tx, {
    to: email,
    kind: "supervisor-invitation",
    subject: `${learnerName} named you as their SMP supervisor on Stipple`,
    text: [
      "Hello,",
      "",
      `${learnerName} is training in scalp micropigmentation on Stipple and named you as the practitioner who supervised their sessions on clients.`,
      "If you did, open this link within 14 days to accept. You can then read and countersign the sessions they log naming you, and nothing else:",
      "",
      `${getEnv().appUrl}/supervise/accept/${token}`,
      "",
      "Countersign only sessions you saw. If you did not supervise them, ignore this email.",
    ].join("\n"),
  });
}

/**
 * Who supervised a case being logged or resubmitted, from the form's fields, in the caller's
 * transaction. A learner a clinic supervises names one of their instructors (or none); a learner
 * without one must name someone by email: one they named before, or someone new, who is sent an
 * invitation (an expired one is sent again). Invalid with the field otherwise.
 */
export function resolveSupervision(
  tx: DbOrTx,
  learnerId: string,
  fields: { supervisorId: string | null; supervisorLinkId: string | null; supervisorName: string; supervisorEmail: string },
  now = Date.now(),
): { supervisorId: string | null; supervisorLinkId: string | null } {
  const byEmail = namesSupervisorByEmail(tx, learnerId);
  if (!byEmail) {
    if (fields.supervisorLinkId) throw new Invalid("Your clinic's instructors countersign your cases: choose one of them.", "supervisorId");
    if (fields.supervisorId && !loadLearnerRef(tx, learnerId).instructorIds.includes(fields.supervisorId))
      throw new Invalid("Choose your supervisor from the list: an instructor of one of your cohorts.", "supervisorId");
    return { supervisorId: fields.supervisorId, supervisorLinkId: null };
  }
  if (!fields.supervisorLinkId) throw new Invalid("Choose who supervised this session, or name someone new", "supervisorLinkId");
  const learner = tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, learnerId)).get()!;
  if (fields.supervisorLinkId !== NEW_SUPERVISOR) {
    const link = tx.select().from(caseSupervisors).where(eq(caseSupervisors.id, fields.supervisorLinkId)).get();
    if (!link || link.learnerId !== learnerId || link.revokedAt !== null)
      throw new Invalid("Choose one of the supervisors you named, or name someone new", "supervisorLinkId");
    if (link.acceptedAt === null && link.expiresAt <= now) {
      const token = generateToken();
      tx.update(caseSupervisors)
        .set({ tokenHash: hashToken(token), expiresAt: now + SUPERVISOR_INVITE_TTL_MS })
        .where(eq(caseSupervisors.id, link.id))
        .run();
      inviteEmail(tx, learner.name, link.email, token);
    }
    return { supervisorId: null, supervisorLinkId: link.id };
  }
  const email = fields.supervisorEmail.toLowerCase();
  const name = fields.supervisorName.trim();
  if (!name) throw new Invalid("Enter your supervisor's name", "supervisorName");
  if (email === learner.email.toLowerCase()) throw new Invalid("Name the person who supervised you: you cannot countersign your own cases.", "supervisorEmail");
  const known = tx
    .select()
    .from(caseSupervisors)
    .where(and(eq(caseSupervisors.learnerId, learnerId), eq(caseSupervisors.email, email), isNull(caseSupervisors.revokedAt)))
    .get();
  if (known) return resolveSupervision(tx, learnerId, { ...fields, supervisorLinkId: known.id }, now);
  const token = generateToken();
  const link = tx
    .insert(caseSupervisors)
    .values({ learnerId, email, name, tokenHash: hashToken(token), invitedAt: now, expiresAt: now + SUPERVISOR_INVITE_TTL_MS })
    .returning({ id: caseSupervisors.id })
    .get();
  inviteEmail(tx, learner.name, email, token);
  return { supervisorId: null, supervisorLinkId: link.id };
}

/** Who hears of a case naming a supervisor by email: that supervisor once they accepted (the invitation tells them before). */
export function linkReviewers(tx: DbOrTx, linkId: string): string[] {
  const link = tx.select().from(caseSupervisors).where(eq(caseSupervisors.id, linkId)).get();
  return link && standing(link) ? [link.supervisorId!] : [];
}

/** The display name of the supervisor a case names by email, and whether they accepted yet. */
export function linkSummary(db: DbOrTx, linkId: string | null, now = Date.now()): { name: string; status: LinkStatus } | null {
  if (!linkId) return null;
  const row = db
    .select({ link: caseSupervisors, accountName: users.name })
    .from(caseSupervisors)
    .leftJoin(users, eq(users.id, caseSupervisors.supervisorId))
    .where(eq(caseSupervisors.id, linkId))
    .get();
  return row ? { name: row.accountName ?? row.link.name, status: statusOf(row.link, now) } : null;
}

/** A usable supervisor invitation for a token (well formed, pending, unrevoked, unexpired), with the learner's name. */
export function openSupervision(db: Db, token: string, now = Date.now()) {
  if (!isWellFormedToken(token)) return null;
  const row = db
    .select({ link: caseSupervisors, learnerName: users.name })
    .from(caseSupervisors)
    .innerJoin(users, eq(users.id, caseSupervisors.learnerId))
    .where(eq(caseSupervisors.tokenHash, hashToken(token)))
    .get();
  if (!row || row.link.acceptedAt !== null || row.link.revokedAt !== null || row.link.expiresAt <= now) return null;
  return { link: row.link, learnerName: row.learnerName, existingAccount: !!findUserByEmail(db, row.link.email) };
}

/**
 * Accepts a supervisor invitation: creates a supervisor-only account (name and password given)
 * or takes the signed-in account the invitation was sent to — never the learner's own — records
 * the qualification the supervisor declares, uses the token up and tells the learner, in one
 * transaction. Returns a session token for a new account. Invalid for a used or expired link, a
 * weak password or the wrong account.
 */
export async function acceptSupervision(
  db: Db,
  token: string,
  who: { signedInUserId: string | null; name?: string; password?: string; qualification: string },
  now = Date.now(),
): Promise<{ userId: string; sessionToken: string | null }> {
  const open = openSupervision(db, token, now);
  if (!open) throw new Invalid("This invitation has expired, was revoked or was already used.", "token");
  const { link } = open;
  const qualification = who.qualification.trim();
  if (!qualification) throw new Invalid("Say what qualifies you to supervise: your licence or qualification", "qualification");
  if (qualification.length > QUALIFICATION_MAX) throw new Invalid(`Use at most ${QUALIFICATION_MAX} characters`, "qualification");
  const existing = findUserByEmail(db, link.email);
  if (existing && who.signedInUserId !== existing.id) throw new Invalid(`Sign in as ${link.email} to accept this invitation.`, "account");
  if (existing?.id === link.learnerId) throw new Invalid("You cannot supervise your own cases.", "account");
  let passwordHash: string | null = null;
  if (!existing) {
    const name = who.name?.trim() ?? "";
    if (!name) throw new Invalid("Enter your name.", "name");
    const problem = passwordProblem(who.password ?? "", { email: link.email, name });
    if (problem) throw new Invalid(problem, "password");
    passwordHash = await hashPassword(who.password!);
  }
  return db.transaction(
    (tx) => {
      const userId =
        existing?.id ??
        tx
          .insert(users)
          .values({ email: link.email, name: who.name!.trim(), passwordHash: passwordHash!, role: "supervisor", createdAt: now, updatedAt: now })
          .returning({ id: users.id })
          .get().id;
      const claimed = tx
        .update(caseSupervisors)
        .set({ acceptedAt: now, supervisorId: userId, qualification })
        .where(and(eq(caseSupervisors.id, link.id), isNull(caseSupervisors.acceptedAt), isNull(caseSupervisors.revokedAt)))
        .run();
      if (claimed.changes !== 1) throw new Invalid("This invitation has expired, was revoked or was already used.", "token");
      const name = tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()!.name;
      notify(
        tx,
        [link.learnerId],
        {
          kind: "supervisor-accepted",
          title: `${name} accepted to supervise your cases`,
          body: `${name} can now countersign the supervised cases you log naming them.`,
          link: "/logbook",
        },
        now,
      );
      return { userId, sessionToken: existing ? null : createSession(tx, userId, now).token };
    },
    { behavior: "immediate" },
  );
}

/**
 * A supervisor's page: each learner who named them (links standing), with the cases naming them
 * that wait for a countersignature (a case or its healed-result review) and how many they signed.
 */
export function supervisionOverview(db: Db, actor: Actor) {
  const links = db
    .select({ id: caseSupervisors.id, learnerId: caseSupervisors.learnerId, learnerName: users.name, acceptedAt: caseSupervisors.acceptedAt })
    .from(caseSupervisors)
    .innerJoin(users, eq(users.id, caseSupervisors.learnerId))
    .where(and(eq(caseSupervisors.supervisorId, actor.id), isNotNull(caseSupervisors.acceptedAt), isNull(caseSupervisors.revokedAt)))
    .orderBy(asc(users.name))
    .all();
  if (!links.length) return [];
  const cases = db
    .select({
      id: supervisedCases.id,
      linkId: supervisedCases.supervisorLinkId,
      performedOn: supervisedCases.performedOn,
      sessionNumber: supervisedCases.sessionNumber,
      area: supervisedCases.area,
      status: supervisedCases.status,
      healedStatus: healedReviews.status,
    })
    .from(supervisedCases)
    .leftJoin(healedReviews, eq(healedReviews.caseId, supervisedCases.id))
    .where(
      inArray(
        supervisedCases.supervisorLinkId,
        links.map((l) => l.id),
      ),
    )
    .orderBy(desc(supervisedCases.performedOn))
    .all();
  return links.map((l) => {
    const own = cases.filter((c) => c.linkId === l.id);
    return {
      learnerName: l.learnerName,
      since: l.acceptedAt!,
      waiting: own
        .filter((c) => c.status === "submitted" || c.healedStatus === "submitted")
        .map((c) => ({
          id: c.id,
          label: `${c.performedOn} · ${ordinal(c.sessionNumber)} session · ${AREA_TEXT[c.area]}`,
          kind: c.status === "submitted" ? ("case" as const) : ("healed" as const),
        })),
      countersigned: own.filter((c) => c.status === "countersigned").length,
    };
  });
}

/** Every supervisor link, for a platform admin: who named whom, what they declared, where it stands. NotFound for anyone else. */
export function supervisorLinks(db: Db, actor: Actor, now = Date.now()) {
  if (!can.administer(actor)) throw new NotFound("No such page");
  const learner = alias(users, "learner");
  const account = alias(users, "supervisor_account");
  return db
    .select({
      link: caseSupervisors,
      learnerName: learner.name,
      learnerEmail: learner.email,
      accountName: account.name,
      accountRole: account.role,
      countersigned: sql<number>`(select count(*) from ${supervisedCases} where ${supervisedCases.supervisorLinkId} = ${caseSupervisors.id} and ${supervisedCases.status} = 'countersigned')`,
    })
    .from(caseSupervisors)
    .innerJoin(learner, eq(learner.id, caseSupervisors.learnerId))
    .leftJoin(account, eq(account.id, caseSupervisors.supervisorId))
    .orderBy(desc(caseSupervisors.invitedAt))
    .all()
    .map((r) => ({
      id: r.link.id,
      learnerName: r.learnerName,
      learnerEmail: r.learnerEmail,
      name: r.accountName ?? r.link.name,
      email: r.link.email,
      supervisorOnly: r.accountRole === "supervisor",
      qualification: r.link.qualification,
      status: statusOf(r.link, now),
      invitedAt: r.link.invitedAt,
      acceptedAt: r.link.acceptedAt,
      countersigned: r.countersigned,
    }));
}

/**
 * Revokes a supervisor link (platform admins only; NotFound for anyone else or an unknown link,
 * Conflict when already revoked): the supervisor can no longer see or countersign the learner's
 * cases; cases and healed-result reviews naming them that wait go back to the learner to name
 * another supervisor; a supervisor-only account left with no learner is signed out everywhere.
 * Countersignatures already given stand. All in one transaction, audited.
 */
export function revokeSupervision(db: Db, actor: Actor, linkId: string, now = Date.now()): void {
  if (!can.administer(actor)) throw new NotFound("No such supervisor");
  db.transaction(
    (tx) => {
      const link = tx.select().from(caseSupervisors).where(eq(caseSupervisors.id, linkId)).get();
      if (!link) throw new NotFound("No such supervisor");
      const done = tx
        .update(caseSupervisors)
        .set({ revokedAt: now, revokedBy: actor.id })
        .where(and(eq(caseSupervisors.id, linkId), isNull(caseSupervisors.revokedAt)))
        .run();
      if (done.changes !== 1) throw new Conflict("This supervisor's access was already revoked.");
      const comment = "Stipple withdrew your supervisor's access to your cases. Name the person who supervised this session and resubmit it.";
      const waiting = tx
        .select({ id: supervisedCases.id })
        .from(supervisedCases)
        .where(and(eq(supervisedCases.supervisorLinkId, linkId), eq(supervisedCases.status, "submitted")))
        .all()
        .map((c) => c.id);
      if (waiting.length)
        tx.update(supervisedCases)
          .set({ status: "returned", returnComment: comment, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
          .where(inArray(supervisedCases.id, waiting))
          .run();
      const healedWaiting = tx
        .select({ id: healedReviews.id })
        .from(healedReviews)
        .innerJoin(supervisedCases, eq(supervisedCases.id, healedReviews.caseId))
        .where(and(eq(supervisedCases.supervisorLinkId, linkId), eq(healedReviews.status, "submitted")))
        .all()
        .map((r) => r.id);
      if (healedWaiting.length)
        tx.update(healedReviews)
          .set({ status: "returned", returnComment: comment, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
          .where(inArray(healedReviews.id, healedWaiting))
          .run();
      notify(
        tx,
        [link.learnerId],
        {
          kind: "supervisor-revoked",
          title: "A supervisor's access to your cases was withdrawn",
          body: `Stipple withdrew ${link.name}'s access to your cases.${waiting.length + healedWaiting.length ? ` ${waiting.length + healedWaiting.length} waiting for them came back to you: name who supervised each and resubmit.` : ""} Countersignatures they already gave stand.`,
          link: "/logbook",
        },
        now,
      );
      tx.insert(auditLog)
        .values({
          actorId: actor.id,
          action: "supervisor-revoked",
          detail: { linkId, learnerId: link.learnerId, supervisorId: link.supervisorId, returnedCases: waiting.length, returnedHealed: healedWaiting.length },
          createdAt: now,
        })
        .run();
      if (link.supervisorId) {
        const account = tx.select({ role: users.role }).from(users).where(eq(users.id, link.supervisorId)).get();
        const others = tx
          .select({ id: caseSupervisors.id })
          .from(caseSupervisors)
          .where(and(eq(caseSupervisors.supervisorId, link.supervisorId), isNull(caseSupervisors.revokedAt), isNotNull(caseSupervisors.acceptedAt)))
          .all();
        if (account?.role === "supervisor" && !others.length) invalidateUserSessions(tx, link.supervisorId);
      }
    },
    { behavior: "immediate" },
  );
}
