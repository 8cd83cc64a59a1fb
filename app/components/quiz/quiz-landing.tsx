import { Form, Link } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import type { QuizLandingData } from "~/modules/quiz/landing.server";
import { DataTable } from "~/components/ui/data-table";
import { LocalTime } from "~/components/ui/local-time";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

function minutesFromNow(at: number, now: number) {
  const minutes = Math.max(1, Math.ceil((at - now) / 60_000));
  return minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The rules of a quiz or exam, the learner's attempts so far, and start / resume. */
export function QuizLanding({ data, error }: { data: QuizLandingData; error?: string | null }) {
  const busy = useIsSubmitting();
  const { status } = data;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/courses" className="underline underline-offset-2">
          Courses
        </Link>{" "}
        /{" "}
        <Link to={`/courses/${data.course.slug}`} className="underline underline-offset-2">
          {data.course.title}
        </Link>
        {data.moduleSlug ? (
          <>
            {" "}
            /{" "}
            <Link to={`/courses/${data.course.slug}/${data.moduleSlug}`} className="underline underline-offset-2">
              {data.moduleTitle ?? "Module"}
            </Link>
          </>
        ) : null}
      </nav>
      <header>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
          {{ exam: "Final exam", refresher: "Renewal refresher", module: "Module quiz" }[data.kind]}
        </p>
        <h1 className="mt-1 text-3xl font-bold text-stone-900">{data.title}</h1>
      </header>

      <section aria-labelledby="rules-heading" className="rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="rules-heading" className="text-lg font-semibold">
          Rules
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-stone-800 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-stone-600">Questions</dt>
            <dd className="font-medium">{data.questionCount}, drawn at random for each attempt</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">Pass mark</dt>
            <dd className="font-medium">{data.passPercent}%</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">Time limit</dt>
            <dd className="font-medium">{data.timeLimitMinutes} minutes from the start; what you saved is graded when time runs out</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">Attempts</dt>
            <dd className="font-medium">
              {data.attemptsAllowed} in all{data.attemptsGranted ? ` + ${data.attemptsGranted} granted by your instructor` : ""} · {status.attemptsLeft} left
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-stone-600">After a failed attempt</dt>
            <dd className="font-medium">
              wait {data.cooldownMinutes >= 120 ? `${data.cooldownMinutes / 60} hours` : `${data.cooldownMinutes} minutes`} before the next one
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-stone-600">The review after each attempt shows</dt>
            <dd className="font-medium">{data.reviewShows}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-sm text-stone-600">Scoring</dt>
            <dd>
              <ul className="list-disc space-y-1 pl-5">
                {data.scoring.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-stone-600">Answers save as you go: you can leave and come back to the same questions until time runs out.</p>
      </section>

      {status.passed ? (
        <p role="status" className="rounded-md bg-brand-50 p-4 font-medium text-brand-800">
          <span aria-hidden="true">✓ </span>Passed — best score {status.bestPercent}%.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-4 font-medium text-rose-800">
          {error}
        </p>
      ) : null}

      <div>
        {status.next.action === "resume" ? (
          <Link
            to={`/attempts/${status.openAttemptId}`}
            className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800"
          >
            Resume your attempt
          </Link>
        ) : status.next.action === "start" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <Button type="submit" disabled={busy}>
              {busy
                ? "Starting…"
                : status.attempts.length
                  ? "Start another attempt"
                  : data.kind === "module"
                    ? "Start the quiz"
                    : data.kind === "exam"
                      ? "Start the exam"
                      : "Start the refresher"}
            </Button>
          </Form>
        ) : status.next.reason === "cooldown" && status.cooldownUntil ? (
          <p className="rounded-md bg-amber-50 p-4 text-amber-900">
            Your next attempt opens in {minutesFromNow(status.cooldownUntil, data.serverNow)} (at <LocalTime at={status.cooldownUntil} />
            ). Use the time to re-read the module.
          </p>
        ) : (
          <p className="rounded-md bg-stone-100 p-4 text-stone-800">{status.next.reason}</p>
        )}
      </div>

      {status.attempts.length ? (
        <section aria-labelledby="attempts-heading">
          <h2 id="attempts-heading" className="text-lg font-semibold">
            Your attempts
          </h2>
          <DataTable
            className="mt-3"
            label="Your attempts"
            columns={[{ label: "Attempt" }, { label: "Started" }, { label: "Result" }, { label: <span className="sr-only">Review</span> }]}
          >
            {status.attempts.map((a) => (
              <tr key={a.id} className="border-t border-stone-200">
                <td className="px-4 py-2">{a.number}</td>
                <td className="px-4 py-2">
                  <LocalTime at={a.startedAt} />
                </td>
                <td className="px-4 py-2">{a.submittedAt === null ? "In progress" : `${a.percent}% · ${a.passed ? "passed" : "not passed"}`}</td>
                <td className="px-4 py-2">
                  {a.submittedAt === null ? (
                    <Link to={`/attempts/${a.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                      Resume
                    </Link>
                  ) : (
                    <Link to={`/attempts/${a.id}/review`} className="font-medium text-brand-700 underline underline-offset-2">
                      Review
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </div>
  );
}
