// A separate process for the autosave race (trust hole 5): from the agreed moment it either
// autosaves answers to the given attempts as fast as it can for a while, or submits each attempt
// after its delay. Prints one JSON line: how many saves were acknowledged and refused.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import { Conflict } from "~/modules/errors";
import { saveAnswer, submitAttempt } from "~/modules/quiz/lifecycle.server";
import type { DrawnQuestion } from "~/modules/quiz/types";

const [file, what, userId, attempts, goFile, spanMs] = process.argv.slice(2) as [string, "save" | "submit", string, string, string, string];
const { db } = openDatabase(file);
const ids = attempts.split(",");
// Loaded and ready: the test starts everyone at once by creating the go file (start-up time
// under load varies by seconds, so an agreed clock time is not enough).
console.log("ready");
while (!fs.existsSync(goFile)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const goAt = Date.now();

/** A well-formed answer to the question (its correctness does not matter here). */
function answerFor(q: DrawnQuestion): unknown {
  if (q.type === "multiple") return ["0"];
  if (q.type === "ordering") return q.options.map((_, i) => String(i));
  if (q.type === "numeric") return "1";
  if (q.type === "true-false") return "true";
  return "0";
}

if (what === "submit") {
  // Each attempt is submitted at its own moment inside the saving window.
  const step = Number(spanMs) / (ids.length + 1);
  for (const [i, id] of ids.entries()) {
    while (Date.now() < goAt + step * (i + 1)) {
      /* wait for this attempt's moment */
    }
    submitAttempt(db, userId, id);
  }
  console.log(JSON.stringify({ ok: true }));
} else {
  let acknowledged = 0;
  let refused = 0;
  // Saving goes on through the whole window and until every attempt has refused a save (the
  // submitter can start late on a busy machine), so the saves always straddle every submit;
  // a cap keeps a stuck submitter from hanging the test.
  const until = goAt + Number(spanMs) + 200;
  const cap = goAt + 30_000;
  const closed = new Set<number>();
  const drawn = ids.map((id) => db.select().from(quizAttempts).where(eq(quizAttempts.id, id)).get()!.questions as DrawnQuestion[]);
  for (let n = 0; (Date.now() < until || closed.size < ids.length) && Date.now() < cap; n++) {
    const i = n % ids.length;
    const position = Math.floor(n / ids.length) % drawn[i]!.length;
    try {
      saveAnswer(db, userId, ids[i]!, position, answerFor(drawn[i]![position]!));
      acknowledged++;
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      refused++;
      closed.add(i);
    }
  }
  console.log(JSON.stringify({ ok: true, acknowledged, refused }));
}
