// Hole 1 of the trust review: an instructor removed from a clinic kept opening and grading their
// former learners' work. Authority now needs an active membership in the learner's clinic, and
// removal ends cohort roles and releases grading claims in the same transaction.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { cohortInstructors, memberships, quizAttempts, submissions, supervisedCases } from "~/db/schema";
import { action as membersAction } from "~/routes/clinic.members";
import { action as cohortAction, loader as cohortLoader } from "~/routes/clinic.cohorts.$id";
import { loader as attemptReviewLoader } from "~/routes/attempts.$attemptId_.review";
import { loader as submissionLoader } from "~/routes/submissions.$id";
import { loader as queueLoader } from "~/routes/review._index";
import { action as gradeAction, loader as gradeLoader } from "~/routes/review.$submissionId";
import { action as caseAction, loader as caseLoader } from "~/routes/logbook_.$caseId";
import { contextFor, createTestDb } from "../../helpers/db";
import { call, get, postForm } from "../../helpers/http";
import { clinic, cohort, person } from "../../helpers/world";

const COURSE = "smp-practitioner";
const PRACTICAL = "dot-consistency-grid";
let db: Db;

/** Clinic Alpha: the learner in cohort Autumn with their instructor, the clinic admin, and work of the learner's waiting for the instructor. */
function world() {
  const learner = person(db, "lena@alpha.example");
  const instructor = person(db, "ines@alpha.example", "instructor");
  const admin = person(db, "carl@alpha.example", "clinic_admin");
  const alpha = clinic(db, "Alpha", { technicians: [learner], instructors: [instructor], admins: [admin] });
  const autumn = cohort(db, alpha, "Autumn", { learners: [learner], instructors: [instructor] });
  const now = Date.now();
  const attempt = db
    .insert(quizAttempts)
    .values({
      userId: learner.user.id,
      courseSlug: COURSE,
      quizKey: "module:01-skin-anatomy-and-puncture-depth",
      bankHash: "t",
      seed: "t",
      questions: [],
      passMark: 0.8,
      startedAt: now - 60_000,
      deadlineAt: now + 60_000,
      submittedAt: now - 1000,
      score: 5,
      maxScore: 10,
      passed: false,
    })
    .returning()
    .get();
  const submission = db
    .insert(submissions)
    .values({
      learnerId: learner.user.id,
      courseSlug: COURSE,
      practicalSlug: PRACTICAL,
      version: 1,
      note: "",
      consentConfirmedAt: now,
      briefHash: "t",
      status: "submitted",
      createdAt: now,
    })
    .returning()
    .get();
  const supervised = db
    .insert(supervisedCases)
    .values({
      learnerId: learner.user.id,
      courseSlug: COURSE,
      supervisorId: instructor.user.id,
      performedOn: new Date(now).toISOString().slice(0, 10),
      sessionNumber: 1,
      area: "hairline",
      hairLossScale: "norwood",
      hairLossStage: "III",
      fitzpatrick: 2,
      needle: "1RL 0.25 mm",
      pigment: "Neutral black",
      dilution: "Undiluted",
      durationMinutes: 120,
      notes: "",
      consentConfirmedAt: now,
      status: "submitted",
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  const instructorMembership = db.select().from(memberships).where(eq(memberships.userId, instructor.user.id)).get()!;
  return { clinic: alpha, cohort: autumn, learner, instructor, admin, attempt, submission, supervised, instructorMembership };
}

const ctx = () => contextFor(db);
const grade = { intent: "grade", verdict: "pass", feedback: "Even throughout." };

beforeEach(() => {
  db = createTestDb();
});

describe("an instructor removed from the clinic", () => {
  it("loses every page and action over former learners, and their claim is released", async () => {
    const w = world();
    const asInstructor = w.instructor.cookie;
    const pages = () => [
      call(attemptReviewLoader, { request: get(`/attempts/${w.attempt.id}/review`, asInstructor), params: { attemptId: w.attempt.id }, context: ctx() }),
      call(submissionLoader, { request: get(`/submissions/${w.submission.id}`, asInstructor), params: { id: w.submission.id }, context: ctx() }),
      call(caseLoader, { request: get(`/logbook/${w.supervised.id}`, asInstructor), params: { caseId: w.supervised.id }, context: ctx() }),
    ];
    // Before: the cohort instructor sees all three, and opening the submission claims it.
    for (const page of await Promise.all(pages())) expect(page.status).toBe(200);
    expect(
      (await call(gradeLoader, { request: get(`/review/${w.submission.id}`, asInstructor), params: { submissionId: w.submission.id }, context: ctx() })).status,
    ).toBe(200);
    expect(db.select().from(submissions).where(eq(submissions.id, w.submission.id)).get()).toMatchObject({
      claimedBy: w.instructor.user.id,
      status: "in_review",
    });

    const removed = await call(membersAction, {
      request: postForm("/clinic/members", { intent: "remove", id: w.instructorMembership.id }, w.admin.cookie),
      params: {},
      context: ctx(),
    });
    expect(removed.status).toBe(302);

    // Cohort role ended and claim released in the same step.
    expect(db.select().from(cohortInstructors).all()).toHaveLength(0);
    expect(db.select().from(submissions).where(eq(submissions.id, w.submission.id)).get()).toMatchObject({
      claimedBy: null,
      claimExpiresAt: null,
      status: "submitted",
    });

    for (const page of await Promise.all(pages())) expect(page.status).toBe(404);
    expect(
      (await call(gradeLoader, { request: get(`/review/${w.submission.id}`, asInstructor), params: { submissionId: w.submission.id }, context: ctx() })).status,
    ).toBe(404);
    for (const intent of ["draft", "grade"]) {
      const posted = await call(gradeAction, {
        request: postForm(`/review/${w.submission.id}`, { ...grade, intent }, asInstructor),
        params: { submissionId: w.submission.id },
        context: ctx(),
      });
      expect(posted.status, intent).toBe(404);
    }
    const countersign = await call(caseAction, {
      request: postForm(`/logbook/${w.supervised.id}`, { intent: "countersign" }, asInstructor),
      params: { caseId: w.supervised.id },
      context: ctx(),
    });
    expect(countersign.status).toBe(404);
    const queue = await call(queueLoader, { request: get("/review", asInstructor), params: {}, context: ctx() });
    expect(JSON.stringify(queue.body)).not.toContain(w.submission.id);
    expect(db.select().from(submissions).where(eq(submissions.id, w.submission.id)).get()).toMatchObject({ status: "submitted", gradedBy: null });
    expect(db.select().from(supervisedCases).where(eq(supervisedCases.id, w.supervised.id)).get()).toMatchObject({
      status: "submitted",
      countersignedAt: null,
    });
  });

  it("grants nothing through a cohort link left behind, and the cohort page shows that link so the admin can end it", async () => {
    const w = world();
    // As a removal before the fix left things: membership ended, cohort link still there.
    db.update(memberships).set({ removedAt: Date.now() }).where(eq(memberships.id, w.instructorMembership.id)).run();
    expect(
      (await call(submissionLoader, { request: get(`/submissions/${w.submission.id}`, w.instructor.cookie), params: { id: w.submission.id }, context: ctx() }))
        .status,
    ).toBe(404);
    expect(
      (await call(gradeLoader, { request: get(`/review/${w.submission.id}`, w.instructor.cookie), params: { submissionId: w.submission.id }, context: ctx() }))
        .status,
    ).toBe(404);
    const queue = await call(queueLoader, { request: get("/review", w.instructor.cookie), params: {}, context: ctx() });
    expect(JSON.stringify(queue.body)).not.toContain(w.submission.id);

    const page = await call(cohortLoader, { request: get(`/clinic/cohorts/${w.cohort.id}`, w.admin.cookie), params: { id: w.cohort.id }, context: ctx() });
    expect((page.body as { matrix: { instructors: { id: string; active: boolean }[] } }).matrix.instructors).toEqual([
      expect.objectContaining({ id: w.instructor.user.id, active: false }),
    ]);
    const ended = await call(cohortAction, {
      request: postForm(`/clinic/cohorts/${w.cohort.id}`, { intent: "remove", userId: w.instructor.user.id }, w.admin.cookie),
      params: { id: w.cohort.id },
      context: ctx(),
    });
    expect(ended.status).toBe(302);
    expect(db.select().from(cohortInstructors).all()).toHaveLength(0);
  });

  it("the clinic admin can take an active instructor off one cohort, ending their authority over it", async () => {
    const w = world();
    await call(cohortAction, {
      request: postForm(`/clinic/cohorts/${w.cohort.id}`, { intent: "remove", userId: w.instructor.user.id }, w.admin.cookie),
      params: { id: w.cohort.id },
      context: ctx(),
    });
    expect(
      (await call(submissionLoader, { request: get(`/submissions/${w.submission.id}`, w.instructor.cookie), params: { id: w.submission.id }, context: ctx() }))
        .status,
    ).toBe(404);
  });
});
