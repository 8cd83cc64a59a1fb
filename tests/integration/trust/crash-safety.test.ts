// Issue 11, "Nothing lost": a worker killed with SIGKILL in the middle of grading a practical,
// submitting a quiz, countersigning the case that issues a certificate, or staging a photo. Each
// action runs in its own OS process (tests/helpers/crash-child.ts) with STIPPLE_CRASH_AT naming
// the moment to die. After the kill the database is opened afresh, as a restarted worker would:
// the action happened completely or not at all, no row names a missing or partial photo, no
// certificate exists without its completing record, and doing the action again succeeds.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "~/db/client.server";
import { certificates, quizAttempts, quizItemResults, stagedPhotos, submissions, supervisedCases } from "~/db/schema";
import { completeProgramme } from "~/modules/demo/seed.server";
import { loadActor } from "~/modules/auth/actor.server";
import { countersignCase } from "~/modules/certification/countersigning.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { crashPointsEnabled, type CrashPoint } from "~/modules/crash-point.server";
import { gradeSubmission } from "~/modules/practicals/review.server";
import { stagePhoto } from "~/modules/photos/staging.server";
import { enrol } from "~/modules/progress/progress.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { EXAM_KEY, finalExam } from "~/modules/quiz/quiz-definition.server";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { getStorage, uploadsDir } from "~/modules/storage/storage.server";
import { createTestDbFile } from "../../helpers/db";
import { jpegWithGps } from "../../helpers/images";
import { clinic, cohort, person, secondMarkingRate } from "../../helpers/world";

const COURSE = "smp-practitioner";
const course = () => findCourse(COURSE);

let db: Db;
let file: string;

beforeEach(() => {
  ({ db, file } = createTestDbFile());
});

type Report = Record<string, unknown>;
type Outcome = { code: number | null; signal: NodeJS.Signals | null; report: Report };

/** Runs one action in its own process, with a crash point armed (or none). */
function child(args: string[], env: Record<string, string | undefined>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // tsx as a loader of this very process (not the tsx command, which runs the script in a
    // child of its own): the process killed is the one whose exit signal is read here.
    const proc = spawn(process.execPath, ["--import", "tsx", "tests/helpers/crash-child.ts", file, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    proc.stdout.on("data", (c: Buffer) => (out += c.toString()));
    proc.stderr.on("data", (c: Buffer) => (err += c.toString()));
    proc.on("error", reject);
    proc.on("close", (code, signal) => {
      const last = out.trim().split("\n").pop();
      if (!last) return reject(new Error(`crash-child printed nothing (code ${code}, signal ${signal}): ${err}`));
      resolve({ code, signal, report: JSON.parse(last) as Report });
    });
  });
}

const crashAt = (point: CrashPoint, args: string[]) => child(args, { STIPPLE_CRASH_AT: point });

/** Row counts of every table: the whole database's state, to compare before and after a crash. */
function tableCounts(target = file): Record<string, number> {
  const sqlite = new Database(target, { readonly: true });
  try {
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
  } finally {
    sqlite.close();
  }
}

/** A restarted worker's view: a new connection to the file, checked for damage first. */
function restart(): Db {
  const reopened = openDatabase(file);
  expect(reopened.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  return reopened.db;
}

/** A learner of Clinic A with their instructor (as user rows), and records meeting the whole programme. */
function certifiableLearner() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const a = clinic(db, "Clinic A", { technicians: [learner], instructors: [instructor] });
  cohort(db, a, "Autumn", { learners: [learner], instructors: [instructor] });
  secondMarkingRate(db, a, 0); // the pass that completes the programme is a single, final grade
  enrol(db, learner.user.id, COURSE);
  db.transaction((tx) => completeProgramme(tx, course(), learner.user.id, instructor.user.id, Date.now()));
  return { learner: learner.user, instructor: instructor.user };
}

function bestScores(practicalSlug: string) {
  const practical = course().practicals.find((p) => p.slug === practicalSlug)!;
  return Object.fromEntries(
    practical.rubric.criteria.map((c) => [c.id, c.levels.reduce((best, level, i) => (level.points > c.levels[best]!.points ? i : best), 0)]),
  );
}

/** The answer the key wants, in the form the page would send it. */
function rightAnswer(q: DrawnQuestion): string | string[] {
  switch (q.type) {
    case "single":
    case "image":
      return String(q.options.findIndex((o) => o.correct));
    case "multiple":
      return q.options.flatMap((o, i) => (o.correct ? [String(i)] : []));
    case "true-false":
      return String(q.trueFalse);
    case "numeric":
      return String(q.numeric!.value);
    case "ordering":
      return q.correctOrder!.map((id) => String(q.options.findIndex((o) => o.bankId === id)));
  }
}

const certificatesOf = (on: Db, userId: string) => on.select().from(certificates).where(eq(certificates.userId, userId)).all();

/** Every upload key any row names, with whether its file is whole (both files there, the image decodes). */
async function referencedPhotos(on: Db) {
  const keys = [...on.select({ a: stagedPhotos.storageKey, b: stagedPhotos.thumbKey }).from(stagedPhotos).all()].flatMap((r) => [r.a, r.b]);
  const sqlite = new Database(file, { readonly: true });
  for (const [table] of [["submission_photos"], ["supervised_case_photos"]] as const) {
    for (const row of sqlite.prepare(`select storage_key, thumb_key from ${table}`).all() as { storage_key: string; thumb_key: string }[])
      keys.push(row.storage_key, row.thumb_key);
  }
  sqlite.close();
  return Promise.all(
    keys.map(async (key) => {
      const stored = await getStorage().get(key);
      const whole =
        !!stored &&
        (await sharp(stored.bytes)
          .metadata()
          .then(
            (m) => !!m.width,
            () => false,
          ));
      return { key, whole };
    }),
  );
}

/** Every file under the uploads folder (image files and their `.type` files). */
function uploadFiles(): string[] {
  const root = uploadsDir(process.env.STIPPLE_DATA_DIR!);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe("kill -9 in the middle of an action", () => {
  it("grading the practical that completes the programme: nothing of the grade or its certificate survives, and grading again works", async () => {
    const { learner, instructor } = certifiableLearner();
    const slug = course().certification!.practicals[0]!;
    const open = db
      .select()
      .from(submissions)
      .where(and(eq(submissions.learnerId, learner.id), eq(submissions.practicalSlug, slug)))
      .get()!;
    db.update(submissions)
      .set({ status: "submitted", verdict: null, gradedBy: null, gradedAt: null, feedback: null, points: null, maxPoints: null })
      .where(eq(submissions.id, open.id))
      .run();
    const before = tableCounts();

    const crash = await crashAt("grade-submission", ["grade", instructor.id, open.id]);
    expect(crash.signal).toBe("SIGKILL");
    // At the moment of death the grade, its scores and the certificate were written, not committed.
    expect(crash.report).toMatchObject({ crashing: "grade-submission", inTransaction: true, gradedSubmissions: 1, certificates: 1 });
    expect(crash.report.scores).toBeGreaterThan(0);

    const after = restart();
    expect(tableCounts()).toEqual(before);
    expect(after.select().from(submissions).where(eq(submissions.id, open.id)).get()).toMatchObject({ status: "submitted", gradedAt: null, verdict: null });
    expect(certificatesOf(after, learner.id)).toEqual([]);

    // The instructor grades again: the write lock the dead process held is free.
    const graded = gradeSubmission(after, getCatalogue(), loadActor(after, instructor), open.id, {
      scores: bestScores(slug),
      pins: [],
      feedback: "Even depth throughout.",
      verdict: "pass",
    });
    expect(graded.status).toBe("passed");
    expect(certificatesOf(after, learner.id)).toHaveLength(1);
  }, 60_000);

  it("submitting the exam that completes the programme: the attempt stays open with every saved answer, and submitting again grades it once", async () => {
    const { learner } = certifiableLearner();
    db.delete(quizAttempts)
      .where(and(eq(quizAttempts.userId, learner.id), eq(quizAttempts.quizKey, EXAM_KEY)))
      .run();
    const attemptId = startAttempt(db, learner.id, finalExam(course()));
    const questions = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!.questions as DrawnQuestion[];
    questions.forEach((q, i) => saveAnswer(db, learner.id, attemptId, i, rightAnswer(q)));
    const before = tableCounts();

    const crash = await crashAt("submit-attempt", ["submit", learner.id, attemptId]);
    expect(crash.signal).toBe("SIGKILL");
    expect(crash.report).toMatchObject({
      crashing: "submit-attempt",
      inTransaction: true,
      submittedAttempts: 1,
      itemResults: questions.length,
      certificates: 1,
    });

    const after = restart();
    expect(tableCounts()).toEqual(before);
    expect(after.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()).toMatchObject({ submittedAt: null, score: null, passed: null });
    expect(tableCounts().quiz_answers).toBe(questions.length);
    expect(certificatesOf(after, learner.id)).toEqual([]);

    expect(submitAttempt(after, learner.id, attemptId)).toEqual({ percent: 100, passed: true });
    expect(after.select().from(quizItemResults).where(eq(quizItemResults.attemptId, attemptId)).all()).toHaveLength(questions.length);
    expect(certificatesOf(after, learner.id)).toHaveLength(1);
  }, 60_000);

  it("countersigning the case that issues the certificate: no certificate without its countersigned case, and countersigning again issues it once", async () => {
    const { learner, instructor } = certifiableLearner();
    const waiting = db.select().from(supervisedCases).where(eq(supervisedCases.learnerId, learner.id)).get()!;
    db.update(supervisedCases)
      .set({ status: "submitted", countersignedAt: null, reviewedBy: null, reviewedAt: null })
      .where(eq(supervisedCases.id, waiting.id))
      .run();
    const before = tableCounts();

    const crash = await crashAt("countersign-case", ["countersign", instructor.id, waiting.id]);
    expect(crash.signal).toBe("SIGKILL");
    expect(crash.report).toMatchObject({ crashing: "countersign-case", inTransaction: true, countersignedCases: 1, certificates: 1 });

    const after = restart();
    expect(tableCounts()).toEqual(before);
    expect(after.select().from(supervisedCases).where(eq(supervisedCases.id, waiting.id)).get()).toMatchObject({ status: "submitted", countersignedAt: null });
    expect(certificatesOf(after, learner.id)).toEqual([]);

    const { certificateId } = countersignCase(after, getCatalogue(), loadActor(after, instructor), waiting.id);
    expect(certificateId).not.toBeNull();
    expect(certificatesOf(after, learner.id).map((c) => c.id)).toEqual([certificateId]);
  }, 60_000);

  it.each([
    ["stage-photo", "both files stored, the row not yet inserted"],
    ["storage-put", "the photo's bytes written, its type and thumbnail not yet"],
  ] as const)(
    "uploading a photo, killed at %s (%s): no row names a missing or partial file, and uploading again works",
    async (point, _moment) => {
      const learner = person(db, "lena@a.example").user;
      enrol(db, learner.id, COURSE);
      const practical = course().practicals[0]!;
      const upload = await jpegWithGps();
      const filesBefore = uploadFiles();
      const before = tableCounts();

      const crash = await crashAt(point, ["stage", learner.id, practical.slug, upload.path]);
      expect(crash.signal).toBe("SIGKILL");
      expect(crash.report).toMatchObject({ crashing: point, inTransaction: false, stagedPhotos: 0 });
      fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });

      const after = restart();
      expect(tableCounts()).toEqual(before);
      // What the dead process stored is garbage no row points at (decision 020): at most the
      // photo and its thumbnail with their type files.
      const orphans = uploadFiles().filter((f) => !filesBefore.includes(f));
      expect(orphans.length).toBeGreaterThan(0);
      expect(orphans.length).toBeLessThanOrEqual(4);
      expect(await referencedPhotos(after)).toEqual([]);

      const again = await jpegWithGps();
      const row = await stagePhoto(after, getStorage(), learner.id, course(), practical, again);
      const referenced = await referencedPhotos(after);
      expect(referenced.map((r) => r.key).sort()).toEqual([row.storageKey, row.thumbKey].sort());
      expect(referenced.every((r) => r.whole)).toBe(true);
    },
    60_000,
  );
});

describe("crash points in a production deployment", () => {
  it("are inert: the same countersign, with the crash point armed, completes", async () => {
    const { learner, instructor } = certifiableLearner();
    const waiting = db.select().from(supervisedCases).where(eq(supervisedCases.learnerId, learner.id)).get()!;
    db.update(supervisedCases)
      .set({ status: "submitted", countersignedAt: null, reviewedBy: null, reviewedAt: null })
      .where(eq(supervisedCases.id, waiting.id))
      .run();

    const viaDeployment = await child(["countersign", instructor.id, waiting.id], { STIPPLE_CRASH_AT: "countersign-case", STIPPLE_DEPLOYMENT: "production" });
    expect(viaDeployment).toMatchObject({ code: 0, signal: null, report: { done: true, countersignedCases: 1, certificates: 1 } });
    expect(certificatesOf(db, learner.id)).toHaveLength(1);
  }, 60_000);

  it("are inert when NODE_ENV=production decides the deployment", async () => {
    const { learner, instructor } = certifiableLearner();
    const slug = course().certification!.practicals[0]!;
    const open = db
      .select()
      .from(submissions)
      .where(and(eq(submissions.learnerId, learner.id), eq(submissions.practicalSlug, slug)))
      .get()!;
    db.update(submissions)
      .set({ status: "submitted", verdict: null, gradedBy: null, gradedAt: null, feedback: null, points: null, maxPoints: null })
      .where(eq(submissions.id, open.id))
      .run();

    const outcome = await child(["grade", instructor.id, open.id], {
      STIPPLE_CRASH_AT: "grade-submission",
      NODE_ENV: "production",
      STIPPLE_DEPLOYMENT: undefined,
    });
    expect(outcome).toMatchObject({ code: 0, signal: null, report: { done: true, gradedSubmissions: 1, certificates: 1 } });
  }, 60_000);

  it("are enabled only outside production", () => {
    expect(crashPointsEnabled({ deployment: "production" })).toBe(false);
    expect(crashPointsEnabled({ deployment: "demo" })).toBe(true);
  });
});
