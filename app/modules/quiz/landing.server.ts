import type { Db } from "~/db/client.server";
import type { Course } from "~/modules/content/load-content.server";
import { isEnrolled } from "~/modules/progress/progress.server";
import { quizStatus, type QuizStatus } from "./lifecycle.server";
import type { QuizDefinition } from "./quiz-definition.server";
import { reviewPromise } from "./review-policy";
import { scoringRules } from "./scoring-rules";

export type QuizLandingData = {
  title: string;
  kind: "module" | "exam" | "refresher";
  course: { slug: string; title: string };
  moduleSlug: string | null;
  /** The module's title, for the breadcrumb (null for the exam and the refresher). */
  moduleTitle: string | null;
  questionCount: number;
  passPercent: number;
  timeLimitMinutes: number;
  attemptsAllowed: number;
  attemptsGranted: number;
  cooldownMinutes: number;
  /** What the review after an attempt will show. */
  reviewShows: string;
  /** How answers are scored, partial credit included, one sentence a rule. */
  scoring: string[];
  status: QuizStatus;
  serverNow: number;
};

/** Everything the quiz landing page shows, for an enrolled learner (null when not enrolled). */
export function quizLanding(db: Db, userId: string, course: Course, quiz: QuizDefinition, now = Date.now()): QuizLandingData | null {
  if (!isEnrolled(db, userId, course.slug)) return null;
  const status = quizStatus(db, userId, quiz, now);
  return {
    title: quiz.title,
    kind: quiz.kind,
    course: { slug: course.slug, title: course.title },
    moduleSlug: quiz.moduleSlug,
    moduleTitle: course.modules.find((m) => m.slug === quiz.moduleSlug)?.title ?? null,
    questionCount: quiz.draw,
    passPercent: Math.round(quiz.settings.passMark * 100),
    timeLimitMinutes: quiz.settings.timeLimitMinutes,
    attemptsAllowed: quiz.settings.attempts,
    attemptsGranted: status.attemptsAllowed - quiz.settings.attempts,
    cooldownMinutes: quiz.settings.cooldownMinutes,
    reviewShows: reviewPromise(quiz.correctAnswers),
    scoring: scoringRules(quiz.banks.flatMap((b) => b.questions)),
    status,
    serverNow: now,
  };
}
