import type { Db } from "~/db/client.server";
import { certificationOverview } from "~/modules/certification/certificates.server";
import type { Course } from "~/modules/content/load-content.server";
import { quizResults } from "~/modules/quiz/attempt-records.server";
import { EXAM_KEY, moduleQuizKey } from "~/modules/quiz/quiz-definition.server";
import { courseProgress, isEnrolled } from "./progress.server";
import type { CourseProgress } from "./summarise";

export type CourseCard = {
  slug: string;
  title: string;
  summary: string;
  moduleCount: number;
  minutes: number;
  enrolled: boolean;
  progress: CourseProgress | null;
};

/** The catalogue as one person sees it: every course, with their progress where enrolled. */
export function catalogueFor(db: Db, courses: readonly Course[], userId: string | null): CourseCard[] {
  return courses.map((course) => {
    const enrolled = userId ? isEnrolled(db, userId, course.slug) : false;
    return {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      moduleCount: course.modules.length,
      minutes: course.modules.reduce((sum, m) => sum + m.minutes, 0),
      enrolled,
      progress: userId && enrolled ? courseProgress(db, userId, course) : null,
    };
  });
}

/** A course overview for a learner: modules in order with their status, and their certification checklist. */
export function courseOverview(db: Db, course: Course, userId: string) {
  const enrolled = isEnrolled(db, userId, course.slug);
  const progress = courseProgress(db, userId, course);
  const results = quizResults(db, userId, course.slug);
  const result = (key: string) => results.get(key) ?? null;
  return {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    about: course.about ?? null,
    hasGlossary: course.glossary.length > 0,
    hasPaperwork: course.paperwork.length > 0,
    enrolled,
    progress,
    modules: course.modules.map((m, i) => ({
      slug: m.slug,
      number: m.number,
      title: m.title,
      summary: m.summary,
      minutes: m.minutes,
      outline: m.status === "outline",
      hasQuiz: !!m.quiz,
      quiz: m.quiz ? result(moduleQuizKey(m.slug)) : null,
      status: progress.modules[i]?.status ?? "not-started",
    })),
    exam: course.exam ? { result: result(EXAM_KEY) } : null,
    certification: enrolled ? certificationOverview(db, userId, course) : null,
  };
}
