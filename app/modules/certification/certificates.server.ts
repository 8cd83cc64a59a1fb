import { and, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { auditLog, certificates, REVOCATION_REASONS, type Certificate, type RevocationReason } from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { getCatalogue } from "~/modules/content/catalogue.server";
import type { Course } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { refresherQuiz, type QuizDefinition } from "~/modules/quiz/quiz-definition.server";
import { certificatePdf } from "./certificate-pdf.server";
import { REVOCATION_REASON_TEXT } from "./revocation";
import type { Transcript } from "./transcript";
import { certificateState, dueReminder, eligibility, renewalEligibility, renewalOpensAt, type CertificateState } from "./eligibility";
import { currentCertificate, learnerRecords, programmeOf, renewalRecords, renewalRuleOf, settleCertification } from "./issue.server";

const DAY = 24 * 60 * 60 * 1000;

/** The public address of a certificate's verification page. */
export const verifyPath = (code: string) => `/verify/${code}`;

/** A learner's certificates, newest first, with the state each is in now. */
export function listCertificates(db: Db, userId: string, now = Date.now()) {
  return db
    .select()
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt))
    .all()
    .map((c) => ({
      id: c.id,
      code: c.code,
      programmeTitle: c.programmeTitle,
      issuerName: c.issuerName,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt,
      state: certificateState(c, now),
      superseded: c.supersededAt !== null,
    }));
}

/** A certificate for someone allowed to see it (holder, their clinic's people, issuing clinic admins, platform admins). */
function visibleCertificate(db: Db, actor: Actor, id: string): Certificate {
  const cert = db.select().from(certificates).where(eq(certificates.id, id)).get();
  if (!cert || !can.viewCertificate(actor, cert, loadLearnerRef(db, cert.userId))) throw new NotFound("No such certificate");
  return cert;
}

function codeOf(db: Db, id: string | null): { id: string; code: string } | null {
  if (!id) return null;
  return db.select({ id: certificates.id, code: certificates.code }).from(certificates).where(eq(certificates.id, id)).get() ?? null;
}

/**
 * Renewal as the holder sees it: when it opens, how long a renewal lasts and what it needs.
 * Progress towards it (`requirements`) is given only once the window is open; before that, only
 * what it will ask for (`asks`).
 */
export function renewalView(db: Db, cert: Certificate, course: Course | undefined, now: number) {
  const rule = course ? renewalRuleOf(course) : null;
  if (!course?.certification || !rule || cert.revokedAt !== null || cert.supersededAt !== null) return null;
  const opensAt = renewalOpensAt(cert.expiresAt, rule.windowDays);
  const open = now >= opensAt;
  const { met, requirements } = renewalEligibility(rule, renewalRecords(db, cert));
  return {
    open,
    opensAt,
    windowDays: rule.windowDays,
    validityMonths: course.certification.validityMonths,
    met: open && met,
    asks: requirements.map((r) =>
      r.id === "quizzes"
        ? "pass the refresher quiz"
        : `have ${r.total} supervised case${r.total === 1 ? "" : "s"} countersigned since this certificate was issued`,
    ),
    requirements: open ? requirements : [],
    refresherQuiz: rule.refresherQuiz,
  };
}

/** One certificate's page: its facts, state, what replaced it or what it replaced, renewal and whether the actor may revoke. */
export function certificateDetail(db: Db, actor: Actor, id: string, now = Date.now()) {
  const cert = visibleCertificate(db, actor, id);
  const course = getCatalogue().bySlug.get(cert.courseSlug);
  const replacedBy = db.select({ id: certificates.id, code: certificates.code }).from(certificates).where(eq(certificates.supersedesId, cert.id)).get() ?? null;
  const state = certificateState(cert, now);
  return {
    id: cert.id,
    code: cert.code,
    holderName: cert.holderName,
    programmeTitle: cert.programmeTitle,
    issuerName: cert.issuerName,
    courseSlug: cert.courseSlug,
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    state,
    revokedAt: cert.revokedAt,
    revocationReason: cert.revocationReason ? REVOCATION_REASON_TEXT[cert.revocationReason] : null,
    revocationReasonPublic: cert.revocationReasonPublic,
    supersedes: codeOf(db, cert.supersedesId),
    replacedBy,
    isHolder: actor.id === cert.userId,
    canRevoke: state !== "REVOKED" && can.revokeCertificate(actor, cert),
    renewal: actor.id === cert.userId ? renewalView(db, cert, course, now) : null,
    verifyPath: verifyPath(cert.code),
    transcript: cert.transcript,
    transcriptPublic: cert.transcriptPublic,
  };
}

/**
 * The holder shows or hides their transcript on the public verification page (hidden until
 * they choose). Only the holder may; NotFound for anyone else, as for someone else's data.
 */
export function setTranscriptPublic(db: Db, actor: Actor, id: string, show: boolean): void {
  const cert = db.select({ userId: certificates.userId }).from(certificates).where(eq(certificates.id, id)).get();
  if (!cert || cert.userId !== actor.id) throw new NotFound("No such certificate");
  db.update(certificates).set({ transcriptPublic: show }).where(eq(certificates.id, id)).run();
}

/** The PDF of a certificate, for the same people who may see its page. */
export async function certificatePdfFor(db: Db, actor: Actor, id: string, appUrl: string) {
  const cert = visibleCertificate(db, actor, id);
  // A fresh print of a revoked certificate would look valid to anyone who does not scan it.
  if (cert.revokedAt !== null) throw new Conflict("This certificate was revoked; it can no longer be downloaded.");
  if (cert.holderDeletedAt !== null) throw new Conflict("The holder deleted their account; this certificate is no longer available.");
  const bytes = await certificatePdf({
    code: cert.code,
    holderName: cert.holderName,
    programme: cert.programmeTitle,
    clinicName: cert.issuerName,
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    verifyUrl: new URL(verifyPath(cert.code), appUrl).toString(),
    transcript: cert.transcript,
  });
  return { bytes, fileName: `stipple-certificate-${cert.code}.pdf` };
}

export type Verification = {
  code: string;
  holderName: string;
  programmeTitle: string;
  issuerName: string;
  issuedAt: number;
  expiresAt: number;
  state: CertificateState;
  revokedAt: number | null;
  /**
   * What the public page says about why: the reason only when the issuer chose to publish it,
   * otherwise a neutral "revoked by the issuer" (the holder's name sits next to it).
   */
  revocationReason: string | null;
  /** The code of the renewal that replaced this certificate, if any. */
  renewedAs: string | null;
  /** Only when the holder chose to show it. */
  transcript: Transcript | null;
};

/**
 * What anyone may learn from a certificate's code: name, programme, issuer, dates and state, and
 * the transcript only if the holder chose to show it — nothing else (no email, no internal
 * revocation note). Null for an unknown code.
 */
export function verifyCertificate(db: Db, code: string, now = Date.now()): Verification | null {
  const cert = db.select().from(certificates).where(eq(certificates.code, code)).get();
  // A deleted holder's certificate answers through unavailableCertificate, without their name.
  if (!cert || cert.holderDeletedAt !== null) return null;
  const renewal = db.select({ code: certificates.code }).from(certificates).where(eq(certificates.supersedesId, cert.id)).get();
  return {
    code: cert.code,
    holderName: cert.holderName,
    programmeTitle: cert.programmeTitle,
    issuerName: cert.issuerName ?? "Stipple (independent learner)",
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    state: certificateState(cert, now),
    revokedAt: cert.revokedAt,
    revocationReason: cert.revokedAt ? publicRevocationReason(cert) : null,
    renewedAs: renewal?.code ?? null,
    transcript: cert.transcriptPublic ? cert.transcript : null,
  };
}

/**
 * A certificate whose holder deleted their account: the code was real, but Stipple no longer
 * vouches for it and names nobody (018). Null for any other code.
 */
export function unavailableCertificate(db: Db, code: string): { code: string; since: number } | null {
  const cert = db.select({ code: certificates.code, since: certificates.holderDeletedAt }).from(certificates).where(eq(certificates.code, code)).get();
  return cert && cert.since !== null ? { code: cert.code, since: cert.since } : null;
}

/** The reason as the public verification page may state it. */
export function publicRevocationReason(cert: Pick<Certificate, "revocationReason" | "revocationReasonPublic">): string {
  if (cert.revocationReasonPublic && cert.revocationReason) return REVOCATION_REASON_TEXT[cert.revocationReason];
  return "Revoked by the issuer";
}

/**
 * Revokes a certificate: platform admins, or admins of the issuing clinic. The public page says
 * so at once. Audit-logged with the reason; the note stays internal. NotFound for anyone else,
 * Conflict when already revoked.
 */
export function revokeCertificate(
  db: Db,
  actor: Actor,
  id: string,
  input: { reason: RevocationReason; note: string; publishReason?: boolean },
  now = Date.now(),
): void {
  const cert = visibleCertificate(db, actor, id);
  if (!can.revokeCertificate(actor, cert)) throw new NotFound("No such certificate");
  if (!REVOCATION_REASONS.includes(input.reason)) throw new Invalid("Choose a reason.", "reason");
  const note = input.note.trim();
  if (note.length > 1000) throw new Invalid("Keep the note under 1,000 characters.", "note");
  db.transaction(
    (tx) => {
      // A renewal chain is one certification: revoking any link revokes every link not yet
      // revoked, so neither the old code (valid until its own expiry) nor the renewal stays VALID.
      const chain = renewalChain(tx, cert);
      const done = tx
        .update(certificates)
        .set({
          revokedAt: now,
          revokedBy: actor.id,
          revocationReason: input.reason,
          revocationReasonPublic: input.publishReason === true,
          revocationNote: note || null,
        })
        .where(and(inArray(certificates.id, chain), isNull(certificates.revokedAt)))
        .run();
      if (done.changes === 0 || cert.revokedAt !== null) throw new Conflict("This certificate is already revoked.");
      const codes = tx
        .select({ code: certificates.code })
        .from(certificates)
        .where(inArray(certificates.id, chain))
        .all()
        .map((c) => c.code);
      tx.insert(auditLog)
        .values({
          actorId: actor.id,
          action: "certificate-revoked",
          detail: { certificateId: id, code: cert.code, chain: codes, reason: input.reason, publishReason: input.publishReason === true, note },
          createdAt: now,
        })
        .run();
      notify(
        tx,
        [cert.userId],
        {
          kind: "certificate-revoked",
          title: `Your certificate ${cert.code} was revoked`,
          body: `Your certificate for ${cert.programmeTitle} was revoked (${REVOCATION_REASON_TEXT[input.reason].toLowerCase()}). Its verification page now says so. Ask the issuer if you think this is a mistake.`,
          link: `/certificates/${id}`,
        },
        now,
      );
    },
    { behavior: "immediate" },
  );
}

/** Every certificate of a renewal chain, from the first to the current one. */
function renewalChain(tx: DbOrTx, cert: Certificate): string[] {
  let first = cert;
  while (first.supersedesId) {
    const previous = tx.select().from(certificates).where(eq(certificates.id, first.supersedesId)).get();
    if (!previous) break;
    first = previous;
  }
  const ids = [first.id];
  for (;;) {
    const next = tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.supersedesId, ids.at(-1)!))
      .get();
    if (!next) return ids;
    ids.push(next.id);
  }
}

/**
 * Sends the renewal reminders that are due (90 and 30 days before expiry, in-app and email, each
 * once) for certificates still current. Run by the server's housekeeping; returns how many went out.
 */
export function sendRenewalReminders(db: Db, now = Date.now()): number {
  const candidates = db
    .select()
    .from(certificates)
    .where(
      and(
        isNull(certificates.supersededAt),
        isNull(certificates.revokedAt),
        isNull(certificates.holderDeletedAt),
        gt(certificates.expiresAt, now),
        lte(certificates.expiresAt, now + 90 * DAY),
        or(isNull(certificates.reminded90At), isNull(certificates.reminded30At)),
      ),
    )
    .all();
  let sent = 0;
  for (const cert of candidates) {
    const due = dueReminder(cert, now);
    if (!due) continue;
    db.transaction(
      (tx) => {
        const column = due === 90 ? certificates.reminded90At : certificates.reminded30At;
        const set = due === 90 ? { reminded90At: now } : { reminded30At: now, reminded90At: cert.reminded90At ?? now };
        const claimed = tx
          .update(certificates)
          .set(set)
          .where(and(eq(certificates.id, cert.id), isNull(column)))
          .run();
        if (claimed.changes !== 1) return;
        const days = Math.ceil((cert.expiresAt - now) / DAY);
        const course = getCatalogue().bySlug.get(cert.courseSlug);
        const rule = course ? renewalRuleOf(course) : null;
        const how = !rule
          ? "This programme has no renewal: to stay certified, take it again."
          : now >= renewalOpensAt(cert.expiresAt, rule.windowDays)
            ? "Renewal is open: see what it needs on the certificate's page."
            : `Renewal opens ${rule.windowDays} days before expiry; the certificate's page says what it needs.`;
        notify(
          tx,
          [cert.userId],
          {
            kind: "certificate-renewal-reminder",
            title: `Your certificate ${cert.code} expires in ${days} days`,
            body: `Your certificate for ${cert.programmeTitle} expires on ${new Date(cert.expiresAt).toISOString().slice(0, 10)}. ${how}`,
            link: `/certificates/${cert.id}`,
          },
          now,
        );
        sent++;
      },
      { behavior: "immediate" },
    );
  }
  return sent;
}

/**
 * Issues the certificate a learner's records already earn, for when nothing they did since
 * could trigger it (course.yml relaxed a requirement). Same transaction rules as every other
 * issuing action. Returns the learner's current certificate, or null when not yet earned.
 */
export function claimCertificate(db: Db, userId: string, course: Course, now = Date.now()): Certificate | null {
  db.transaction((tx) => void settleCertification(tx, course, userId, now), { behavior: "immediate" });
  return currentCertificate(db, userId, course.slug) ?? null;
}

/** The course page's certification panel: the checklist, and the learner's current certificate. */
export function certificationOverview(db: Db, userId: string, course: Course, now = Date.now()) {
  const programme = programmeOf(course);
  if (!programme || !course.certification) return null;
  const check = eligibility(programme, learnerRecords(db, userId, course.slug));
  const current = currentCertificate(db, userId, course.slug);
  return {
    met: check.met,
    requirements: check.requirements,
    validityMonths: course.certification.validityMonths,
    certificate: current ? { id: current.id, code: current.code, expiresAt: current.expiresAt, state: certificateState(current, now) } : null,
  };
}

/**
 * A clinic's certificates at a glance: how many it issued (and revoked), and the current ones
 * that expire within `days`, soonest first — the technicians who need to renew.
 */
export function clinicCertificates(db: Db, clinicId: string, now = Date.now(), days = 90) {
  const counts = db
    .select({
      issued: sql<number>`count(*)`,
      revoked: sql<number>`coalesce(sum(case when ${certificates.revokedAt} is not null then 1 else 0 end), 0)`,
    })
    .from(certificates)
    .where(eq(certificates.organisationId, clinicId))
    .get();
  const expiring = db
    .select({ id: certificates.id, code: certificates.code, holderName: certificates.holderName, expiresAt: certificates.expiresAt })
    .from(certificates)
    .where(
      and(
        eq(certificates.organisationId, clinicId),
        isNull(certificates.supersededAt),
        isNull(certificates.revokedAt),
        isNull(certificates.holderDeletedAt),
        gt(certificates.expiresAt, now),
        lte(certificates.expiresAt, now + days * DAY),
      ),
    )
    .orderBy(certificates.expiresAt)
    .all();
  return { issued: counts?.issued ?? 0, revoked: counts?.revoked ?? 0, expiring, windowDays: days };
}

/**
 * The refresher quiz that renews the learner's current certificate of a course; NotFound unless
 * they hold one that is not revoked and whose renewal window is open.
 */
export function refresherFor(db: Db, userId: string, course: Course, now = Date.now()): QuizDefinition {
  const current = currentCertificate(db, userId, course.slug);
  const rule = renewalRuleOf(course);
  if (!current || !rule?.refresherQuiz || current.revokedAt !== null || now < renewalOpensAt(current.expiresAt, rule.windowDays)) {
    throw new NotFound("No refresher is open for you");
  }
  return refresherQuiz(course, current.id);
}
