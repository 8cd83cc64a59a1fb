// Hole 5: 40 parallel autosaves and one submit across both workers left an answer written after
// submitted_at. Here separate OS processes autosave to several attempts while another submits
// them one by one; a trigger in the test database records any answer written to an attempt
// that was already submitted. There must be none, and every attempt's grade must match the
// answers it holds.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "better-sqlite3";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quizAnswers, quizAttempts, users } from "~/db/schema";
import { findCourse } from "~/modules/content/catalogue.server";
import { startAttempt } from "~/modules/quiz/lifecycle.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import { gradeAttempt } from "~/modules/quiz/grade";
import { enrol } from "~/modules/progress/progress.server";
import { createTestDbFile } from "../../helpers/db";
import type { DrawnQuestion } from "~/modules/quiz/types";

const tsx = path.resolve("node_modules/.bin/tsx");

describe("autosave against submit, across processes", () => {
  it("never writes an answer to a submitted attempt, and grades exactly what was saved", async () => {
    const { db, file } = createTestDbFile();
    const sqlite = (db as unknown as { $client: Database }).$client;
    sqlite.exec(`
      create table late_writes (attempt_id text, position integer, at integer);
      create trigger late_insert after insert on quiz_answers
        when (select submitted_at from quiz_attempts where id = new.attempt_id) is not null
        begin insert into late_writes values (new.attempt_id, new.position, new.saved_at); end;
      create trigger late_update after update on quiz_answers
        when (select submitted_at from quiz_attempts where id = new.attempt_id) is not null
        begin insert into late_writes values (new.attempt_id, new.position, new.saved_at); end;
    `);
    const course = findCourse("smp-practitioner");
    const user = db.insert(users).values({ email: "lena@clinic.example", name: "Lena", passwordHash: "x" }).returning().get();
    enrol(db, user.id, course.slug);
    const attempts = course.modules.filter((m) => m.quiz).map((m) => startAttempt(db, user.id, moduleQuiz(course, m.slug)));
    expect(attempts.length).toBeGreaterThanOrEqual(6);

    const goFile = `${file}.go`;
    const span = 1500;
    const job = (what: "save" | "submit") =>
      new Promise<{ ready: Promise<void>; done: Promise<string> }>((resolve) => {
        const child = spawn(tsx, ["tests/helpers/autosave-race.ts", file, what, user.id, attempts.join(","), goFile, String(span)], {
          env: { ...process.env },
        });
        let out = "";
        let markReady: () => void = () => {};
        const ready = new Promise<void>((r) => (markReady = r));
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("ready")) markReady();
        });
        child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
        const done = new Promise<string>((r, reject) => child.on("close", (code) => (code === 0 ? r(out) : reject(new Error(`${what} exited ${code}`)))));
        resolve({ ready, done });
      });
    const jobs = await Promise.all([job("save"), job("save"), job("save"), job("submit")]);
    await Promise.all(jobs.map((j) => j.ready));
    fs.writeFileSync(goFile, "go");
    const outputs = await Promise.all(jobs.map((j) => j.done));
    const results = outputs.map((o) => JSON.parse(o.trim().split("\n").pop()!) as { ok: boolean; acknowledged?: number; refused?: number });
    const savers = results.slice(0, 3);
    // The race really happened: saves landed before the submits and were refused after them.
    expect(savers.reduce((n, r) => n + r.acknowledged!, 0)).toBeGreaterThan(50);
    expect(savers.reduce((n, r) => n + r.refused!, 0)).toBeGreaterThan(0);

    expect(sqlite.prepare("select * from late_writes").all()).toEqual([]);
    for (const id of attempts) {
      const attempt = db.select().from(quizAttempts).where(eq(quizAttempts.id, id)).get()!;
      expect(attempt.submittedAt).not.toBeNull();
      const answers = db.select().from(quizAnswers).where(eq(quizAnswers.attemptId, id)).all();
      for (const a of answers) expect(a.savedAt).toBeLessThanOrEqual(attempt.submittedAt!);
      const regraded = gradeAttempt(attempt.questions as DrawnQuestion[], new Map(answers.map((a) => [a.position, a.response as never])), attempt.passMark);
      expect(regraded.score).toBe(attempt.score);
    }
  }, 60_000);
});
