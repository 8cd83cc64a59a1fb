// A separate process for race tests: opens the shared database file and, at an agreed moment,
// starts or submits an attempt. Prints what happened as one JSON line.
import { openDatabase } from "~/db/client.server";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";

const [file, what, userId, target, goAt] = process.argv.slice(2) as [string, "start" | "submit", string, string, string];
// For "start", target is the module slug; for "submit", the attempt id (the quiz is module 1).
const { db } = openDatabase(file);
const course = loadCatalogue(process.env.STIPPLE_CONTENT_DIR ?? "content").bySlug.get("smp-practitioner")!;
const quiz = moduleQuiz(course, what === "start" ? target : "skin-anatomy-and-puncture-depth");
while (Date.now() < Number(goAt)) {
  /* spin until the agreed moment so the processes really overlap */
}
try {
  const result = what === "start" ? { attemptId: startAttempt(db, userId, quiz) } : submitAttempt(db, userId, target);
  console.log(JSON.stringify({ ok: true, result }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
}
