import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { quizAnswers, quizAttempts, quizItemResults } from "~/db/schema";
import { findCourse } from "~/modules/content/catalogue.server";
import { Conflict, NotFound } from "~/modules/errors";
import { attemptForTaking, DEADLINE_GRACE_MS, quizStatus, saveAnswer, startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { attemptReview } from "~/modules/quiz/review.server";
import { quizStatistics } from "~/modules/quiz/statistics.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { enrol } from "~/modules/progress/progress.server";
import { action as attemptAction, loader as attemptLoader } from "~/routes/attempts.$attemptId";
import { loader as reviewLoader } from "~/routes/attempts.$attemptId_.review";
import { action as landingAction, loader as landingLoader } from "~/routes/courses.$course.$module_.quiz";
import { loader as courseLoader } from "~/routes/courses.$course._index";
import { contextFor, createTestDb, createTestDbFile } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";

const COURSE = "smp-practitioner";
const MODULE = "skin-anatomy-and-puncture-depth";
const MIN = 60_000;
let db: Db;

/** A learner enrolled in the course. */
function learner(email = "lena@clinic.example") {
  const who = person(db, email);
  enrol(db, who.user.id, COURSE);
  return who;
}

const course = () => findCourse(COURSE);
const quiz = () => moduleQuiz(course(), MODULE);
const snapshot = (attemptId: string) => db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!.questions as DrawnQuestion[];

/** The right (or wrong) response to each drawn question, as the page would send it. */
function responseFor(q: DrawnQuestion, right: boolean): string | string[] {
  const idx = (pred: (o: DrawnQuestion["options"][number]) => boolean) => q.options.flatMap((o, i) => (pred(o) ? [String(i)] : []));
  switch (q.type) {
    case "single":
    case "image":
      return idx((o) => o.correct === right)[0]!;
    case "multiple":
      return right ? idx((o) => o.correct) : idx((o) => !o.correct);
    case "true-false":
      return String(right ? q.trueFalse : !q.trueFalse);
    case "numeric":
      return String(right ? q.numeric!.value : q.numeric!.value + q.numeric!.tolerance * 10 + 1);
    case "ordering": {
      const order = q.correctOrder!.map((id) => String(q.options.findIndex((o) => o.bankId === id)));
      return right ? order : [...order].reverse();
    }
  }
}

function answerAll(userId: string, attemptId: string, rightCount: number, now?: number) {
  snapshot(attemptId).forEach((q, i) => saveAnswer(db, userId, attemptId, i, responseFor(q, i < rightCount), now));
}

beforeEach(() => {
  db = createTestDb();
});

describe("starting and resuming", () => {
  it("draws the bank's draw count, stores seed, hash and a frozen snapshot, and resumes the same attempt", async () => {
    const { user, cookie } = learner();
    const started = await call(landingAction, {
      request: postForm(`/courses/${COURSE}/${MODULE}/quiz`, { intent: "start" }, cookie),
      params: { course: COURSE, module: MODULE },
      context: contextFor(db),
    });
    expect(started.status).toBe(302);
    const attemptId = started.headers.get("Location")!.split("/").pop()!;
    const row = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!;
    expect(row).toMatchObject({ userId: user.id, courseSlug: COURSE, quizKey: `module:${MODULE}`, bankHash: quiz().hash, passMark: 0.8, submittedAt: null });
    expect(row.seed).toMatch(/^[a-f0-9]{32}$/);
    expect(row.deadlineAt - row.startedAt).toBe(quiz().settings.timeLimitMinutes * MIN);
    expect(snapshot(attemptId)).toHaveLength(quiz().draw);

    saveAnswer(db, user.id, attemptId, 0, responseFor(snapshot(attemptId)[0]!, true));
    // "Reload": the same questions, in the same order, with the answer kept; starting again resumes.
    const first = attemptForTaking(db, user.id, attemptId);
    const again = attemptForTaking(db, user.id, attemptId);
    expect(again.questions).toEqual(first.questions);
    expect(again.answers[0]).toBeDefined();
    expect(startAttempt(db, user.id, quiz())).toBe(attemptId);
    expect(db.select().from(quizAttempts).all()).toHaveLength(1);
  });

  it("sends a learner who is not enrolled back to the course page", async () => {
    const { cookie } = person(db, "x@clinic.example");
    const result = await call(landingLoader, {
      request: get(`/courses/${COURSE}/${MODULE}/quiz`, cookie),
      params: { course: COURSE, module: MODULE },
      context: contextFor(db),
    });
    expect(result.headers.get("Location")).toBe(`/courses/${COURSE}`);
  });
});

describe("the answer key never reaches the page while the attempt is open", () => {
  it("keeps correct flags, explanations, sources, bank ids and question ids out of the loader data", async () => {
    const { user, cookie } = learner();
    const attemptId = startAttempt(db, user.id, quiz());
    const result = await call(attemptLoader, { request: get(`/attempts/${attemptId}`, cookie), params: { attemptId }, context: contextFor(db) });
    expect(result.status).toBe(200);
    const json = JSON.stringify(result.body);
    expect(json).not.toMatch(/"(correct|explanation|bankId|citation|ref|trueFalse|tolerance|source|correctOrder|numeric|seed)":/);
    for (const q of snapshot(attemptId)) {
      expect(json).not.toContain(q.explanation);
      expect(json).not.toContain(q.ref);
      expect(json).not.toContain(q.source.citation);
    }
    const page = result.body as { attempt: { questions: { options: { id: string }[] }[] } };
    for (const q of page.attempt.questions) for (const o of q.options) expect(o.id).toMatch(/^(\d+|true|false)$/);
    // The review is not available yet either.
    const review = await call(reviewLoader, { request: get(`/attempts/${attemptId}/review`, cookie), params: { attemptId }, context: contextFor(db) });
    expect(review.status).toBe(404);
  });
});

describe("saving answers", () => {
  it("refuses someone else's attempt (404), a question not in the attempt (404) and a malformed answer (400)", async () => {
    const owner = learner();
    const other = learner("other@clinic.example");
    const attemptId = startAttempt(db, owner.user.id, quiz());
    const ctx = contextFor(db);
    expect((await call(attemptLoader, { request: get(`/attempts/${attemptId}`, other.cookie), params: { attemptId }, context: ctx })).status).toBe(404);
    const theirs = await call(attemptAction, {
      request: postForm(`/attempts/${attemptId}`, { intent: "autosave", position: "0", response: "0" }, other.cookie),
      params: { attemptId },
      context: ctx,
    });
    expect(theirs.status).toBe(404);
    const outside = await call(attemptAction, {
      request: postForm(`/attempts/${attemptId}`, { intent: "autosave", position: "99", response: "0" }, owner.cookie),
      params: { attemptId },
      context: ctx,
    });
    expect(outside.status).toBe(404);
    expect(() => saveAnswer(db, owner.user.id, attemptId, 0, { sneaky: true })).toThrow(/does not fit/);
    expect(db.select().from(quizAnswers).all()).toHaveLength(0);
  });

  it("autosaves through the page's action and keeps the latest answer", async () => {
    const { user, cookie } = learner();
    const attemptId = startAttempt(db, user.id, quiz());
    const q0 = snapshot(attemptId)[0]!;
    const body = (response: string | string[]) => {
      const fields = new URLSearchParams({ intent: "autosave", position: "0" });
      const key = q0.type === "ordering" ? "order" : "response";
      for (const r of Array.isArray(response) ? response : [response]) fields.append(key, r);
      if (q0.type === "multiple") fields.append("multipleShown", "1");
      return new Request(`http://localhost:3000/attempts/${attemptId}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: fields.toString(),
      });
    };
    const saved = await call(attemptAction, { request: body(responseFor(q0, false)), params: { attemptId }, context: contextFor(db) });
    expect(saved.body).toMatchObject({ savedAt: expect.any(Number) });
    await call(attemptAction, { request: body(responseFor(q0, true)), params: { attemptId }, context: contextFor(db) });
    const rows = db.select().from(quizAnswers).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.response).toEqual(responseFor(q0, true));
  });

  it("refuses answers after the deadline plus grace and grades the attempt with what was saved before", () => {
    const { user } = learner();
    const t0 = Date.now();
    const attemptId = startAttempt(db, user.id, quiz(), t0);
    const deadline = t0 + quiz().settings.timeLimitMinutes * MIN;
    const qs = snapshot(attemptId);
    qs.forEach((q, i) => saveAnswer(db, user.id, attemptId, i, responseFor(q, true), t0 + MIN));
    // Within the grace period an answer still counts (network delay)...
    saveAnswer(db, user.id, attemptId, 0, responseFor(qs[0]!, false), deadline + DEADLINE_GRACE_MS - 1);
    // ...after it, it is refused, and the attempt is graded from what was saved.
    expect(() => saveAnswer(db, user.id, attemptId, 1, responseFor(qs[1]!, false), deadline + DEADLINE_GRACE_MS + 1)).toThrow(Conflict);
    const row = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!;
    expect(row.submittedAt).toBe(deadline + DEADLINE_GRACE_MS + 1);
    expect(row.score).toBe(qs.length - 1);
  });

  it("grades an abandoned attempt when the learner next looks, without trusting any client clock", () => {
    const { user } = learner();
    const t0 = Date.now() - 2 * 60 * MIN;
    const attemptId = startAttempt(db, user.id, quiz(), t0);
    answerAll(user.id, attemptId, 10, t0 + MIN);
    const status = quizStatus(db, user.id, quiz());
    expect(status.openAttemptId).toBeNull();
    expect(status.attempts[0]).toMatchObject({ percent: 100, passed: true });
  });
});

describe("submitting", () => {
  it("grades once however often it is submitted, and every caller gets the same result", async () => {
    const { user, cookie } = learner();
    const attemptId = startAttempt(db, user.id, quiz());
    answerAll(user.id, attemptId, 9);
    const submit = () =>
      call(attemptAction, { request: postForm(`/attempts/${attemptId}`, { intent: "submit" }, cookie), params: { attemptId }, context: contextFor(db) });
    const results = await Promise.all([submit(), submit(), submit()]);
    for (const r of results) expect(r.headers.get("Location")).toBe(`/attempts/${attemptId}/review`);
    expect(db.select().from(quizItemResults).all()).toHaveLength(10);
    expect(submitAttempt(db, user.id, attemptId)).toEqual({ percent: 90, passed: true });
    expect(() => saveAnswer(db, user.id, attemptId, 0, "0")).toThrow(/submitted/);
  });

  it("grades exactly once when separate processes submit at the same moment", async () => {
    const { db: shared, file } = createTestDbFile();
    db = shared;
    const { user } = learner();
    const attemptId = startAttempt(db, user.id, quiz());
    answerAll(user.id, attemptId, 7);
    const outcomes = await race(
      file,
      Array.from({ length: 4 }, () => ["submit", user.id, attemptId]),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(new Set(outcomes.map((o) => JSON.stringify(o.result))).size).toBe(1);
    expect(outcomes[0]!.result).toEqual({ percent: 70, passed: false });
    expect(db.select().from(quizItemResults).all()).toHaveLength(10);
  });

  it("shows the score, each answer and the explanation with its source in the review, and the key only after a pass", async () => {
    const { user, cookie } = learner();
    const attemptId = startAttempt(db, user.id, quiz());
    answerAll(user.id, attemptId, 6);
    submitAttempt(db, user.id, attemptId);
    const review = await call(reviewLoader, { request: get(`/attempts/${attemptId}/review`, cookie), params: { attemptId }, context: contextFor(db) });
    const body = review.body as {
      review: { percent: number; passed: boolean; items: { score: number; explanation: string; source: { citation: string }; correctAnswer: string[] }[] };
    };
    expect(body.review).toMatchObject({ percent: 60, passed: false });
    expect(body.review.items.map((i) => i.score)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    const qs = snapshot(attemptId);
    body.review.items.forEach((item, i) => {
      expect(item.explanation).toBe(qs[i]!.explanation);
      expect(item.source.citation).toBe(qs[i]!.source.citation);
    });
    // Not passed yet: the page's data carries no key at all.
    expect(body.review.items.every((i) => i.correctAnswer.length === 0)).toBe(true);
    expect(JSON.stringify(review.body)).not.toContain('"correct":true');

    const second = startAttempt(db, user.id, quiz(), Date.now() + 61 * MIN);
    answerAll(user.id, second, 10, Date.now() + 62 * MIN);
    submitAttempt(db, user.id, second, Date.now() + 63 * MIN);
    const after = await call(reviewLoader, { request: get(`/attempts/${attemptId}/review`, cookie), params: { attemptId }, context: contextFor(db) });
    expect((after.body as typeof body).review.items.every((i) => i.correctAnswer.length > 0)).toBe(true);
  });
});

describe("limits and cool-down", () => {
  it("makes a failed learner wait for the cool-down, then allows retries until the attempts run out", () => {
    const { user } = learner();
    const q = quiz();
    let now = Date.now();
    for (let n = 1; n <= q.settings.attempts; n++) {
      const id = startAttempt(db, user.id, q, now);
      answerAll(user.id, id, 2, now);
      submitAttempt(db, user.id, id, now + 1000);
      if (n < q.settings.attempts) {
        expect(() => startAttempt(db, user.id, q, now + 2000)).toThrow(/cool-down/);
        expect(quizStatus(db, user.id, q, now + 2000).next).toEqual({ action: "none", reason: "cooldown" });
        now += q.settings.cooldownMinutes * MIN + 2000;
      }
    }
    now += q.settings.cooldownMinutes * MIN + 2000;
    expect(() => startAttempt(db, user.id, q, now)).toThrow(/used all your attempts/);
    expect(quizStatus(db, user.id, q, now)).toMatchObject({ attemptsLeft: 0, passed: false, bestPercent: 20 });
  });

  it("never exceeds the attempt limit or opens two attempts when processes start at once", async () => {
    const { db: shared, file } = createTestDbFile();
    db = shared;
    const { user } = learner();
    const q = quiz();
    const past = Date.now() - 10 * q.settings.cooldownMinutes * MIN;
    for (let n = 0; n < q.settings.attempts - 1; n++) {
      const id = startAttempt(db, user.id, q, past + n);
      answerAll(user.id, id, 10, past + n);
      submitAttempt(db, user.id, id, past + n);
    }
    const outcomes = await race(
      file,
      Array.from({ length: 4 }, () => ["start", user.id, MODULE]),
    );
    const ids = new Set(outcomes.filter((o) => o.ok).map((o) => (o.result as { attemptId: string }).attemptId));
    expect(ids.size).toBe(1);
    expect(db.select().from(quizAttempts).all()).toHaveLength(q.settings.attempts);
    expect(
      db
        .select()
        .from(quizAttempts)
        .all()
        .filter((a) => a.submittedAt === null),
    ).toHaveLength(1);
  });
});

describe("who sees a review and the statistics", () => {
  it("lets the learner's cohort instructor see the review and nobody else", () => {
    const lena = learner();
    const instructor = person(db, "t@clinic.example", "instructor");
    const outsider = person(db, "o@clinic.example", "instructor");
    const c = clinic(db, "C", { technicians: [lena], instructors: [instructor] });
    cohort(db, c, "K", { learners: [lena], instructors: [instructor], startsOn: "2026-01-01" });
    const attemptId = startAttempt(db, lena.user.id, quiz());
    submitAttempt(db, lena.user.id, attemptId);
    expect(attemptReview(db, instructor.actor(), attemptId, quiz).items).toHaveLength(10);
    expect(() => attemptReview(db, outsider.actor(), attemptId, quiz)).toThrow(NotFound);
  });

  it("shows a module quiz's key to the learner only once they pass, and to their instructor always", () => {
    const lena = learner();
    const instructor = person(db, "t@clinic.example", "instructor");
    const c = clinic(db, "C", { technicians: [lena], instructors: [instructor] });
    cohort(db, c, "K", { learners: [lena], instructors: [instructor], startsOn: "2026-01-01" });
    const failed = startAttempt(db, lena.user.id, quiz());
    answerAll(lena.user.id, failed, 5);
    submitAttempt(db, lena.user.id, failed);

    const own = attemptReview(db, lena.actor(), failed, quiz);
    expect(own.shown).toEqual({ correctAnswers: false, explanations: true });
    expect(own.items.every((i) => i.correctAnswer.length === 0 && i.explanation)).toBe(true);
    expect(own.withheldNote).toMatch(/once you pass/);
    const staff = attemptReview(db, instructor.actor(), failed, quiz);
    expect(staff.items.every((i) => i.correctAnswer.length > 0)).toBe(true);

    // The pass opens the key of every attempt, the failed one included.
    const passed = startAttempt(db, lena.user.id, quiz(), Date.now() + 61 * MIN);
    answerAll(lena.user.id, passed, 10, Date.now() + 62 * MIN);
    submitAttempt(db, lena.user.id, passed, Date.now() + 63 * MIN);
    expect(attemptReview(db, lena.actor(), failed, quiz).items.every((i) => i.correctAnswer.length > 0)).toBe(true);
  });

  it("never shows the learner an exam-like quiz's key or explanations, but scores it per module", () => {
    const lena = learner();
    const attemptId = startAttempt(db, lena.user.id, quiz());
    answerAll(lena.user.id, attemptId, 10);
    submitAttempt(db, lena.user.id, attemptId);
    const review = attemptReview(db, lena.actor(), attemptId, () => ({ ...quiz(), correctAnswers: "never" }));
    expect(review.shown).toEqual({ correctAnswers: false, explanations: false });
    expect(review.items.every((i) => i.correctAnswer.length === 0 && i.explanation === null)).toBe(true);
    expect(review.withheldNote).toMatch(/not shown/);
  });

  it("computes item statistics from graded attempts and shows best scores on the course page", async () => {
    const people = Array.from({ length: 4 }, (_, i) => learner(`p${i}@clinic.example`));
    people.forEach(({ user }, i) => {
      const id = startAttempt(db, user.id, quiz());
      answerAll(user.id, id, 7 + i);
      submitAttempt(db, user.id, id);
    });
    const stats = quizStatistics(db, quiz());
    expect(stats.attempts).toBe(4);
    expect(stats.items.length).toBeGreaterThanOrEqual(10);
    for (const item of stats.items) expect(item.facility).toBeGreaterThanOrEqual(0);
    const overview = await call(courseLoader, { request: get(`/courses/${COURSE}`, people[3]!.cookie), params: { course: COURSE }, context: contextFor(db) });
    const mod = (overview.body as { modules: { slug: string; quiz: { bestPercent: number; passed: boolean } | null }[] }).modules.find(
      (m) => m.slug === MODULE,
    )!;
    expect(mod.quiz).toMatchObject({ bestPercent: 100, passed: true });
  });
});

/** Runs quiz actions in separate OS processes that all fire at the same moment. */
async function race(file: string, jobs: string[][]): Promise<{ ok: boolean; result?: unknown; error?: string }[]> {
  const run = promisify(execFile);
  const goAt = Date.now() + 2500;
  const tsx = path.resolve("node_modules/.bin/tsx");
  const outputs = await Promise.all(jobs.map((job) => run(tsx, ["tests/helpers/quiz-race.ts", file, ...job, String(goAt)], { env: { ...process.env } })));
  return outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").pop()!));
}
