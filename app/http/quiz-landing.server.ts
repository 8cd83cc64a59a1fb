import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { Course } from "~/modules/content/load-content.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { startAttempt } from "~/modules/quiz/lifecycle.server";
import { quizLanding } from "~/modules/quiz/landing.server";
import type { QuizDefinition } from "~/modules/quiz/quiz-definition.server";
import { isEnrolled } from "~/modules/progress/progress.server";
import { orHttpError } from "./errors.server";
import { buttonSubmission, refusedSubmission } from "./forms.server";
import { requireUser } from "./session.server";

type PickQuiz = (course: Course, params: LoaderFunctionArgs["params"]) => QuizDefinition;

/** Loader shared by a module quiz's landing page and the final exam's. */
export function quizLandingLoader({ request, params, context }: LoaderFunctionArgs, pick: PickQuiz) {
  const user = requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const quiz = orHttpError(() => pick(course, params));
  const landing = quizLanding(context.db, user.id, course, quiz);
  if (!landing) throw redirect(`/courses/${course.slug}`);
  return landing;
}

/** "Start" (or resume): an attempt, then its first question. Refusals come back above the button. */
export async function quizLandingAction({ request, params, context }: ActionFunctionArgs, pick: PickQuiz) {
  const user = requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const quiz = orHttpError(() => pick(course, params));
  const submission = buttonSubmission(await request.formData());
  if (submission.payload.intent !== "start") throw data({ message: "Unknown action" }, { status: 400 });
  if (!isEnrolled(context.db, user.id, course.slug)) throw redirect(`/courses/${course.slug}`);
  try {
    const attemptId = startAttempt(context.db, user.id, quiz);
    throw redirect(`/attempts/${attemptId}`);
  } catch (error) {
    return refusedSubmission(submission, error);
  }
}
