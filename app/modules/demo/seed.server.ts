import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import {
  auditLog,
  caseSupervisors,
  certificates,
  cohortInstructors,
  healedReviews,
  cohortLearners,
  cohorts,
  memberships,
  moduleProgress,
  organisations,
  quizAttempts,
  submissions,
  supervisedCasePhotos,
  supervisedCases,
  users,
  type Role,
} from "~/db/schema";
import { ACADEMY_COHORT_ID, ACADEMY_ID } from "~/modules/clinics/academy";
import { joinAcademy } from "~/modules/clinics/academy.server";
import { generateToken, hashToken } from "~/modules/auth/token";
import { hashPassword } from "~/modules/auth/password.server";
import { CASE_AREAS } from "~/modules/certification/case-fields";
import { settleCertification } from "~/modules/certification/issue.server";
import type { Course } from "~/modules/content/load-content.server";
import { enrol } from "~/modules/progress/progress.server";
import { EXAM_KEY, moduleQuizKey } from "~/modules/quiz/quiz-definition.server";
import type { StoredPhoto } from "~/modules/photos/stored.server";
import { getStorage, type Storage } from "~/modules/storage/storage.server";
import { DEMO_TRAINEES, renderDemoPhotos, seedAssessment } from "./assessment-seed.server";

/** The documented demo password (README); demo accounts never exist in production. */
export const DEMO_PASSWORD = "stipple-demo-2026";

export const DEMO_ACCOUNTS = [
  { email: "learner@demo.stipple", name: "Lena Learner", role: "learner" },
  { email: "instructor@demo.stipple", name: "Ines Instructor", role: "instructor" },
  { email: "clinic@demo.stipple", name: "Carl Clinic-Admin", role: "clinic_admin" },
  { email: "admin@demo.stipple", name: "Ada Admin", role: "admin" },
  { email: "certified@demo.stipple", name: "Cora Certified", role: "learner" },
  { email: "revoked@demo.stipple", name: "Rex Revoked", role: "learner" },
  { email: "expired@demo.stipple", name: "Eve Expired", role: "learner" },
  { email: "renewing@demo.stipple", name: "Ravi Renewing", role: "learner" },
  { email: "instructor2@demo.stipple", name: "Ivan Instructor", role: "instructor" },
  { email: "lead@demo.stipple", name: "Lea Lead", role: "instructor" },
  { email: "academy@demo.stipple", name: "Aria Academy", role: "instructor" },
  { email: "independent@demo.stipple", name: "Iris Independent", role: "learner" },
  { email: "supervisor@demo.stipple", name: "Sol Supervisor", role: "supervisor" },
] as const satisfies readonly { email: string; name: string; role: Role }[];

export function hasDemoData(db: Db): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).get();
}

/**
 * Creates the demo accounts, the demo clinic and its cohort once; later starts leave them alone.
 * The demo learner is enrolled in every course and taught by the demo instructor.
 */
export async function seedDemo(db: Db, courses: readonly Course[], now = Date.now(), storage: Storage = getStorage()): Promise<void> {
  if (hasDemoData(db)) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const assessed = courses.find((c) => c.certification && c.practicals.some((p) => p.slug === "dot-consistency-grid"));
  const photos = assessed
    ? await renderDemoPhotos(db, storage, assessed, { "dot-consistency-grid": 12, "hairline-design": 1, "density-layering": 2 })
    : new Map();
  db.transaction((tx) => {
    const byEmail = Object.fromEntries(
      DEMO_ACCOUNTS.map((a) => [
        a.email,
        tx.insert(users).values({ email: a.email, name: a.name, role: a.role, passwordHash, isDemo: true }).returning({ id: users.id }).get().id,
      ]),
    ) as Record<(typeof DEMO_ACCOUNTS)[number]["email"], string>;
    const ids = Object.fromEntries(DEMO_ACCOUNTS.slice(0, 4).map((a) => [a.role, byEmail[a.email]])) as Record<Role, string>;
    const clinic = tx.insert(organisations).values({ name: "Demo Clinic", isDemo: true }).returning().get();
    tx.insert(memberships)
      .values([
        { organisationId: clinic.id, userId: ids.learner, role: "technician" },
        { organisationId: clinic.id, userId: ids.instructor, role: "instructor" },
        { organisationId: clinic.id, userId: ids.clinic_admin, role: "admin" },
      ])
      .run();
    const cohort = tx.insert(cohorts).values({ organisationId: clinic.id, name: "Autumn 2026", startsOn: "2026-09-01" }).returning().get();
    tx.insert(cohortLearners).values({ cohortId: cohort.id, userId: ids.learner }).run();
    tx.insert(cohortInstructors).values({ cohortId: cohort.id, userId: ids.instructor }).run();
    // The second demo instructor teaches the same cohort: the second marker of its work.
    tx.insert(cohortInstructors).values({ cohortId: cohort.id, userId: byEmail["instructor2@demo.stipple"] }).run();
    for (const course of courses) enrol(tx, ids.learner, course.slug);
    // Stipple Academy's instructor: learners who sign up without a clinic are hers to assess.
    tx.insert(memberships).values({ organisationId: ACADEMY_ID, userId: byEmail["academy@demo.stipple"], role: "instructor" }).run();
    tx.insert(cohortInstructors).values({ cohortId: ACADEMY_COHORT_ID, userId: byEmail["academy@demo.stipple"] }).run();
    // A practitioner studying alone (in the Academy) and the supervisor she named by email (038):
    // one of her sessions waits for his countersignature.
    const independent = byEmail["independent@demo.stipple"];
    joinAcademy(tx, independent, now);
    for (const course of courses) enrol(tx, independent, course.slug);
    const logbookCourse = courses.find((c) => (c.certification?.supervisedCases ?? 0) > 0);
    if (logbookCourse) {
      const link = tx
        .insert(caseSupervisors)
        .values({
          learnerId: independent,
          email: "supervisor@demo.stipple",
          name: "Sol Supervisor",
          supervisorId: byEmail["supervisor@demo.stipple"],
          qualification: "Demo: licensed tattoo and SMP practitioner, borough licence DEMO-1234",
          tokenHash: hashToken(generateToken()),
          invitedAt: now - 10 * DAY,
          expiresAt: now + 4 * DAY,
          acceptedAt: now - 9 * DAY,
        })
        .returning({ id: caseSupervisors.id })
        .get();
      const waiting = countersignedCase(tx, logbookCourse, independent, byEmail["supervisor@demo.stipple"], now - 3 * DAY, 2).id;
      tx.update(supervisedCases)
        .set({
          supervisorId: null,
          supervisorLinkId: link.id,
          status: "submitted",
          reviewedBy: null,
          reviewedAt: null,
          countersignedAt: null,
          updatedAt: now - 2 * DAY,
        })
        .where(eq(supervisedCases.id, waiting))
        .run();
    }
    let trainees: Record<string, string> = {};
    if (assessed) {
      trainees = Object.fromEntries(
        DEMO_TRAINEES.map((t) => [
          t.email,
          tx.insert(users).values({ email: t.email, name: t.name, role: "learner", passwordHash, isDemo: true }).returning({ id: users.id }).get().id,
        ]),
      );
      seedAssessment(
        tx,
        assessed,
        clinic.id,
        { instructor: ids.instructor, instructor2: byEmail["instructor2@demo.stipple"], lead: byEmail["lead@demo.stipple"] },
        trainees,
        photos,
        now,
      );
    }
    // Three certificate holders, so the README can link all three states of the verify page.
    const course = courses.find((c) => c.certification);
    if (!course) return;
    if (course.certification?.healedReviews) {
      // The demo learner saw a client 30 days ago: the healed-result review can be logged now.
      countersignedCase(tx, course, ids.learner, ids.instructor, now - 30 * DAY, 0);
      // A trainee's healed-result review waits in the instructors' queue, with its photos (drawings).
      const trainee = assessed === course ? DEMO_TRAINEES.find((t) => t.name === "Nia Patel") : undefined;
      if (trainee) {
        const c = countersignedCase(tx, course, trainees[trainee.email]!, ids.instructor, now - 36 * DAY, 1);
        countersignedHealedReview(tx, c, ids.instructor, now - 2 * DAY, { waiting: true, photos: photos.get("density-layering")?.pop() ?? [] });
      }
    }
    const holders = [
      { email: "certified@demo.stipple", code: DEMO_CERTIFICATES.valid, issuedAt: now - 30 * DAY },
      { email: "revoked@demo.stipple", code: DEMO_CERTIFICATES.revoked, issuedAt: now - 60 * DAY },
      { email: "expired@demo.stipple", code: DEMO_CERTIFICATES.expired, issuedAt: now - 800 * DAY },
      // Expires in about two months: renewal is open, the 90-day reminder goes out on start.
      { email: "renewing@demo.stipple", code: DEMO_CERTIFICATES.renewing, issuedAt: now - 670 * DAY },
    ] as const;
    for (const holder of holders) {
      const userId = byEmail[holder.email];
      tx.insert(memberships).values({ organisationId: clinic.id, userId, role: "technician" }).run();
      tx.insert(cohortLearners).values({ cohortId: cohort.id, userId }).run();
      enrol(tx, userId, course.slug, holder.issuedAt - 120 * DAY);
      completeProgramme(tx, course, userId, ids.instructor, holder.issuedAt);
      const cert = settleCertification(tx, course, userId, holder.issuedAt, () => holder.code);
      if (!cert) throw new Error(`demo seed: ${holder.email} did not earn a certificate — the demo records no longer meet course.yml`);
      // One of the two cases renewal asks for is already logged and countersigned.
      if (holder.code === DEMO_CERTIFICATES.renewing) countersignedCase(tx, course, userId, ids.instructor, now - 20 * DAY, 0);
      if (holder.code === DEMO_CERTIFICATES.revoked) {
        tx.update(certificates)
          .set({
            revokedAt: now - 5 * DAY,
            revokedBy: ids.clinic_admin,
            revocationReason: "requirements-not-met",
            revocationNote: "Demo: a supervised case was found to be logged twice.",
          })
          .where(eq(certificates.id, cert.id))
          .run();
        tx.insert(auditLog)
          .values({
            actorId: ids.clinic_admin,
            action: "certificate-revoked",
            detail: { certificateId: cert.id, code: holder.code, reason: "requirements-not-met" },
            createdAt: now - 5 * DAY,
          })
          .run();
      }
    }
  });
}

const DAY = 24 * 60 * 60 * 1000;

/** Fixed codes of the demo certificates (demo mode only), listed in the README. */
export const DEMO_CERTIFICATES = { valid: "STP-DEMV-9VAD", revoked: "STP-DEMV-9REV", expired: "STP-DEMV-9EXP", renewing: "STP-DEMV-9RNW" } as const;

/**
 * Records that meet every requirement of the course's programme, dated before `at`: modules
 * read, quizzes and exam passed, practicals passed, cases countersigned by `supervisorId`.
 * (Also used by tests to build a learner one step short of a certificate.)
 */
export function completeProgramme(tx: DbOrTx, course: Course, userId: string, supervisorId: string, at: number): void {
  const rules = course.certification!;
  let t = at - 100 * DAY;
  const tick = () => (t += 2 * DAY);
  for (const m of course.modules.filter((x) => x.status !== "outline")) {
    const when = tick();
    tx.insert(moduleProgress)
      .values({ userId, courseSlug: course.slug, moduleSlug: m.slug, contentHash: m.hash, startedAt: when, completedAt: when })
      .onConflictDoUpdate({ target: [moduleProgress.userId, moduleProgress.courseSlug, moduleProgress.moduleSlug], set: { completedAt: when } })
      .run();
  }
  const quizKeys = [...course.modules.filter((m) => m.quiz).map((m) => moduleQuizKey(m.slug)), ...(rules.finalExam ? [EXAM_KEY] : [])];
  for (const quizKey of quizKeys) {
    const when = tick();
    tx.insert(quizAttempts)
      .values({
        userId,
        courseSlug: course.slug,
        quizKey,
        bankHash: "demo",
        seed: "demo",
        questions: [],
        passMark: 0.8,
        startedAt: when,
        deadlineAt: when + 30 * 60_000,
        submittedAt: when + 15 * 60_000,
        score: 9,
        maxScore: 10,
        passed: true,
      })
      .run();
  }
  for (const slug of rules.practicals) {
    const when = tick();
    tx.insert(submissions)
      .values({
        learnerId: userId,
        courseSlug: course.slug,
        practicalSlug: slug,
        version: 1,
        note: "Demo submission.",
        consentConfirmedAt: when,
        briefHash: "demo",
        status: "passed",
        createdAt: when,
        gradedBy: supervisorId,
        gradedAt: when + DAY,
        verdict: "pass",
        feedback: "Even depth and spacing throughout.",
        points: 9,
        maxPoints: 10,
      })
      .run();
  }
  // The cases well before `at`, so each healed-result review (30 days after its session) is too.
  const cases = Array.from({ length: rules.supervisedCases }, (_, i) =>
    countersignedCase(tx, course, userId, supervisorId, Math.min(tick(), at - (60 - 2 * i) * DAY), i),
  );
  for (const c of cases.slice(0, rules.healedReviews)) countersignedHealedReview(tx, c, supervisorId, c.at + 30 * DAY);
}

/**
 * A healed-result review of a demo case seen at `when` (4 to 6 weeks after its session), with
 * `photos` if given, countersigned by `supervisorId` a day later unless `waiting`.
 */
export function countersignedHealedReview(
  tx: DbOrTx,
  c: { id: string },
  supervisorId: string,
  when: number,
  options: { waiting?: boolean; photos?: StoredPhoto[] } = {},
): void {
  const signed = !options.waiting;
  tx.insert(healedReviews)
    .values({
      caseId: c.id,
      reviewedOn: new Date(when).toISOString().slice(0, 10),
      healedColour: "as-planned",
      retention: "even",
      spread: "none",
      reaction: false,
      nextStep: "top-up",
      notes: "Demo review: colour settled to the planned soft charcoal; a top-up session will add density where a few dots faded.",
      consentConfirmedAt: when,
      status: signed ? "countersigned" : "submitted",
      reviewedBy: signed ? supervisorId : null,
      reviewedAt: signed ? when + DAY : null,
      countersignedAt: signed ? when + DAY : null,
      createdAt: when,
      updatedAt: signed ? when + DAY : when,
    })
    .run();
  for (const [i, photo] of (options.photos ?? []).entries())
    tx.insert(supervisedCasePhotos)
      .values({ caseId: c.id, position: 100 + i, stage: "healed", ...photo })
      .run();
}

/** A supervised case performed at `when`, countersigned by `supervisorId` a day later (demo records). */
export function countersignedCase(tx: DbOrTx, course: Course, userId: string, supervisorId: string, when: number, i: number): { id: string; at: number } {
  const row = tx
    .insert(supervisedCases)
    .values({
      learnerId: userId,
      courseSlug: course.slug,
      supervisorId,
      performedOn: new Date(when).toISOString().slice(0, 10),
      sessionNumber: (i % 3) + 1,
      area: CASE_AREAS[i % CASE_AREAS.length]!,
      hairLossScale: "norwood",
      hairLossStage: ["III", "IV", "V", "VI"][i % 4]!,
      fitzpatrick: (i % 6) + 1,
      needle: "1RL 0.25 mm",
      pigment: "Neutral black",
      dilution: "Diluted for a first session, as taught in module 3",
      durationMinutes: 150,
      notes: "Demo case: even impressions, no blowouts, client comfortable throughout.",
      consentConfirmedAt: when,
      status: "countersigned",
      reviewedBy: supervisorId,
      reviewedAt: when + DAY,
      countersignedAt: when + DAY,
      createdAt: when,
      updatedAt: when + DAY,
    })
    .returning({ id: supervisedCases.id })
    .get();
  return { id: row.id, at: when };
}
