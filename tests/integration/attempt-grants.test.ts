import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { auditLog, notifications, quizAttemptGrants } from "~/db/schema";
import { findCourse } from "~/modules/content/catalogue.server";
import { Conflict, NotFound } from "~/modules/errors";
import { enrol } from "~/modules/progress/progress.server";
import { grantAttempt } from "~/modules/quiz/grants.server";
import { quizStatus, startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { quizLanding } from "~/modules/quiz/landing.server";
import { moduleQuiz, quizByKey } from "~/modules/quiz/quiz-definition.server";
import { action as reviewAction, loader as reviewLoader } from "~/routes/attempts.$attemptId_.review";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";

const COURSE = "smp-practitioner";
const MIN = 60_000;
const course = () => findCourse(COURSE);
const quiz = () => moduleQuiz(course(), "skin-anatomy-and-puncture-depth");
const quizOf = (courseSlug: string, key: string) => quizByKey(findCourse(courseSlug), key);
let db: Db;

beforeEach(() => {
  db = createTestDb();
});

/** Clinic A: the learner in cohort Autumn with their instructor, and the clinic admin; clinic B: an instructor. */
function world() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const clinicAdmin = person(db, "carl@a.example", "clinic_admin");
  const outsider = person(db, "olga@b.example", "instructor");
  const a = clinic(db, "A", { technicians: [learner], instructors: [instructor], admins: [clinicAdmin] });
  clinic(db, "B", { instructors: [outsider] });
  cohort(db, a, "Autumn", { learners: [learner], instructors: [instructor] });
  enrol(db, learner.user.id, COURSE);
  return { learner, instructor, clinicAdmin, outsider };
}

/** Fails every attempt the learner has left (empty answers), each after the cool-down; returns the last attempt and the clock. */
function failAll(learnerId: string, from: number): { last: string; now: number } {
  let now = from;
  let last = "";
  while (quizStatus(db, learnerId, quiz(), now).attemptsLeft > 0) {
    last = startAttempt(db, learnerId, quiz(), now);
    expect(submitAttempt(db, learnerId, last, now + MIN).passed).toBe(false);
    now += quiz().settings.cooldownMinutes * MIN + 2 * MIN;
  }
  return { last, now };
}

const usedUp = (userId: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "attempts-used-up")))
    .all();

describe("granting another attempt", () => {
  it("tells the instructors when the last attempt fails, and lets one of them grant exactly one more", async () => {
    const { learner, instructor } = world();
    const { last, now } = failAll(learner.user.id, Date.now());
    expect(quizStatus(db, learner.user.id, quiz(), now).next).toMatchObject({ action: "none" });
    expect(() => startAttempt(db, learner.user.id, quiz(), now)).toThrow(Conflict);
    const told = usedUp(instructor.user.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/attempts/${last}/review`);

    const page = await call(reviewLoader, {
      request: get(`/attempts/${last}/review`, instructor.cookie),
      params: { attemptId: last },
      context: contextFor(db),
    });
    expect(page.body).toMatchObject({ canGrant: true });
    const granted = await call(reviewAction, {
      request: postForm(`/attempts/${last}/review`, { intent: "grant-attempt" }, instructor.cookie),
      params: { attemptId: last },
      context: contextFor(db),
    });
    expect(granted.status).toBe(302);
    // A second click finds attempts left: nothing more is granted.
    const again = await call(reviewAction, {
      request: postForm(`/attempts/${last}/review`, { intent: "grant-attempt" }, instructor.cookie),
      params: { attemptId: last },
      context: contextFor(db),
    });
    expect(again.status).toBe(409);
    expect(db.select().from(quizAttemptGrants).all()).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "quiz-attempt-granted")).all()).toHaveLength(1);
    expect(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.kind, "attempt-granted"))
        .all()
        .map((n) => n.userId),
    ).toEqual([learner.user.id]);

    expect(quizStatus(db, learner.user.id, quiz(), now).attemptsLeft).toBe(1);
    expect(quizLanding(db, learner.user.id, course(), quiz(), now)).toMatchObject({ attemptsAllowed: quiz().settings.attempts, attemptsGranted: 1 });
    expect((page.body as { review: { learnerName: string } }).review.learnerName).toBe("lena");
    const extra = startAttempt(db, learner.user.id, quiz(), now);
    submitAttempt(db, learner.user.id, extra, now + MIN);
    expect(usedUp(instructor.user.id)).toHaveLength(2);
    // Used up again: another grant is possible, for this new exhaustion.
    grantAttempt(db, instructor.actor(), extra, quizOf, now + 2 * MIN);
    expect(db.select().from(quizAttemptGrants).all()).toHaveLength(2);
  });

  it("is not for the learner, their clinic's admin or another clinic's instructor, nor while attempts remain", async () => {
    const { learner, instructor, clinicAdmin, outsider } = world();
    const first = startAttempt(db, learner.user.id, quiz());
    submitAttempt(db, learner.user.id, first);
    expect(() => grantAttempt(db, instructor.actor(), first, quizOf)).toThrow(Conflict); // attempts remain
    const { last } = failAll(learner.user.id, Date.now() + 2 * quiz().settings.cooldownMinutes * MIN);
    expect(() => grantAttempt(db, learner.actor(), last, quizOf)).toThrow(Conflict);
    expect(() => grantAttempt(db, clinicAdmin.actor(), last, quizOf)).toThrow(Conflict);
    expect(() => grantAttempt(db, outsider.actor(), last, quizOf)).toThrow(NotFound);
    const outsiderPost = await call(reviewAction, {
      request: postForm(`/attempts/${last}/review`, { intent: "grant-attempt" }, outsider.cookie),
      params: { attemptId: last },
      context: contextFor(db),
    });
    expect(outsiderPost.status).toBe(404);
    const adminPage = await call(reviewLoader, {
      request: get(`/attempts/${last}/review`, clinicAdmin.cookie),
      params: { attemptId: last },
      context: contextFor(db),
    });
    expect(adminPage.body).toMatchObject({ canGrant: false });
    expect(db.select().from(quizAttemptGrants).all()).toHaveLength(0);
  });
});
