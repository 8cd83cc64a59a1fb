import { createHash } from "node:crypto";
import type { Course } from "~/modules/content/load-content.server";
import type { QuizBank } from "~/modules/content/schema";
import { NotFound } from "~/modules/errors";
import type { BankForDraw } from "./draw";

export type QuizSettings = Omit<QuizBank["settings"], "draw">;

/** A quiz as the engine sees it: a module's bank, or the final exam over several banks. */
export type QuizDefinition = {
  key: string;
  kind: "module" | "exam" | "refresher";
  title: string;
  courseSlug: string;
  moduleSlug: string | null;
  settings: QuizSettings;
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
  const { draw, ...settings } = mod.quiz.settings;
  return {
    key: moduleQuizKey(mod.slug),
    kind: "module",
    title: `${mod.title}: quiz`,
    courseSlug: course.slug,
    moduleSlug: mod.slug,
    settings,
    draw,
    perModule: null,
    banks: [{ moduleSlug: mod.slug, questions: mod.quiz.questions, sources: mod.sources }],
    hash: mod.quiz.hash,
  };
}

/** The course's final exam, drawing from every module bank it names; NotFound when there is none. */
export function finalExam(course: Course): QuizDefinition {
  const exam = course.exam;
  if (!exam) throw new NotFound("No final exam");
  const modules = course.modules.filter((m) => m.quiz && (!exam.modules || exam.modules.includes(m.slug)));
  if (!modules.length) throw new NotFound("No final exam");
  return {
    key: EXAM_KEY,
    kind: "exam",
    title: `${course.title}: final exam`,
    courseSlug: course.slug,
    moduleSlug: null,
    settings: exam.settings,
    draw: exam.perModule * modules.length,
    perModule: exam.perModule,
    banks: modules.map((m) => ({ moduleSlug: m.slug, questions: m.quiz!.questions, sources: m.sources })),
    hash: createHash("sha256")
      .update(modules.map((m) => m.quiz!.hash).join(":"))
      .digest("hex"),
  };
}

/**
 * The renewal refresher of a certificate: `perModule` questions from every module bank, with
 * the settings course.yml gives it; NotFound when renewal asks for no refresher.
 */
export function refresherQuiz(course: Course, certificateId: string): QuizDefinition {
  const settings = course.certification?.renewal?.refresherQuiz;
  const modules = course.modules.filter((m) => m.quiz);
  if (!settings || !modules.length) throw new NotFound("No refresher quiz");
  const { perModule, ...rest } = settings;
  return {
    key: refresherQuizKey(certificateId),
    kind: "refresher",
    title: `${course.title}: renewal refresher`,
    courseSlug: course.slug,
    moduleSlug: null,
    settings: rest,
    draw: perModule * modules.length,
    perModule,
    banks: modules.map((m) => ({ moduleSlug: m.slug, questions: m.quiz!.questions, sources: m.sources })),
    hash: createHash("sha256")
      .update(modules.map((m) => m.quiz!.hash).join(":"))
      .digest("hex"),
  };
}

export function quizByKey(course: Course, key: string): QuizDefinition {
  if (key === EXAM_KEY) return finalExam(course);
  if (key.startsWith("module:")) return moduleQuiz(course, key.slice("module:".length));
  if (key.startsWith("refresher:")) return refresherQuiz(course, key.slice("refresher:".length));
  throw new NotFound("No such quiz");
}
