import { and, eq, inArray, isNotNull, isNull, like, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "~/db/client.server";
import {
  auditLog,
  certificates,
  credentials,
  cohortInstructors,
  cohortLearners,
  emailOutbox,
  enrolments,
  invitations,
  memberships,
  moduleProgress,
  notifications,
  passwordResetTokens,
  quizAnswers,
  quizAttemptGrants,
  quizAttempts,
  rateLimits,
  reviewDrafts,
  sessions,
  stagedPhotos,
  submissionPhotos,
  submissions,
  supervisedCasePhotos,
  supervisedCases,
  users,
  type User,
} from "~/db/schema";
import { verifyPassword } from "~/modules/auth/password.server";
import { accountDeletionBlock, type AccountDeletionBlock, type Actor } from "~/modules/auth/permissions";
import { hitLimit, peekLimit, type Limit } from "~/modules/auth/rate-limit.server";
import { Conflict, Invalid, NotFound, TooManyRequests } from "~/modules/errors";
import type { Storage } from "~/modules/storage/storage.server";

/** Wrong passwords on the delete form: a stolen session must not become a way to guess the password. */
const WRONG_PASSWORD_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };

/** What the tombstone row says instead of the person (018). */
export const DELETED_NAME = "Deleted account";

const BLOCK_TEXT: Record<AccountDeletionBlock, string> = {
  demo: "Demo accounts are shared by everyone trying Stipple, so they cannot be deleted. Create your own account to try this.",
  "last-clinic-admin":
    "You are the only admin of your clinic. Invite another clinic admin (or ask a platform admin to close the clinic) before deleting your account, so the clinic's people are not left without one.",
  "last-platform-admin": "You are the only platform admin. Create another platform admin before deleting your account.",
};

function liveUser(db: Db | Tx, userId: string): User {
  const user = db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!user) throw new NotFound("No such account");
  return user;
}

/** Why this person may not delete their account now (a sentence for the page), or null. */
export function deletionRefusal(db: Db | Tx, actor: Actor): string | null {
  const user = liveUser(db, actor.id);
  const otherActiveClinicAdmins =
    actor.clinicId === null
      ? 0
      : (db
          .select({ n: sql<number>`count(*)` })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(
              eq(memberships.organisationId, actor.clinicId),
              eq(memberships.role, "admin"),
              isNull(memberships.removedAt),
              ne(memberships.userId, actor.id),
              isNull(users.deletedAt),
            ),
          )
          .get()?.n ?? 0);
  const otherPlatformAdmins =
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, "admin"), ne(users.id, actor.id), isNull(users.deletedAt)))
      .get()?.n ?? 0;
  const block = accountDeletionBlock(actor, { isDemo: user.isDemo, otherActiveClinicAdmins, otherPlatformAdmins });
  return block ? BLOCK_TEXT[block] : null;
}

type Files = { a: string; b: string }[];

/** The stored files of everything the person uploaded: staged, submitted and logbook photos (full size and thumbnail). */
function uploadedFiles(tx: Tx, userId: string): Files {
  const staged = tx.select({ a: stagedPhotos.storageKey, b: stagedPhotos.thumbKey }).from(stagedPhotos).where(eq(stagedPhotos.userId, userId)).all();
  const submitted = tx
    .select({ a: submissionPhotos.storageKey, b: submissionPhotos.thumbKey })
    .from(submissionPhotos)
    .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
    .where(eq(submissions.learnerId, userId))
    .all();
  const cases = tx
    .select({ a: supervisedCasePhotos.storageKey, b: supervisedCasePhotos.thumbKey })
    .from(supervisedCasePhotos)
    .innerJoin(supervisedCases, eq(supervisedCases.id, supervisedCasePhotos.caseId))
    .where(eq(supervisedCases.learnerId, userId))
    .all();
  return [...staged, ...submitted, ...cases];
}

/**
 * Pages that were about this person's work: the notices and emails that point at them (and name
 * the person) go with the work.
 */
function linksToTheirWork(tx: Tx, userId: string): string[] {
  const subs = tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.learnerId, userId)).all();
  const cases = tx.select({ id: supervisedCases.id }).from(supervisedCases).where(eq(supervisedCases.learnerId, userId)).all();
  const attempts = tx.select({ id: quizAttempts.id }).from(quizAttempts).where(eq(quizAttempts.userId, userId)).all();
  return [
    ...subs.flatMap((s) => [`/review/${s.id}`, `/submissions/${s.id}`]),
    ...cases.map((c) => `/logbook/${c.id}`),
    ...attempts.map((a) => `/attempts/${a.id}/review`),
  ];
}

/**
 * The erasure itself, in one transaction (018): personal records and uploads go; what others
 * need stays without the person — submitted quiz attempts and their per-question results
 * (anonymous item statistics), the certificate row without the holder's name (so a verifier
 * learns it is no longer available), clinic memberships marked as left, the audit log. The user
 * row becomes a tombstone with no name, email or usable password. Returns the files to remove.
 */
function erase(tx: Tx, user: User, now: number): Files {
  const userId = user.id;
  const files = uploadedFiles(tx, userId);
  const links = linksToTheirWork(tx, userId);
  for (let i = 0; i < links.length; i += 200) {
    const batch = links.slice(i, i + 200);
    tx.delete(notifications).where(inArray(notifications.link, batch)).run();
    tx.delete(emailOutbox)
      .where(or(...batch.map((l) => like(emailOutbox.text, `%${l}%`))))
      .run();
  }
  const email = user.email.toLowerCase();
  tx.delete(emailOutbox)
    .where(sql`lower(${emailOutbox.to}) = ${email}`)
    .run();
  tx.delete(invitations)
    .where(and(sql`lower(${invitations.email}) = ${email}`, isNotNull(invitations.acceptedAt)))
    .run();
  // Limit keys that name the person (LIKE would treat "_" in an address as a wildcard: compare prefixes).
  const pairPrefix = `login:acct-ip:${email}:`;
  tx.delete(rateLimits)
    .where(
      or(
        inArray(rateLimits.key, [`login:acct:${email}`, `reset:acct:${userId}`, `account-delete:${userId}`]),
        sql`substr(${rateLimits.key}, 1, ${pairPrefix.length}) = ${pairPrefix}`,
      ),
    )
    .run();

  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
  tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId)).run();
  tx.delete(notifications).where(eq(notifications.userId, userId)).run();
  tx.delete(enrolments).where(eq(enrolments.userId, userId)).run();
  tx.delete(moduleProgress).where(eq(moduleProgress.userId, userId)).run();
  tx.delete(stagedPhotos).where(eq(stagedPhotos.userId, userId)).run();
  // Submissions and cases take their photos, scores, pins and drafts with them (foreign keys).
  tx.delete(submissions).where(eq(submissions.learnerId, userId)).run();
  tx.delete(supervisedCases).where(eq(supervisedCases.learnerId, userId)).run();
  tx.delete(quizAttemptGrants).where(eq(quizAttemptGrants.userId, userId)).run();
  // An unfinished attempt counts in no statistic; a graded one keeps its score and per-question
  // results for item statistics, without the answers as typed.
  tx.delete(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), isNull(quizAttempts.submittedAt)))
    .run();
  const graded = tx.select({ id: quizAttempts.id }).from(quizAttempts).where(eq(quizAttempts.userId, userId));
  tx.delete(quizAnswers).where(inArray(quizAnswers.attemptId, graded)).run();

  // As staff: unsaved grading goes, claims are handed back, waiting cases naming them go to any instructor.
  tx.delete(reviewDrafts).where(eq(reviewDrafts.reviewerId, userId)).run();
  const claimed = tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.claimedBy, userId));
  tx.update(submissions)
    .set({ status: "submitted" })
    .where(and(inArray(submissions.id, claimed), eq(submissions.status, "in_review")))
    .run();
  tx.update(submissions).set({ claimedBy: null, claimExpiresAt: null }).where(eq(submissions.claimedBy, userId)).run();
  tx.update(supervisedCases)
    .set({ supervisorId: null })
    .where(and(eq(supervisedCases.supervisorId, userId), eq(supervisedCases.status, "submitted")))
    .run();

  tx.delete(cohortLearners).where(eq(cohortLearners.userId, userId)).run();
  tx.delete(cohortInstructors).where(eq(cohortInstructors.userId, userId)).run();
  const active = tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .get();
  if (active) tx.update(memberships).set({ removedAt: now, leftStippleAt: now }).where(eq(memberships.id, active.id)).run();

  tx.update(certificates).set({ holderName: DELETED_NAME, holderDeletedAt: now, revocationNote: null }).where(eq(certificates.userId, userId)).run();
  // The signed credentials carry a salted hash of the email, which the salt beside it makes checkable:
  // forget them. Their status-list bits stay, and are set (holderDeletedAt), so copies out there check as revoked.
  tx.update(credentials)
    .set({ jws: null })
    .where(inArray(credentials.certificateId, tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.userId, userId))))
    .run();

  tx.update(users)
    .set({
      name: DELETED_NAME,
      email: `deleted-${userId}@deleted.invalid`,
      // Not an argon2 hash: no password can ever match it.
      passwordHash: "!deleted",
      role: "learner",
      deletedAt: now,
      updatedAt: now,
    })
    .where(eq(users.id, userId))
    .run();
  tx.insert(auditLog)
    .values({
      actorId: userId,
      action: "account-deleted",
      detail: { userId, role: user.role, clinicId: active?.organisationId ?? null, files: files.length },
      createdAt: now,
    })
    .run();
  return files;
}

/**
 * Deletes the signed-in person's account once they confirm with their password: Invalid("password")
 * for a wrong one (nothing changes), TooManyRequests after repeated wrong ones, Conflict when the
 * account may not be deleted (a demo account, the last admin of a clinic or of the platform).
 * Ends every session and removes every uploaded file. NotFound for an account already deleted.
 */
export async function deleteAccount(db: Db, storage: Storage, actor: Actor, password: string, now = Date.now()): Promise<void> {
  const user = liveUser(db, actor.id);
  const limitKey = `account-delete:${user.id}`;
  const state = peekLimit(db, limitKey, WRONG_PASSWORD_LIMIT, now);
  if (!state.allowed) {
    throw new TooManyRequests(
      `Too many wrong passwords. Try again in ${Math.max(1, Math.ceil(state.retryAfterSeconds / 60))} minutes.`,
      state.retryAfterSeconds,
    );
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    hitLimit(db, limitKey, WRONG_PASSWORD_LIMIT, now);
    throw new Invalid("That is not your password. Nothing was deleted.", "password");
  }
  const files = db.transaction(
    (tx) => {
      // Re-checked inside the write lock: two admins deleting themselves at once must not both go.
      const refusal = deletionRefusal(tx, actor);
      if (refusal) throw new Conflict(refusal);
      return erase(tx, liveUser(tx, actor.id), now);
    },
    { behavior: "immediate" },
  );
  // Files go after the rows: a crash in between leaves unreferenced files, never a broken record.
  for (const f of files) {
    await storage.remove(f.a);
    await storage.remove(f.b);
  }
}
