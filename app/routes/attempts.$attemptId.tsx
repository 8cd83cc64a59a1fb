import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useState } from "react";
import { Countdown } from "~/components/quiz/countdown";
import { AttemptSummary, QuestionForm } from "~/components/quiz/question-form";
import { orHttpError, toHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { attemptForTaking, clearAnswer, questionTypeAt, saveAnswer, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { isAnswered, moveItem, responseFromForm } from "~/modules/quiz/form";
import { quizByKey, quizLandingPath } from "~/modules/quiz/quiz-definition.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Stipple` : "Quiz — Stipple" }];

/**
 * An autosave changes nothing the page shows but the "answered" marks, which the page keeps
 * itself: reloading the attempt after every keystroke would only race the next navigation.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate;

// A running attempt changes every second (its clock): never cached, by us or the browser.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const attempt = orHttpError(() => attemptForTaking(context.db, user.id, params.attemptId ?? ""));
  if (attempt.submitted) throw redirect(`/attempts/${attempt.id}/review`);
  const url = new URL(request.url);
  const total = attempt.questions.length;
  const q = Number(url.searchParams.get("q") ?? "1");
  const current: number | "summary" = url.searchParams.get("step") === "summary" ? "summary" : Number.isInteger(q) && q >= 1 && q <= total ? q - 1 : 0;
  let title = "Quiz";
  try {
    title = quizByKey(findCourse(attempt.courseSlug), attempt.quizKey).title;
  } catch {
    /* the course changed since; the attempt still works from its snapshot */
  }
  return { attempt, title, current, landing: quizLandingPath(attempt.courseSlug, attempt.quizKey) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const attemptId = params.attemptId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const review = `/attempts/${attemptId}/review`;
  if (intent === "submit") {
    orHttpError(() => submitAttempt(context.db, user.id, attemptId));
    throw redirect(review);
  }
  const position = Number(form.get("position"));
  let question: ReturnType<typeof questionTypeAt>;
  try {
    question = questionTypeAt(context.db, user.id, attemptId, position);
  } catch (error) {
    if (error instanceof NotFound) return data({ error: "That question is not in this attempt." }, { status: 404 });
    throw error;
  }
  if (question.submitted) {
    if (intent === "autosave") return data({ error: "This attempt has already been submitted.", expired: true }, { status: 409 });
    throw redirect(review);
  }
  const page = (i: number) => `/attempts/${attemptId}?q=${i + 1}`;
  try {
    if (intent === "clear") {
      clearAnswer(context.db, user.id, attemptId, position);
      throw redirect(page(position));
    }
    let response = responseFromForm(question.type, form);
    const move = /^(\d+):(up|down)$/.exec(String(form.get("move") ?? ""));
    if (move && Array.isArray(response)) response = moveItem(response, Number(move[1]), move[2] as "up" | "down");
    if (response !== undefined) {
      const { savedAt } = saveAnswer(context.db, user.id, attemptId, position, response);
      if (intent === "autosave") return { savedAt, answered: isAnswered(response) };
    } else if (intent === "autosave") {
      return { savedAt: null, answered: false };
    }
    if (move) throw redirect(page(position));
    const goto = String(form.get("goto") ?? "next");
    if (goto === "summary") throw redirect(`/attempts/${attemptId}?step=summary`);
    if (goto === "prev") throw redirect(page(Math.max(0, position - 1)));
    if (/^\d+$/.test(goto)) throw redirect(page(Math.min(question.count - 1, Number(goto))));
    throw redirect(position + 1 < question.count ? page(position + 1) : `/attempts/${attemptId}?step=summary`);
  } catch (error) {
    // The clock ran out while answering: the attempt is over and graded as it stood.
    if (error instanceof Conflict) {
      if (intent === "autosave") return data({ error: error.message, expired: true }, { status: 409 });
      throw redirect(`${review}?late=1`);
    }
    // An answer that cannot be read is said next to the question (a background save shows it too).
    if (error instanceof Invalid) return data({ error: error.message }, { status: 400 });
    return toHttpError(error);
  }
}

export default function TakeAttempt() {
  const { attempt, title, current, landing } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const expire = useCallback(() => {
    submit({ intent: "submit" }, { method: "post", replace: true });
  }, [submit]);
  // Answers saved in the background since the page loaded (see shouldRevalidate).
  const [savedHere, setSavedHere] = useState<Record<number, boolean>>({});
  const answered = attempt.questions.map((_, i) => savedHere[i] ?? isAnswered(attempt.answers[i]));
  const answeredCount = answered.filter(Boolean).length;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-4">
        <div>
          <p className="text-sm text-stone-600">
            <Link to={landing} className="underline underline-offset-2">
              {title}
            </Link>
          </p>
          <p className="mt-1 text-sm font-medium text-stone-800">
            {answeredCount} of {attempt.questions.length} answered
          </p>
        </div>
        <Countdown deadlineAt={attempt.deadlineAt} serverNow={attempt.serverNow} onExpire={expire} />
      </header>

      <nav aria-label="Questions">
        <ol className="flex flex-wrap gap-2">
          {attempt.questions.map((q, i) => (
            <li key={q.position}>
              <Link
                to={`?q=${i + 1}`}
                aria-current={current === i ? "step" : undefined}
                aria-label={`Question ${i + 1}, ${answered[i] ? "answered" : "not answered"}`}
                className={`flex h-10 w-10 items-center justify-center rounded-md border text-sm font-medium ${
                  current === i
                    ? "border-brand-700 bg-brand-700 text-white"
                    : answered[i]
                      ? "border-brand-600 bg-brand-50 text-brand-800"
                      : "border-stone-300 bg-white text-stone-800"
                }`}
              >
                {i + 1}
                {answered[i] && current !== i ? <span aria-hidden="true">✓</span> : null}
              </Link>
            </li>
          ))}
          <li>
            <Link
              to="?step=summary"
              aria-current={current === "summary" ? "step" : undefined}
              className={`flex h-10 items-center rounded-md border px-3 text-sm font-medium ${current === "summary" ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white"}`}
            >
              Finish
            </Link>
          </li>
        </ol>
      </nav>

      {typeof current !== "number" ? (
        <AttemptSummary answered={answered} />
      ) : (
        <QuestionForm
          key={`${attempt.id}-${current}`}
          question={attempt.questions[current]!}
          saved={attempt.answers[current]}
          total={attempt.questions.length}
          onSaved={(position, isNowAnswered) => setSavedHere((s) => ({ ...s, [position]: isNowAnswered }))}
        />
      )}
    </div>
  );
}
