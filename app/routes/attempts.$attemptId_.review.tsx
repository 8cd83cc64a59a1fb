import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { DataTable } from "~/components/ui/data-table";
import { LocalTime } from "~/components/ui/local-time";
import { formErrorOf } from "~/components/ui/field";
import { orHttpError } from "~/http/errors.server";
import { buttonSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { sourceHref } from "~/modules/content/source-link";
import { grantableQuiz, grantAttempt } from "~/modules/quiz/grants.server";
import { attemptReview, type NextAttempt } from "~/modules/quiz/review.server";
import { catalogueQuiz, quizByKey, quizLandingPath } from "~/modules/quiz/quiz-definition.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Review: ${data.title} — Stipple` : "Review — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const review = orHttpError(() => attemptReview(context.db, actor, params.attemptId ?? "", catalogueQuiz));
  let title = "Quiz";
  try {
    title = quizByKey(findCourse(review.courseSlug), review.quizKey).title;
  } catch {
    /* content changed since; the review stands on its snapshot */
  }
  const landing = quizLandingPath(review.courseSlug, review.quizKey);
  const url = new URL(request.url);
  const late = url.searchParams.get("late") === "1";
  const ownAttempt = review.learnerId === actor.id;
  // Someone who grades the learner, looking at the last of their attempts without a pass, can grant one more.
  let grantable = null;
  try {
    grantable = ownAttempt ? null : grantableQuiz(context.db, actor, review.id, quizOf);
  } catch {
    /* the quiz left the course: nothing to grant */
  }
  const course = getCatalogue().bySlug.get(review.courseSlug);
  // In the course's order, so the table reads like the contents page.
  const position = (slug: string) => course?.modules.findIndex((x) => x.slug === slug) ?? -1;
  const byModule =
    review.byModule
      ?.map((m) => ({ ...m, title: course?.modules.find((x) => x.slug === m.moduleSlug)?.title ?? m.moduleSlug }))
      .sort((a, b) => position(a.moduleSlug) - position(b.moduleSlug)) ?? null;
  return { review, byModule, title, landing, ownAttempt, late, canGrant: !!grantable, granted: url.searchParams.get("granted") === "1" };
}

const quizOf = (courseSlug: string, quizKey: string) => quizByKey(findCourse(courseSlug), quizKey);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const attemptId = params.attemptId ?? "";
  const submission = buttonSubmission(await request.formData());
  try {
    grantAttempt(context.db, actor, attemptId, quizOf);
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  throw redirect(`/attempts/${attemptId}/review?granted=1`);
}

function verdict(score: number) {
  if (score >= 1) return { text: "Correct", icon: "✓", style: "border-brand-600 bg-brand-50 text-brand-800" };
  if (score > 0) return { text: `Partly correct (${Math.round(score * 100)}%)`, icon: "◐", style: "border-amber-500 bg-amber-50 text-amber-900" };
  return { text: "Not correct", icon: "✗", style: "border-rose-500 bg-rose-50 text-rose-800" };
}

function minutesUntil(at: number, now: number) {
  const minutes = Math.max(1, Math.ceil((at - now) / 60_000));
  return minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** For the learner who has not passed: when the next attempt opens, or why there is none. */
function NextAttemptNote({ next, landing }: { next: NextAttempt; landing: string }) {
  const style = "rounded-md p-4";
  switch (next.kind) {
    case "cooldown":
      return (
        <p className={`${style} bg-amber-50 text-amber-900`}>
          Your next attempt opens at <LocalTime at={next.opensAt} />, in {minutesUntil(next.opensAt, next.serverNow)}. Use the time to re-read the module.
        </p>
      );
    case "now":
      return (
        <p className={`${style} bg-stone-100 text-stone-800`}>
          You can start your next attempt now from the{" "}
          <Link to={landing} className="font-medium underline underline-offset-2">
            quiz page
          </Link>{" "}
          ({next.attemptsLeft} left).
        </p>
      );
    case "open":
      return (
        <p className={`${style} bg-stone-100 text-stone-800`}>
          You have an attempt in progress:{" "}
          <Link to={`/attempts/${next.attemptId}`} className="font-medium underline underline-offset-2">
            resume it
          </Link>
          .
        </p>
      );
    case "none":
      return next.reason ? <p className={`${style} bg-stone-100 text-stone-800`}>{next.reason}</p> : null;
  }
}

export default function Review() {
  const { review, byModule, title, landing, ownAttempt, late, canGrant, granted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to={landing} className="underline underline-offset-2">
          {title}
        </Link>
      </nav>
      <header className="space-y-3">
        <h1 className="text-3xl font-bold text-stone-900">
          {ownAttempt ? `Review of your attempt: ${title}` : `Review of ${review.learnerName}'s attempt: ${title}`}
        </h1>
        {late ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            Time ran out before that answer was saved. The attempt was graded with the answers saved before the deadline.
          </p>
        ) : null}
        <div
          role="status"
          className={`rounded-lg border-2 p-5 ${review.passed ? "border-brand-600 bg-brand-50 text-brand-800" : "border-rose-400 bg-rose-50 text-rose-900"}`}
        >
          <p className="text-4xl font-bold tabular-nums">{review.percent}%</p>
          <p className="mt-1 text-lg font-semibold">{review.passed ? "Passed" : "Not passed"}</p>
          <p className="mt-1 text-sm">Pass mark {Math.round(review.passMark * 100)}%.</p>
        </div>
        {ownAttempt && review.nextAttempt ? <NextAttemptNote next={review.nextAttempt} landing={landing} /> : null}
        {ownAttempt ? (
          <Link to={landing} className="inline-block font-medium text-brand-700 underline underline-offset-2">
            Back to the quiz page
          </Link>
        ) : null}
        {granted ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-900 ring-1 ring-brand-600">
            Granted: the learner has one more attempt and has been told.
          </p>
        ) : null}
        {formErrorOf(result) ? (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-900 ring-1 ring-rose-600">
            {formErrorOf(result)}
          </p>
        ) : null}
        {canGrant ? (
          <Form method="post" className="flex flex-wrap items-center gap-3 rounded-md border border-stone-200 bg-white p-4">
            <p className="flex-1 text-stone-800">
              The learner has used every attempt without passing. After talking it through with them, you can grant one more.
            </p>
            <Button type="submit" name="intent" value="grant-attempt">
              Grant another attempt
            </Button>
          </Form>
        ) : null}
        {review.withheldNote ? <p className="rounded-md border border-stone-200 bg-stone-50 p-3 text-stone-800">{review.withheldNote}</p> : null}
      </header>
      {byModule ? (
        <section aria-labelledby="by-module" className="space-y-2">
          <h2 id="by-module" className="text-xl font-semibold text-stone-900">
            Score by module
          </h2>
          <DataTable label="Score by module" columns={[{ label: "Module" }, { label: "Right" }]}>
            {byModule.map((m) => (
              <tr key={m.moduleSlug}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <Link to={`/courses/${review.courseSlug}/${m.moduleSlug}`} className="text-brand-700 underline underline-offset-2">
                    {m.title}
                  </Link>
                </th>
                <td className="px-3 py-2 tabular-nums">
                  {Number.isInteger(m.score) ? m.score : m.score.toFixed(1)} of {m.asked}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
      <ol className="space-y-6">
        {review.items.map((item) => {
          const v = verdict(item.score);
          return (
            <li key={item.position} className="rounded-lg border border-stone-200 bg-white p-5">
              <article aria-labelledby={`review-q-${item.position}`} className="space-y-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h2 id={`review-q-${item.position}`} className="text-lg font-semibold text-stone-900">
                    <span className="mb-1 block text-sm font-medium text-stone-600">Question {item.position + 1}</span>
                    {item.prompt}
                  </h2>
                  <span className={`rounded-full border px-3 py-1 text-sm font-medium ${v.style}`}>
                    <span aria-hidden="true">{v.icon} </span>
                    {v.text}
                  </span>
                </div>
                {item.image ? (
                  <img src={item.image.url} alt={item.image.alt} className="max-h-64 w-full rounded-md border border-stone-200 object-contain p-2" />
                ) : null}
                <dl className={`grid gap-3 ${review.shown.correctAnswers ? "sm:grid-cols-2" : ""}`}>
                  <div>
                    <dt className="text-sm font-medium text-stone-600">Your answer</dt>
                    <dd className="mt-1 text-stone-900">
                      {item.yourAnswer.length ? (
                        item.type === "ordering" ? (
                          <ol className="list-decimal pl-5">
                            {item.yourAnswer.map((a, i) => (
                              <li key={i}>{a}</li>
                            ))}
                          </ol>
                        ) : (
                          item.yourAnswer.join("; ")
                        )
                      ) : (
                        <em>No answer</em>
                      )}
                    </dd>
                  </div>
                  {review.shown.correctAnswers ? (
                    <div>
                      <dt className="text-sm font-medium text-stone-600">Correct answer</dt>
                      <dd className="mt-1 text-stone-900">
                        {item.type === "ordering" ? (
                          <ol className="list-decimal pl-5">
                            {item.correctAnswer.map((a, i) => (
                              <li key={i}>{a}</li>
                            ))}
                          </ol>
                        ) : (
                          item.correctAnswer.join("; ")
                        )}
                      </dd>
                    </div>
                  ) : null}
                </dl>
                <div className="rounded-md bg-stone-50 p-3 text-stone-800">
                  {item.explanation ? <p>{item.explanation}</p> : null}
                  <p className="mt-2 text-sm text-stone-600">
                    Source:{" "}
                    {sourceHref(item.source) ? (
                      <a href={sourceHref(item.source)!} className="underline underline-offset-2" target="_blank" rel="noreferrer noopener">
                        {item.source.citation}
                      </a>
                    ) : (
                      item.source.citation
                    )}
                  </p>
                </div>
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
