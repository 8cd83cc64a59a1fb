import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";
import {
  certificates,
  healedReviews,
  memberships,
  moduleProgress,
  organisations,
  quizAttempts,
  submissions,
  supervisedCases,
  users,
  type Certificate,
} from "~/db/schema";
import type { Course } from "~/modules/content/load-content.server";
import { notify } from "~/modules/notifications/notify.server";
import { EXAM_KEY, refresherQuizKey } from "~/modules/quiz/quiz-definition.server";
import {
  eligibility,
  expiryDate,
  generateCertificateCode,
  renewalEligibility,
  renewalOpensAt,
  renewedExpiry,
  type LearnerRecords,
  type Programme,
  type RenewalRule,
} from "./eligibility";
import { buildTranscript } from "./transcript.server";

/** The programme a course's certificate asks for, or null when the course certifies nothing. */
export function programmeOf(course: Course): Programme | null {
  const rules = course.certification;
  if (!rules) return null;
  return {
    // Outline modules cannot be completed, so they cannot be asked for.
    modules: course.modules.filter((m) => m.status !== "outline").map((m) => ({ slug: m.slug, title: m.title, hasQuiz: !!m.quiz })),
    practicals: rules.practicals.map((slug) => ({ slug, title: course.practicals.find((p) => p.slug === slug)?.title ?? slug })),
    finalExam: rules.finalExam && !!course.exam,
    supervisedCases: rules.supervisedCases,
    healedReviews: rules.healedReviews,
  };
}

export function renewalRuleOf(course: Course): RenewalRule | null {
  const renewal = course.certification?.renewal;
  if (!renewal) return null;
  return { windowDays: renewal.windowDays, refresherQuiz: !!renewal.refresherQuiz, casesSinceIssue: renewal.casesSinceIssue };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A learner's records for a course as eligibility reads them. */
export function learnerRecords(db: DbOrTx, learnerId: string, courseSlug: string): LearnerRecords {
  const completedModules = new Set(
    db
      .select({ slug: moduleProgress.moduleSlug })
      .from(moduleProgress)
      .where(and(eq(moduleProgress.userId, learnerId), eq(moduleProgress.courseSlug, courseSlug), isNotNull(moduleProgress.completedAt)))
      .all()
      .map((r) => r.slug),
  );
  const passedKeys = new Set(
    db
      .selectDistinct({ key: quizAttempts.quizKey })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, learnerId), eq(quizAttempts.courseSlug, courseSlug), eq(quizAttempts.passed, true)))
      .all()
      .map((r) => r.key),
  );
  const passedQuizzes = new Set([...passedKeys].filter((k) => k.startsWith("module:")).map((k) => k.slice("module:".length)));
  const passedPracticals = new Set(
    db
      .selectDistinct({ slug: submissions.practicalSlug })
      .from(submissions)
      .where(and(eq(submissions.learnerId, learnerId), eq(submissions.courseSlug, courseSlug), eq(submissions.status, "passed")))
      .all()
      .map((r) => r.slug),
  );
  return {
    completedModules,
    passedQuizzes,
    examPassed: passedKeys.has(EXAM_KEY),
    passedPracticals,
    countersignedCases: countersignedCases(db, learnerId, courseSlug),
    countersignedHealedReviews: countersignedHealedReviews(db, learnerId, courseSlug),
  };
}

/** Countersigned healed-result reviews of the learner's cases in a course. */
export function countersignedHealedReviews(db: DbOrTx, learnerId: string, courseSlug: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(healedReviews)
      .innerJoin(supervisedCases, eq(supervisedCases.id, healedReviews.caseId))
      .where(and(eq(supervisedCases.learnerId, learnerId), eq(supervisedCases.courseSlug, courseSlug), eq(healedReviews.status, "countersigned")))
      .get()?.n ?? 0
  );
}

/**
 * Countersigned supervised cases; with `since`, only those performed on or after its day and
 * countersigned after it (so the case that completed a certificate never also counts towards
 * renewing it).
 */
export function countersignedCases(db: DbOrTx, learnerId: string, courseSlug: string, since?: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(supervisedCases)
      .where(
        and(
          eq(supervisedCases.learnerId, learnerId),
          eq(supervisedCases.courseSlug, courseSlug),
          eq(supervisedCases.status, "countersigned"),
          since === undefined ? undefined : sql`${supervisedCases.performedOn} >= ${isoDay(since)} and ${supervisedCases.countersignedAt} > ${since}`,
        ),
      )
      .get()?.n ?? 0
  );
}

/** What the holder of `cert` has done towards renewing it. */
export function renewalRecords(db: DbOrTx, cert: Pick<Certificate, "id" | "userId" | "courseSlug" | "issuedAt">) {
  const refresherPassed = !!db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, cert.userId), eq(quizAttempts.quizKey, refresherQuizKey(cert.id)), eq(quizAttempts.passed, true)))
    .get();
  return { refresherPassed, casesSinceIssue: countersignedCases(db, cert.userId, cert.courseSlug, cert.issuedAt) };
}

/** The first certificate a learner holds for a course, if any. */
function firstCertificate(db: DbOrTx, learnerId: string, courseSlug: string): Certificate | undefined {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, learnerId), eq(certificates.courseSlug, courseSlug), isNull(certificates.supersedesId)))
    .get();
}

/** The newest certificate of a learner for a course (the one no renewal has replaced), if any. */
export function currentCertificate(db: DbOrTx, learnerId: string, courseSlug: string): Certificate | undefined {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, learnerId), eq(certificates.courseSlug, courseSlug), isNull(certificates.supersededAt)))
    .orderBy(desc(certificates.issuedAt))
    .get();
}

/** A new certificate row: holder, programme, issuer and transcript copied now, so it never changes later. */
function insertCertificate(
  tx: DbOrTx,
  course: Course,
  learnerId: string,
  dates: { issuedAt: number; expiresAt: number; supersedesId?: string },
  newCode: () => string,
): Certificate {
  const values = {
    userId: learnerId,
    courseSlug: course.slug,
    programmeTitle: course.title,
    ...holderFacts(tx, learnerId),
    transcript: buildTranscript(tx, course, learnerId),
    ...dates,
  };
  // Codes are random; on the rare collision draw again rather than fail the learner's action.
  for (let i = 0; ; i++) {
    const code = newCode();
    if (i < 5 && tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.code, code)).get()) continue;
    return tx
      .insert(certificates)
      .values({ ...values, code })
      .returning()
      .get();
  }
}

function holderFacts(tx: DbOrTx, learnerId: string) {
  const holder = tx.select({ name: users.name }).from(users).where(eq(users.id, learnerId)).get();
  const clinic = tx
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, learnerId), isNull(memberships.removedAt)))
    .get();
  return { holderName: holder?.name ?? "", organisationId: clinic?.id ?? null, issuerName: clinic?.name ?? null };
}

/**
 * Issues the certificate a learner's records now earn, if any: the first certificate once every
 * requirement is met, or a renewal once the renewal window is open and its requirements are met.
 * Call it inside the transaction of every action that can meet a requirement (completing a
 * module, submitting a quiz, a practical passed, a case countersigned); the unique indexes make
 * a second issue impossible even if two such transactions raced. A revoked certificate is never
 * replaced automatically. Returns the certificate issued now, or null. (`newCode` is for the demo
 * seed's fixed codes; everyone else gets random ones.)
 */
export function settleCertification(
  tx: DbOrTx,
  course: Course,
  learnerId: string,
  now = Date.now(),
  newCode: () => string = generateCertificateCode,
): Certificate | null {
  const programme = programmeOf(course);
  if (!programme || !course.certification) return null;
  const first = firstCertificate(tx, learnerId, course.slug);
  if (!first) {
    if (!eligibility(programme, learnerRecords(tx, learnerId, course.slug)).met) return null;
    const cert = insertCertificate(tx, course, learnerId, { issuedAt: now, expiresAt: expiryDate(now, course.certification.validityMonths) }, newCode);
    notify(
      tx,
      [learnerId],
      {
        kind: "certificate-issued",
        title: `Your certificate for "${course.title}" is ready`,
        body: `You met every requirement of ${course.title}. Your certificate ${cert.code} is valid until ${isoDay(cert.expiresAt)}; download it or share its verification link.`,
        link: `/certificates/${cert.id}`,
      },
      now,
    );
    return cert;
  }
  const rule = renewalRuleOf(course);
  const current = currentCertificate(tx, learnerId, course.slug);
  if (!rule || !current || current.revokedAt !== null || now < renewalOpensAt(current.expiresAt, rule.windowDays)) return null;
  if (!renewalEligibility(rule, renewalRecords(tx, current)).met) return null;
  const superseded = tx
    .update(certificates)
    .set({ supersededAt: now })
    .where(and(eq(certificates.id, current.id), isNull(certificates.supersededAt)))
    .run();
  if (superseded.changes !== 1) return null;
  const renewed = insertCertificate(
    tx,
    course,
    learnerId,
    { issuedAt: now, expiresAt: renewedExpiry(current.expiresAt, now, course.certification.validityMonths), supersedesId: current.id },
    newCode,
  );
  notify(
    tx,
    [learnerId],
    {
      kind: "certificate-renewed",
      title: `Your certificate for "${course.title}" is renewed`,
      body: `Your new certificate ${renewed.code} replaces ${current.code} and is valid until ${isoDay(renewed.expiresAt)}.`,
      link: `/certificates/${renewed.id}`,
    },
    now,
  );
  return renewed;
}
