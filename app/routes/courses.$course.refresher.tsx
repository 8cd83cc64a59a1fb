import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { QuizLanding } from "~/components/quiz/quiz-landing";
import { formErrorOf } from "~/components/ui/field";
import { quizLandingAction, quizLandingLoader } from "~/http/quiz-landing.server";
import { orHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { refresherFor } from "~/modules/certification/certificates.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Stipple` : "Renewal refresher — Stipple" }];

// Only a holder whose renewal is open has a refresher; everyone else gets 404.
export function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args.request, args.context);
  return quizLandingLoader(args, (course) => orHttpError(() => refresherFor(args.context.db, user.id, course)));
}

export function action(args: ActionFunctionArgs) {
  const user = requireUser(args.request, args.context);
  return quizLandingAction(args, (course) => orHttpError(() => refresherFor(args.context.db, user.id, course)));
}

export default function RefresherLanding() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <QuizLanding data={data} error={formErrorOf(result)} />;
}
