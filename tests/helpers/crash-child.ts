// A separate process for crash tests: performs one action on the shared database file with
// STIPPLE_CRASH_AT set, so it is killed (SIGKILL) in the middle. Just before it dies it prints
// one JSON line with what its own connection saw at that moment (inside the transaction, the
// writes not yet committed). An action that completes prints { done: true, ... }.
//   crash-child.ts <database file> grade <instructor id> <submission id>
//   crash-child.ts <database file> submit <learner id> <attempt id>
//   crash-child.ts <database file> countersign <instructor id> <case id>
//   crash-child.ts <database file> stage <learner id> <practical slug> <upload file>
import fs from "node:fs";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import { users } from "~/db/schema";
import { loadActor } from "~/modules/auth/actor.server";
import { countersignCase } from "~/modules/certification/countersigning.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { gradeSubmission } from "~/modules/practicals/review.server";
import { stagePhoto } from "~/modules/photos/staging.server";
import { submitAttempt } from "~/modules/quiz/lifecycle.server";
import { getStorage } from "~/modules/storage/storage.server";

const [file, what, userId, target, extra] = process.argv.slice(2) as [string, "grade" | "submit" | "countersign" | "stage", string, string, string | undefined];
const { db, sqlite } = openDatabase(file);
const catalogue = getCatalogue();
const course = catalogue.bySlug.get("smp-practitioner")!;
const count = (query: string, ...params: string[]) =>
  sqlite
    .prepare(query)
    .pluck()
    .get(...params) as number;

/** What this connection sees right now: its own uncommitted writes included. */
function seen() {
  return {
    inTransaction: sqlite.inTransaction,
    certificates: count("select count(*) from certificates"),
    gradedSubmissions: count("select count(*) from submissions where graded_at is not null and status = 'passed' and id = ?", target),
    scores: count("select count(*) from submission_scores where submission_id = ?", target),
    submittedAttempts: count("select count(*) from quiz_attempts where submitted_at is not null and id = ?", target),
    itemResults: count("select count(*) from quiz_item_results where attempt_id = ?", target),
    countersignedCases: count("select count(*) from supervised_cases where status = 'countersigned' and id = ?", target),
    stagedPhotos: count("select count(*) from staged_photos"),
    notifications: count("select count(*) from notifications"),
  };
}

// The crash point calls process.kill(pid, "SIGKILL"): report first, synchronously, then die.
const kill = process.kill.bind(process);
process.kill = ((pid: number, signal?: string | number) => {
  if (pid === process.pid && signal === "SIGKILL") fs.writeSync(1, `${JSON.stringify({ crashing: process.env.STIPPLE_CRASH_AT, ...seen() })}\n`);
  return kill(pid, signal);
}) as typeof process.kill;

const actor = () => loadActor(db, db.select().from(users).where(eq(users.id, userId)).get()!);

async function act(): Promise<unknown> {
  switch (what) {
    case "grade": {
      const submission = db.get<{ practical: string }>(sql`select practical_slug as practical from submissions where id = ${target}`)!;
      const practical = course.practicals.find((p) => p.slug === submission.practical)!;
      const scores = Object.fromEntries(
        practical.rubric.criteria.map((c) => [c.id, c.levels.reduce((best, level, i) => (level.points > c.levels[best]!.points ? i : best), 0)]),
      );
      return gradeSubmission(db, catalogue, actor(), target, { scores, pins: [], feedback: "Even depth throughout.", verdict: "pass" });
    }
    case "submit":
      return submitAttempt(db, userId, target);
    case "countersign":
      return countersignCase(db, catalogue, actor(), target);
    case "stage": {
      const practical = course.practicals.find((p) => p.slug === target)!;
      const upload = extra!;
      const row = await stagePhoto(db, getStorage(), userId, course, practical, { path: upload, size: fs.statSync(upload).size, name: "IMG_0001.jpg" });
      return { id: row.id };
    }
  }
}

act().then(
  (result) => console.log(JSON.stringify({ done: true, result, ...seen() })),
  (error: unknown) => {
    console.log(JSON.stringify({ done: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
    process.exitCode = 1;
  },
);
