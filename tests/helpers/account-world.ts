// A clinic whose learner has a record in every area Stipple keeps, and a peer with records of
// their own: for the export and deletion tests, which must find the one and never the other.
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { certificates, cohortInstructors, cohortLearners, cohorts, memberships, organisations, quizAttempts, users } from "~/db/schema";
import { loadActor } from "~/modules/auth/actor.server";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession } from "~/modules/auth/session.server";
import type { CaseInput } from "~/modules/certification/case-schema";
import { countersignCase, logCase, stageCasePhoto } from "~/modules/certification/logbook.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import type { Storage } from "~/modules/storage/storage.server";
import { claimSubmission, gradeSubmission } from "~/modules/practicals/review.server";
import { findPractical, stagePhoto, submissionDetail, submitPractical } from "~/modules/practicals/submissions.server";
import { completeModule, enrol, recordModuleVisit } from "~/modules/progress/progress.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/quiz/attempts.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { jpegWithGps } from "./images";

export const COURSE = "smp-practitioner";
export const PRACTICAL = "dot-consistency-grid";
export const PASSWORD = "amber falcon thistle";
const DAY = 24 * 60 * 60 * 1000;

export const course = () => findCourse(COURSE);
export const practical = () => findPractical(course(), PRACTICAL);
export const firstModule = () => course().modules.find((m) => m.quiz)!;

export type Person = Awaited<ReturnType<typeof personIn>>;

async function personIn(db: Db, email: string, name: string, role: "learner" | "instructor" | "clinic_admin" | "admin" = "learner") {
  const user = db
    .insert(users)
    .values({ email, name, passwordHash: await hashPassword(PASSWORD), role })
    .returning()
    .get();
  return { user, cookie: `stipple_session=${createSession(db, user.id).token}`, actor: () => loadActor(db, user) };
}

/** A first answer that is right, the rest left empty: a graded attempt with item results. */
function answerFirst(db: Db, userId: string, attemptId: string) {
  const q = (db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!.questions as DrawnQuestion[])[0]!;
  const pick = (pred: (o: DrawnQuestion["options"][number]) => boolean) => q.options.flatMap((o, i) => (pred(o) ? [String(i)] : []));
  const response =
    q.type === "true-false"
      ? String(q.trueFalse)
      : q.type === "numeric"
        ? String(q.numeric!.value)
        : q.type === "ordering"
          ? q.correctOrder!.map((id) => String(q.options.findIndex((o) => o.bankId === id)))
          : q.type === "multiple"
            ? pick((o) => o.correct)
            : pick((o) => o.correct)[0]!;
  saveAnswer(db, userId, attemptId, 0, response);
}

function caseInput(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    performedOn: new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10),
    sessionNumber: 1,
    area: "hairline",
    hairLossScale: "norwood",
    hairLossStage: "III",
    fitzpatrick: 3,
    needle: "1203RL",
    pigment: "Neutral black",
    dilution: "1:2 with distilled water",
    durationMinutes: 180,
    notes: "Soft front edge.",
    supervisorId: null,
    consent: true,
    ...overrides,
  };
}

/**
 * Gives a learner: enrolment, reading progress, a graded quiz attempt, a graded submission with
 * photos, rubric scores and pins, a countersigned case with a photo, a photo staged and not yet
 * submitted, a certificate, and the notifications all that sends. `tag` marks their free text.
 */
async function recordsFor(db: Db, storage: Storage, learner: Person, instructor: Person, tag: string, code: string) {
  const id = learner.user.id;
  // Each learner's photos differ in size, so no two people's photos are the same bytes.
  const k = tag === "zelda" ? 0 : 16;
  enrol(db, id, COURSE);
  const mod = firstModule();
  recordModuleVisit(db, id, COURSE, mod);
  completeModule(db, id, course(), mod);
  const attemptId = startAttempt(db, id, moduleQuiz(course(), mod.slug));
  answerFirst(db, id, attemptId);
  submitAttempt(db, id, attemptId);

  for (let i = 0; i < practical().photos.min; i++) await stagePhoto(db, storage, id, course(), practical(), await jpegWithGps(640 + k, 480));
  const submissionId = submitPractical(db, id, course(), practical(), { note: `Grid note ${tag}`, consent: true });
  const photoId = submissionDetail(db, instructor.actor(), submissionId).versions[0]!.photos[0]!.id;
  claimSubmission(db, instructor.actor(), submissionId);
  gradeSubmission(db, getCatalogue(), instructor.actor(), submissionId, {
    scores: Object.fromEntries(practical().rubric.criteria.map((c) => [c.id, c.levels.length - 1])),
    pins: [{ photoId, x: 0.25, y: 0.5, comment: `Pin comment ${tag}`, criterionId: practical().rubric.criteria[0]!.id }],
    verdict: "pass",
    feedback: `Feedback ${tag}`,
  });

  await stageCasePhoto(db, storage, id, course(), undefined, await jpegWithGps(800 + k, 600));
  const caseId = logCase(db, id, course(), caseInput({ notes: `Case notes ${tag}` }));
  countersignCase(db, getCatalogue(), instructor.actor(), caseId);

  await stagePhoto(db, storage, id, course(), practical(), await jpegWithGps(320 + k, 240));

  const clinic = db.select({ organisationId: memberships.organisationId }).from(memberships).where(eq(memberships.userId, id)).get();
  const now = Date.now();
  const cert = db
    .insert(certificates)
    .values({
      code,
      userId: id,
      courseSlug: COURSE,
      organisationId: clinic?.organisationId ?? null,
      holderName: learner.user.name,
      programmeTitle: course().title,
      issuerName: "Clinic A",
      issuedAt: now,
      expiresAt: now + 365 * DAY,
      revocationNote: `Internal note ${tag}`,
    })
    .returning()
    .get();
  return { attemptId, submissionId, caseId, certificateCode: cert.code };
}

/** Clinic A: the learner Zelda and her peer Piet in one cohort, their instructor, the clinic admin. */
export async function accountWorld(db: Db, storage: Storage) {
  const learner = await personIn(db, "zelda.quixote@a.example", "Zelda Quixote");
  const peer = await personIn(db, "piet.vandermolen@a.example", "Piet Vandermolen");
  const instructor = await personIn(db, "ines@a.example", "Ines Instructor", "instructor");
  const clinicAdmin = await personIn(db, "carl@a.example", "Carl Admin", "clinic_admin");
  const clinic = db.insert(organisations).values({ name: "Clinic A" }).returning().get();
  db.insert(memberships)
    .values([
      { organisationId: clinic.id, userId: learner.user.id, role: "technician" },
      { organisationId: clinic.id, userId: peer.user.id, role: "technician" },
      { organisationId: clinic.id, userId: instructor.user.id, role: "instructor" },
      { organisationId: clinic.id, userId: clinicAdmin.user.id, role: "admin" },
    ])
    .run();
  const cohort = db.insert(cohorts).values({ organisationId: clinic.id, name: "Autumn", startsOn: "2026-09-01" }).returning().get();
  db.insert(cohortLearners)
    .values([
      { cohortId: cohort.id, userId: learner.user.id },
      { cohortId: cohort.id, userId: peer.user.id },
    ])
    .run();
  db.insert(cohortInstructors).values({ cohortId: cohort.id, userId: instructor.user.id }).run();
  const mine = await recordsFor(db, storage, learner, instructor, "zelda", "STP-ZDAA-9ABC");
  const theirs = await recordsFor(db, storage, peer, instructor, "piet", "STP-PTAA-9ABC");
  return { learner, peer, instructor, clinicAdmin, clinic, mine, theirs };
}
