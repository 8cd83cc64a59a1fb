import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import { findCourse } from "~/modules/content/catalogue.server";
import { enrol } from "~/modules/progress/progress.server";
import { startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { catalogueQuiz, moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import { attemptReview } from "~/modules/quiz/review.server";
import { loader as reviewLoader } from "~/routes/attempts.$attemptId_.review";
import { loader as landingLoader } from "~/routes/courses.$course.$module_.quiz";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { person } from "../helpers/world";

const COURSE = "smp-practitioner";
const MODULE = "skin-anatomy-and-puncture-depth";
const MIN = 60_000;
let db: Db;

beforeEach(() => {
  db = createTestDb();
});

const quiz = () => moduleQuiz(findCourse(COURSE), MODULE);

function learner() {
  const who = person(db, "lena@clinic.example");
  enrol(db, who.user.id, COURSE);
  return who;
}

/** Starts and submits an attempt with nothing answered: a fail. */
function failedAttempt(userId: string, at: number) {
  const id = startAttempt(db, userId, quiz(), at);
  submitAttempt(db, userId, id, at + MIN);
  return id;
}

describe("the review says when the next attempt opens", () => {
  it("after a fail, names the moment the cool-down ends; once it has, says an attempt can start now", () => {
    const who = learner();
    const { user } = who;
    const t0 = Date.UTC(2026, 4, 4, 9);
    const id = failedAttempt(user.id, t0);
    const cooldown = quiz().settings.cooldownMinutes * MIN;
    expect(cooldown).toBeGreaterThan(0);
    const during = attemptReview(db, who.actor(), id, catalogueQuiz, t0 + 2 * MIN);
    expect(during.nextAttempt).toEqual({ kind: "cooldown", opensAt: t0 + MIN + cooldown, serverNow: t0 + 2 * MIN });
    const after = attemptReview(db, who.actor(), id, catalogueQuiz, t0 + MIN + cooldown);
    expect(after.nextAttempt).toEqual({ kind: "now", attemptsLeft: quiz().settings.attempts - 1 });
  });

  it("says nothing about a next attempt once the learner has passed, and nothing to staff", async () => {
    const { user, cookie } = learner();
    const id = startAttempt(db, user.id, quiz());
    db.update(quizAttempts).set({ passMark: 0 }).where(eq(quizAttempts.id, id)).run();
    submitAttempt(db, user.id, id);
    const page = await call(reviewLoader, { request: get(`/attempts/${id}/review`, cookie), params: { attemptId: id }, context: contextFor(db) });
    expect(page.status).toBe(200);
    expect((page.body as { review: { passed: boolean; nextAttempt: unknown } }).review).toMatchObject({ passed: true, nextAttempt: null });
  });

  it("reaches the page: the loader hands the cool-down to the learner's review", async () => {
    const { user, cookie } = learner();
    const id = failedAttempt(user.id, Date.now() - 2 * MIN);
    const page = await call(reviewLoader, { request: get(`/attempts/${id}/review`, cookie), params: { attemptId: id }, context: contextFor(db) });
    expect((page.body as { review: { nextAttempt: { kind: string } } }).review.nextAttempt).toMatchObject({ kind: "cooldown" });
  });
});

describe("the quiz's rules", () => {
  it("state how partial credit is scored, in the words of the grading rule, and name the module in the breadcrumb", async () => {
    const { cookie } = learner();
    const page = await call(landingLoader, {
      request: get(`/courses/${COURSE}/${MODULE}/quiz`, cookie),
      params: { course: COURSE, module: MODULE },
      context: contextFor(db),
    });
    const body = page.body as { scoring: string[]; moduleTitle: string };
    expect(body.moduleTitle).toBe(findCourse(COURSE).modules[0]!.title);
    expect(body.scoring.join(" ")).toContain(
      "score the right choices you tick minus the wrong ones you tick, divided by the number of right choices, and never less than zero",
    );
  });
});
