import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { QuizStats } from "~/components/quiz/quiz-stats";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { finalExam } from "~/modules/quiz/quiz-definition.server";
import { quizStatsView } from "~/modules/quiz/stats-view.server";

export const meta: MetaFunction = () => [{ title: "Exam statistics — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return orHttpError(() => {
    const course = findCourse(params.course ?? "");
    return quizStatsView(context.db, actor, course, finalExam(course));
  });
}

export default function ExamStats() {
  return <QuizStats data={useLoaderData<typeof loader>()} />;
}
