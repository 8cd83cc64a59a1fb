import { getCatalogue } from "~/modules/content/catalogue.server";
import type { Course } from "~/modules/content/load-content.server";
import type { CorrectAnswerPolicy, QuizBank } from "~/modules/content/schema";
import { NotFound } from "~/modules/errors";
import type { BankForDraw } from "./draw";
import { DEFAULT_CORRECT_ANSWERS } from "./review-policy";

export type QuizSettings = Omit<QuizBank["settings"], "draw" | "review">;

/** A quiz as the engine sees it: a module's bank, or the final exam over several banks. */
export type QuizDefinition = {
  key: string;
  kind: "module" | "exam" | "refresher";
  title: string;
  courseSlug: string;
  moduleSlug: string | null;
  settings: QuizSettings;
  /** When the learner's review shows the correct answers (see review-policy.ts). */
  correctAnswers: CorrectAnswerPolicy;
  /** How many questions an attempt draws. */
  draw: number;
  perModule: number | null;
  banks: BankForDraw[];
  /** Hash of the bank file(s): stored with each attempt. */
  hash: string;
};

export const EXAM_KEY = "exam";
export const moduleQuizKey = (moduleSlug: string) => `module:${moduleSlug}`;
/** A refresher belongs to the certificate it renews, so its attempts count per renewal. */
export const refresherQuizKey = (certificateId: string) => `refresher:${certificateId}`;

/** Where a quiz's landing page is: what "back to the quiz" links point at. */
export function quizLandingPath(courseSlug: string, quizKey: string): string {
  if (quizKey === EXAM_KEY) return `/courses/${courseSlug}/exam`;
  // A refresher belongs to one certificate, whose page shows what renewal still needs (or the renewal).
  if (quizKey.startsWith("refresher:")) return `/certificates/${quizKey.slice("refresher:".length)}`;
  return `/courses/${courseSlug}/${quizKey.replace(/^module:/, "")}/quiz`;
}

/** The quiz of a module; NotFound when the module has no bank. */
export function moduleQuiz(course: Course, moduleSlug: string): QuizDefinition {
  const mod = course.modules.find((m) => m.slug === moduleSlug);
  if (!mod?.quiz) throw new NotFound("No such quiz");
  const { draw, review, ...settings } = mod.quiz.settings;
  return {
    key: moduleQuizKey(mod.slug),
    kind: "module",
    title: `${mod.title}: quiz`,
    courseSlug: course.slug,
    moduleSlug: mod.slug,
    settings,
    correctAnswers: review?.correctAnswers ?? DEFAULT_CORRECT_ANSWERS.module,
    draw,
    perModule: null,
    banks: [{ moduleSlug: mod.slug, questions: mod.quiz.questions, sources: mod.sources }],
    hash: mod.quiz.hash,
  };
}

/**
 * The banks the exam and the refresher draw from: the exam's own pool, one bank per module it
 * covers, never the module quizzes' banks.
 */
function examBanks(course: Course, exam: NonNullable<Course["exam"]>): BankForDraw[] {
  return exam.modules.map((slug) => {
    const mod = course.modules.find((m) => m.slug === slug)!;
    const questions = exam.questions.filter((q) => q.module === slug).map(({ module: _module, ...q }) => q);
    return { moduleSlug: slug, questions, sources: mod.sources };
  });
}

/** The course's final exam, drawing `perModule` items per module from its own pool; NotFound when there is none. */
export function finalExam(course: Course): QuizDefinition {
  const exam = course.exam;
  if (!exam || !exam.modules.length) throw new NotFound("No final exam");
  const { review, ...settings } = exam.settings;
  return {
    key: EXAM_KEY,
    kind: "exam",
    title: `${course.title}: final exam`,
    courseSlug: course.slug,
    moduleSlug: null,
    settings,
    correctAnswers: review?.correctAnswers ?? DEFAULT_CORRECT_ANSWERS.exam,
    draw: exam.perModule * exam.modules.length,
    perModule: exam.perModule,
    banks: examBanks(course, exam),
    hash: exam.hash,
  };
}

/**
 * The renewal refresher of a certificate: `perModule` items per module from the exam's own pool,
 * with the settings course.yml gives it; NotFound when renewal asks for no refresher.
 */
export function refresherQuiz(course: Course, certificateId: string): QuizDefinition {
  const settings = course.certification?.renewal?.refresherQuiz;
  const exam = course.exam;
  if (!settings || !exam || !exam.modules.length) throw new NotFound("No refresher quiz");
  const { perModule, review, ...rest } = settings;
  return {
    key: refresherQuizKey(certificateId),
    kind: "refresher",
    title: `${course.title}: renewal refresher`,
    courseSlug: course.slug,
    moduleSlug: null,
    settings: rest,
    correctAnswers: review?.correctAnswers ?? DEFAULT_CORRECT_ANSWERS.refresher,
    draw: perModule * exam.modules.length,
    perModule,
    banks: examBanks(course, exam),
    hash: exam.hash,
  };
}

export function quizByKey(course: Course, key: string): QuizDefinition {
  if (key === EXAM_KEY) return finalExam(course);
  if (key.startsWith("module:")) return moduleQuiz(course, key.slice("module:".length));
  if (key.startsWith("refresher:")) return refresherQuiz(course, key.slice("refresher:".length));
  throw new NotFound("No such quiz");
}

/** The quiz as the current content defines it, or null when the course or quiz is gone. */
export function currentQuiz(course: Course | undefined, quizKey: string): QuizDefinition | null {
  if (!course) return null;
  try {
    return quizByKey(course, quizKey);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

/** `currentQuiz` in the loaded catalogue: how pages resolve an attempt's quiz. */
export const catalogueQuiz = (courseSlug: string, quizKey: string): QuizDefinition | null => currentQuiz(getCatalogue().bySlug.get(courseSlug), quizKey);
