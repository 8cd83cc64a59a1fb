import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { QuizLanding } from "~/components/quiz/quiz-landing";
import { formErrorOf } from "~/components/ui/field";
import { quizLandingAction, quizLandingLoader } from "~/http/quiz-landing.server";
import { finalExam } from "~/modules/quiz/quiz-definition.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Stipple` : "Final exam — Stipple" }];

export function loader(args: LoaderFunctionArgs) {
  return quizLandingLoader(args, (course) => finalExam(course));
}

export function action(args: ActionFunctionArgs) {
  return quizLandingAction(args, (course) => finalExam(course));
}

export default function ExamLanding() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <QuizLanding data={data} error={formErrorOf(result)} />;
}
