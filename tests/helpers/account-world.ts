// A clinic whose learner has a record in every area Stipple keeps, and a peer with records of
// their own: for the export and deletion tests, which must find the one and never the other.
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { certificates, memberships, quizAttempts } from "~/db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import type { CaseInput } from "~/modules/certification/case-schema";
import { stageCasePhoto } from "~/modules/certification/case-photos.server";
import { logCase } from "~/modules/certification/cases.server";
import { countersignCase } from "~/modules/certification/countersigning.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import type { Storage } from "~/modules/storage/storage.server";
import { claimSubmission, gradeSubmission } from "~/modules/practicals/review.server";
import { stagePhoto } from "~/modules/photos/staging.server";
import { findPractical, submissionDetail, submitPractical } from "~/modules/practicals/submissions.server";
import { completeModule, enrol, recordModuleVisit } from "~/modules/progress/progress.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { jpegWithGps } from "./images";
import { clinic, cohort, person, type Person, secondMarkingRate } from "./world";

export const COURSE = "smp-practitioner";
export const PRACTICAL = "dot-consistency-grid";
export const PASSWORD = "amber falcon thistle";
const DAY = 24 * 60 * 60 * 1000;

export const course = () => findCourse(COURSE);
export const practical = () => findPractical(course(), PRACTICAL);
export const firstModule = () => course().modules.find((m) => m.quiz)!;

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
  // Everyone signs in with PASSWORD (the deletion tests ask for it again).
  const passwordHash = await hashPassword(PASSWORD);
  const learner = person(db, "zelda.quixote@a.example", "learner", { name: "Zelda Quixote", passwordHash });
  const peer = person(db, "piet.vandermolen@a.example", "learner", { name: "Piet Vandermolen", passwordHash });
  const instructor = person(db, "ines@a.example", "instructor", { name: "Ines Instructor", passwordHash });
  const clinicAdmin = person(db, "carl@a.example", "clinic_admin", { name: "Carl Admin", passwordHash });
  const clinicA = clinic(db, "Clinic A", { technicians: [learner, peer], instructors: [instructor], admins: [clinicAdmin] });
  cohort(db, clinicA, "Autumn", { learners: [learner, peer], instructors: [instructor] });
  secondMarkingRate(db, clinicA, 0); // one marker: the first grade is final
  const mine = await recordsFor(db, storage, learner, instructor, "zelda", "STP-ZDAA-9ABC");
  const theirs = await recordsFor(db, storage, peer, instructor, "piet", "STP-PTAA-9ABC");
  return { learner, peer, instructor, clinicAdmin, clinic: clinicA, mine, theirs };
}
