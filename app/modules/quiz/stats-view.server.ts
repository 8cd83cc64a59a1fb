import type { Db } from "~/db/client.server";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Course } from "~/modules/content/load-content.server";
import { NotFound } from "~/modules/errors";
import { quizStatistics } from "./statistics.server";
import type { QuizDefinition } from "./quiz-definition.server";
import { MIN_RESPONSES_TO_FLAG } from "./stats";

export type QuizStatsData = ReturnType<typeof quizStatsView>;

/** Item statistics with each question's prompt and options, for instructors and admins (NotFound for others). */
export function quizStatsView(db: Db, actor: Actor, course: Course, quiz: QuizDefinition) {
  if (!can.reviewWork(actor)) throw new NotFound("No such page");
  const stats = quizStatistics(db, quiz);
  const questions = new Map<string, (typeof quiz.banks)[number]["questions"][number]>(
    quiz.banks.flatMap((b) => b.questions.map((q) => [`${b.moduleSlug}/${q.id}`, q] as const)),
  );
  return {
    courseSlug: course.slug,
    courseTitle: course.title,
    title: quiz.title,
    attempts: stats.attempts,
    minResponses: MIN_RESPONSES_TO_FLAG,
    items: stats.items.map((s) => {
      const q = questions.get(s.questionRef);
      const options =
        q && "options" in q ? q.options.map((o) => ({ id: o.id, text: o.text, correct: "correct" in o && !!o.correct, count: s.optionCounts[o.id] ?? 0 })) : [];
      return { ...s, prompt: q?.prompt ?? "(no longer in the bank)", options };
    }),
  };
}
