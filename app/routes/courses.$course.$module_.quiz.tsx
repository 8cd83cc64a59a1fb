import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { QuizLanding } from "~/components/quiz/quiz-landing";
import { formErrorOf } from "~/components/ui/field";
import { quizLandingAction, quizLandingLoader } from "~/http/quiz-landing.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Stipple` : "Quiz — Stipple" }];

export function loader(args: LoaderFunctionArgs) {
  return quizLandingLoader(args, (course, params) => moduleQuiz(course, params.module ?? ""));
}

export function action(args: ActionFunctionArgs) {
  return quizLandingAction(args, (course, params) => moduleQuiz(course, params.module ?? ""));
}

export default function ModuleQuizLanding() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <QuizLanding data={data} error={formErrorOf(result)} />;
}
