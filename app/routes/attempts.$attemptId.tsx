import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useNavigation, useSubmit, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Countdown } from "~/components/quiz/countdown";
import { Button } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { attemptForTaking, clearAnswer, questionTypeAt, saveAnswer, submitAttempt } from "~/modules/quiz/attempts.server";
import { isAnswered, moveItem, responseFromForm } from "~/modules/quiz/form";
import { quizByKey, quizLandingPath } from "~/modules/quiz/quiz-definition.server";
import type { PublicQuestion, Response } from "~/modules/quiz/types";

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
    if (error instanceof Response) throw error;
    if (error instanceof Conflict) {
      if (intent === "autosave") return data({ error: error.message, expired: true }, { status: 409 });
      throw redirect(`${review}?late=1`);
    }
    if (error instanceof Invalid) return data({ error: error.message }, { status: 400 });
    return orHttpError(() => {
      throw error;
    });
  }
}

type SaveState = { state: "idle" | "saving" | "saved" | "error"; message?: string };

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
        <Summary answered={answered} />
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

function Summary({ answered }: { answered: boolean[] }) {
  const busy = useNavigation().state === "submitting";
  const missing = answered.flatMap((a, i) => (a ? [] : [i + 1]));
  return (
    <section aria-labelledby="summary-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <h1 id="summary-heading" className="text-2xl font-bold text-stone-900">
        Ready to submit?
      </h1>
      {missing.length ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900">
          <p className="font-medium">
            {missing.length} question{missing.length === 1 ? " is" : "s are"} not answered: unanswered questions score nothing.
          </p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {missing.map((n) => (
              <li key={n}>
                <Link to={`?q=${n}`} className="underline underline-offset-2">
                  Question {n}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-stone-800">Every question has an answer. You can still go back and change any of them.</p>
      )}
      <p className="text-sm text-stone-600">Once submitted, answers are final and you will see your score and the review.</p>
      <Form method="post" replace>
        <input type="hidden" name="intent" value="submit" />
        <Button type="submit" disabled={busy}>
          {busy ? "Submitting…" : "Submit for grading"}
        </Button>
      </Form>
    </section>
  );
}

function QuestionForm({
  question,
  saved,
  total,
  onSaved,
}: {
  question: PublicQuestion;
  saved: Response | undefined;
  total: number;
  onSaved: (position: number, answered: boolean) => void;
}) {
  const fetcher = useFetcher<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [status, setStatus] = useState<SaveState>({ state: saved === undefined ? "idle" : "saved" });
  const initialOrder = Array.isArray(saved) && question.type === "ordering" ? saved : question.options.map((o) => o.id);
  const [order, setOrder] = useState<string[]>(initialOrder);
  const [moved, setMoved] = useState("");
  const last = question.position === total - 1;

  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const submitSave = useRef(fetcher.submit);
  submitSave.current = fetcher.submit;
  // One save in flight at a time: a newer save waits for the running one instead of aborting it.
  const busyRef = useRef(false);
  const pendingRef = useRef(false);
  busyRef.current = fetcher.state !== "idle";
  const saveNow = useCallback(() => {
    if (!formRef.current) return;
    if (busyRef.current) {
      pendingRef.current = true;
      return;
    }
    const body = new FormData(formRef.current);
    body.set("intent", "autosave");
    busyRef.current = true;
    setStatus({ state: "saving" });
    submitSave.current(body, { method: "post" });
  }, []);
  const autosave = useCallback(
    (delay = 0) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(saveNow, delay);
    },
    [saveNow],
  );
  useEffect(() => {
    if (fetcher.state === "idle" && pendingRef.current) {
      pendingRef.current = false;
      saveNow();
    }
  }, [fetcher.state, saveNow]);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const result = fetcher.data as { savedAt?: number | null; answered?: boolean; error?: string; expired?: boolean };
    if (result.expired) window.location.assign(window.location.pathname + "/review?late=1");
    else if (result.error) setStatus({ state: "error", message: result.error });
    else {
      setStatus({ state: "saved" });
      onSavedRef.current(question.position, !!result.answered);
    }
  }, [fetcher.state, fetcher.data, question.position]);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    autosave(target.type === "text" ? 700 : 0);
  };

  const move = (index: number, direction: "up" | "down") => {
    const next = moveItem(order, index, direction);
    if (next.join() === order.join()) return;
    setOrder(next);
    const item = question.options.find((o) => o.id === order[index]);
    setMoved(`Moved “${item?.text}” to position ${direction === "up" ? index : index + 2} of ${order.length}.`);
    // Save after React has put the new order into the form.
    setTimeout(() => autosave(0), 0);
  };

  const savedValues = new Set(Array.isArray(saved) ? saved : saved !== undefined ? [saved] : []);
  const legendId = `q-${question.position}-prompt`;
  const busy = navigation.state === "submitting";

  return (
    <Form method="post" ref={formRef} onChange={onChange} className="space-y-6">
      <input type="hidden" name="position" value={question.position} />
      <input type="hidden" name="intent" value="save" />
      <fieldset className="space-y-4" aria-describedby={question.type === "multiple" ? `${legendId}-hint` : undefined}>
        <legend id={legendId} className="text-xl font-semibold text-stone-900">
          <span className="mb-1 block text-sm font-medium text-stone-600">
            Question {question.position + 1} of {total}
          </span>
          {question.prompt}
        </legend>
        {question.image ? (
          <img src={question.image.url} alt={question.image.alt} className="max-h-80 w-full rounded-md border border-stone-200 bg-white object-contain p-2" />
        ) : null}
        {question.type === "multiple" ? (
          <p id={`${legendId}-hint`} className="text-sm text-stone-600">
            Select all that apply.
          </p>
        ) : null}

        {question.type === "single" || question.type === "image" || question.type === "true-false" || question.type === "multiple" ? (
          <div className="space-y-2">
            {question.type === "multiple" ? <input type="hidden" name="multipleShown" value="1" /> : null}
            {question.options.map((o) => (
              <label
                key={o.id}
                className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-stone-300 bg-white p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  type={question.type === "multiple" ? "checkbox" : "radio"}
                  name="response"
                  value={o.id}
                  defaultChecked={savedValues.has(o.id)}
                  className="mt-1 h-4 w-4 accent-brand-700"
                />
                <span className="text-stone-900">{o.text}</span>
              </label>
            ))}
          </div>
        ) : null}

        {question.type === "numeric" ? (
          <div className="flex items-center gap-2">
            <label htmlFor={`${legendId}-answer`} className="sr-only">
              Your answer in {question.unit}
            </label>
            <input
              id={`${legendId}-answer`}
              name="response"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={typeof saved === "string" ? saved : ""}
              className="w-40 rounded-md border border-stone-300 px-3 py-2 text-lg"
            />
            <span className="text-stone-800">{question.unit}</span>
          </div>
        ) : null}

        {question.type === "ordering" ? (
          <div>
            <p className="text-sm text-stone-600">Put the items in order, first at the top. Use the Move buttons (they work with the keyboard).</p>
            <ol className="mt-3 space-y-2">
              {order.map((id, index) => {
                const item = question.options.find((o) => o.id === id)!;
                return (
                  <li key={id} className="flex items-center gap-3 rounded-md border border-stone-300 bg-white p-3">
                    <input type="hidden" name="order" value={id} />
                    <span className="w-6 text-right font-medium tabular-nums text-stone-500">{index + 1}.</span>
                    <span className="flex-1 text-stone-900">{item.text}</span>
                    <span className="flex gap-1">
                      <button
                        type="submit"
                        name="move"
                        value={`${index}:up`}
                        disabled={index === 0}
                        onClick={(e) => {
                          e.preventDefault();
                          move(index, "up");
                        }}
                        className="min-h-11 rounded-md border border-stone-300 px-2 text-sm disabled:opacity-40"
                        aria-label={`Move “${item.text}” up`}
                      >
                        ↑ Up
                      </button>
                      <button
                        type="submit"
                        name="move"
                        value={`${index}:down`}
                        disabled={index === order.length - 1}
                        onClick={(e) => {
                          e.preventDefault();
                          move(index, "down");
                        }}
                        className="min-h-11 rounded-md border border-stone-300 px-2 text-sm disabled:opacity-40"
                        aria-label={`Move “${item.text}” down`}
                      >
                        ↓ Down
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
            <p aria-live="polite" className="sr-only">
              {moved}
            </p>
          </div>
        ) : null}
      </fieldset>

      <p aria-live="polite" className={`text-sm ${status.state === "error" ? "font-medium text-rose-700" : "text-stone-600"}`}>
        {status.state === "saving" ? "Saving…" : status.state === "saved" ? "Saved" : status.state === "error" ? `Not saved: ${status.message}` : "\u00a0"}
      </p>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex gap-2">
          {question.position > 0 ? (
            <Button type="submit" name="goto" value="prev" variant="secondary" disabled={busy}>
              ← Previous
            </Button>
          ) : null}
          {question.type === "ordering" ? (
            <Button type="submit" name="goto" value={String(question.position)} variant="secondary" disabled={busy}>
              Save this order
            </Button>
          ) : null}
        </div>
        <Button type="submit" name="goto" value={last ? "summary" : "next"} disabled={busy}>
          {last ? "Save and finish" : "Save and next →"}
        </Button>
      </div>
    </Form>
  );
}
