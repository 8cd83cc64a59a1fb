// A separate OS process for the restore drill: writes to the shared database file the way exam
// day does, through the app's own functions — a new learner (user and enrolment in one
// transaction) starts a module quiz, autosaves every answer, submits — over and over, yielding
// between writes, until a line arrives on stdin. Prints "ready" after its first commit and, at
// the end, one JSON line with how many writes it committed.
import { eq } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import { createId } from "~/db/ids";
import { enrolments, quizAttempts, users } from "~/db/schema";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import type { AnswerValue, DrawnQuestion } from "~/modules/quiz/types";

const [file] = process.argv.slice(2) as [string];
const { db, sqlite } = openDatabase(file);
const course = loadCatalogue(process.env.STIPPLE_CONTENT_DIR ?? "content").bySlug.get("smp-practitioner")!;
const quiz = moduleQuiz(course, course.modules[0]!.slug);

let stop = false;
process.stdin.on("data", () => (stop = true));
// The test process gone (stdin closed) stops the writer too.
process.stdin.on("end", () => (stop = true));
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** Some well-formed answer to a question (right or wrong does not matter here). */
function anyResponse(q: DrawnQuestion): AnswerValue {
  switch (q.type) {
    case "multiple":
      return ["0"];
    case "true-false":
      return "true";
    case "numeric":
      return "1";
    case "ordering":
      return q.options.map((_, i) => String(i));
    default:
      return "0";
  }
}

let writes = 0;
let learners = 0;
while (!stop) {
  const userId = createId();
  db.transaction((tx) => {
    tx.insert(users)
      .values({ id: userId, email: `load-${process.pid}-${learners}@load.stipple`, name: `Load Learner ${learners}`, passwordHash: "x" })
      .run();
    tx.insert(enrolments).values({ userId, courseSlug: course.slug }).run();
  });
  learners++;
  writes++;
  if (writes === 1) console.log("ready");
  await breathe();
  const attemptId = startAttempt(db, userId, quiz);
  writes++;
  const questions = db.select({ questions: quizAttempts.questions }).from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!
    .questions as DrawnQuestion[];
  for (const [position, question] of questions.entries()) {
    if (stop) break;
    await breathe();
    saveAnswer(db, userId, attemptId, position, anyResponse(question));
    writes++;
  }
  await breathe();
  submitAttempt(db, userId, attemptId);
  writes++;
}
sqlite.close();
console.log(JSON.stringify({ writes, learners }));
process.exit(0);
