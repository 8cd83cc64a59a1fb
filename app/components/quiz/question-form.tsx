import { Form, Link, useNavigation } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { useAutosave } from "~/hooks/use-autosave";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { displayPrompt, moveItem } from "~/modules/quiz/form";
import { questionScoringHint } from "~/modules/quiz/scoring-rules";
import type { AnswerValue, PublicQuestion } from "~/modules/quiz/types";

/** What the attempt's action answers to a background save. */
export type AutosaveResult = { savedAt?: number | null; answered?: boolean; error?: string; expired?: boolean };

export function AttemptSummary({ answered }: { answered: boolean[] }) {
  const busy = useIsSubmitting();
  const missing = answered.flatMap((a, i) => (a ? [] : [i + 1]));
  return (
    <section aria-labelledby="summary-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="summary-heading" tabIndex={-1} className="scroll-mt-20 text-2xl font-bold text-stone-900 focus:outline-none">
        Ready to submit?
      </h2>
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

/** The id of a question's legend: the attempt page moves focus to it when the question changes. */
export const questionLegendId = (position: number) => `q-${position}-prompt`;

export function QuestionForm({
  question,
  saved,
  total,
  onSaved,
}: {
  question: PublicQuestion;
  saved: AnswerValue | undefined;
  total: number;
  onSaved: (position: number, answered: boolean) => void;
}) {
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const initialOrder = Array.isArray(saved) && question.type === "ordering" ? saved : question.options.map((o) => o.id);
  const [order, setOrder] = useState<string[]>(initialOrder);
  const [moved, setMoved] = useState("");
  const last = question.position === total - 1;
  const { schedule: autosave, status } = useAutosave<AutosaveResult>({
    formRef,
    intent: "autosave",
    savedOnLoad: saved !== undefined,
    onResult: (result) => {
      if (result.expired) {
        window.location.assign(window.location.pathname + "/review?late=1");
        return;
      }
      if (result.error) return result.error;
      onSaved(question.position, !!result.answered);
    },
  });

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
  const legendId = questionLegendId(question.position);
  const busy = navigation.state === "submitting";
  const scoringHint = question.type === "multiple" ? questionScoringHint(question.type, question.scoring) : null;

  return (
    <Form method="post" ref={formRef} onChange={onChange} className="space-y-6">
      <input type="hidden" name="position" value={question.position} />
      <input type="hidden" name="intent" value="save" />
      <fieldset className="space-y-4" aria-describedby={scoringHint ? `${legendId}-hint` : question.type === "ordering" ? `${legendId}-how` : undefined}>
        {/* Focusable from script only: after "Save and next" the page moves focus here (see the attempt route). */}
        <legend
          id={legendId}
          tabIndex={-1}
          className="scroll-mt-20 text-xl font-semibold text-stone-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          <span className="mb-1 block text-sm font-medium text-stone-600">
            Question {question.position + 1} of {total}
          </span>
          {displayPrompt(question.type, question.prompt)}
        </legend>
        {question.image ? (
          <img src={question.image.url} alt={question.image.alt} className="max-h-80 w-full rounded-md border border-stone-200 bg-white object-contain p-2" />
        ) : null}
        {scoringHint ? (
          <p id={`${legendId}-hint`} className="text-sm text-stone-600">
            {scoringHint}
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
            <p id={`${legendId}-how`} className="text-sm text-stone-600">
              Put the items in order, first at the top, with the “Up” and “Down” buttons beside each item (they work with the keyboard).{" "}
              {questionScoringHint(question.type, question.scoring)}
            </p>
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
