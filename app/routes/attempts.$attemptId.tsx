import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Countdown } from "~/components/quiz/countdown";
import { AttemptSummary, QuestionForm, questionLegendId } from "~/components/quiz/question-form";
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

/** Below Tailwind's `sm` breakpoint the question list folds away behind a disclosure. */
const PHONE = "(max-width: 639px)";

/**
 * The question list's disclosure: open in the page as sent (so without script every link is
 * there), folded on a phone once the page runs, and open again on a wider screen. After that
 * the learner opens and closes it; the page never fights them (it does not control `open`).
 */
function useQuestionListFold() {
  const fold = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const phone = window.matchMedia(PHONE);
    const follow = () => {
      if (fold.current) fold.current.open = !phone.matches;
    };
    follow();
    phone.addEventListener("change", follow);
    return () => phone.removeEventListener("change", follow);
  }, []);
  return fold;
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
  const fold = useQuestionListFold();

  // When the question changes without a page load ("Save and next", a question button), keyboard
  // and screen-reader focus moves to the new question's legend, or to the summary's heading;
  // on the first load it stays where the browser puts it.
  const shown = useRef(current);
  useEffect(() => {
    if (shown.current === current) return;
    shown.current = current;
    document.getElementById(typeof current === "number" ? questionLegendId(current) : "summary-heading")?.focus();
  }, [current]);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <p className="text-sm text-stone-600">
          <Link to={landing} className="underline underline-offset-2">
            Rules and attempts
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-stone-900">{title}</h1>
      </header>

      {/* The clock stays in view while the question scrolls, on a phone too. */}
      <div className="sticky top-0 z-20 -mx-4 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 bg-stone-50 px-4 py-2 sm:mx-0 sm:rounded-b-md">
        <p className="text-sm font-medium text-stone-800">
          {answeredCount} of {attempt.questions.length} answered
        </p>
        <Countdown deadlineAt={attempt.deadlineAt} serverNow={attempt.serverNow} onExpire={expire} />
      </div>

      <details ref={fold} open className="group">
        <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-stone-300 bg-white px-3 text-sm font-medium text-stone-800 sm:hidden">
          <span aria-hidden="true" className="transition-transform group-open:rotate-90">
            ▸
          </span>
          Go to a question ({typeof current === "number" ? `on ${current + 1} of ${attempt.questions.length}` : "finish"})
        </summary>
        <nav aria-label="Questions" className="mt-2 sm:mt-0">
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
      </details>

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
