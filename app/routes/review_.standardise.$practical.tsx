import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { PhotoViewer } from "~/components/review/photo-viewer";
import { CriterionScore } from "~/components/review/criterion-score";
import { Button } from "~/components/ui/button";
import { DataTable } from "~/components/ui/data-table";
import { FormError } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { orHttpError } from "~/http/errors.server";
import { buttonSubmission, invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { can } from "~/modules/auth/permissions";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { GradeFormSchema } from "~/modules/practicals/grade-form";
import { criticalFailures } from "~/modules/practicals/rubric";
import { scoreBenchmark, standardisation, startStandardisation } from "~/modules/practicals/standardisation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Standardisation: ${data.title} — Stipple` : "Standardisation — Stipple" }];

function practicalOf(slug: string) {
  for (const course of getCatalogue().courses) {
    const practical = course.practicals.find((p) => p.slug === slug);
    if (practical) return { course, practical };
  }
  throw data({ message: "Not found" }, { status: 404 });
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  if (!can.reviewWork(actor)) throw data({ message: "Not found" }, { status: 404 });
  const { course, practical } = practicalOf(params.practical ?? "");
  const state = orHttpError(() => standardisation(context.db, actor, course, practical));
  return { slug: practical.slug, title: practical.title, rubric: practical.rubric, examples: `/content/${course.slug}/practicals/${practical.slug}`, ...state };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  if (!can.reviewWork(actor)) throw data({ message: "Not found" }, { status: 404 });
  const { course, practical } = practicalOf(params.practical ?? "");
  const form = await request.formData();
  if (form.get("intent") === "start") {
    const submission = buttonSubmission(form);
    try {
      startStandardisation(context.db, actor, course, practical);
    } catch (error) {
      return refusedSubmission(submission, error);
    }
    throw redirect(`/review/standardise/${practical.slug}`);
  }
  const submission = parseWithZod(form, { schema: GradeFormSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    scoreBenchmark(context.db, actor, course, practical, {
      benchmarkId: String(form.get("benchmarkId") ?? ""),
      scores: submission.value.score,
      verdict: submission.value.verdict ?? null,
    });
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  throw redirect(`/review/standardise/${practical.slug}`);
}

const VERDICT_TEXT = { pass: "Pass", revise: "Revise", fail: "Fail" } as const;

export default function Standardise() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting("score");
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit", onValidate: ({ formData }) => parseWithZod(formData, { schema: GradeFormSchema }) });
  const [scores, setScores] = useState<Record<string, number>>({});
  const nextId = d.next?.id;
  // Each benchmark starts unscored.
  useEffect(() => setScores({}), [nextId]);
  const mustPass = criticalFailures(d.rubric, scores);
  const due = !d.current;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/review" className="underline underline-offset-2">
          Review queue
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold text-stone-900">Standardisation: {d.title}</h1>
        <p className="mt-1 max-w-3xl text-stone-700">
          Grade this practical&apos;s benchmarks — work your clinic&apos;s lead instructors graded and agreed — as you would live work. When you have graded all{" "}
          {d.benchmarks}, you see your levels next to the agreed ones. It counts for six months.
        </p>
      </header>
      <p role="status" className={`rounded-md p-4 ${due ? "bg-amber-50 text-amber-900" : "bg-brand-50 text-brand-800"}`}>
        {!d.enough
          ? `This practical has ${d.benchmarks} benchmark${d.benchmarks === 1 ? "" : "s"}; the exercise starts once a lead instructor has set at least three.`
          : d.current
            ? `Done on ${new Date(d.current.completedAt!).toISOString().slice(0, 10)}: your grades on this practical count until ${new Date(d.current.completedAt! + 182 * 86_400_000).toISOString().slice(0, 10)}.`
            : "Due: do this exercise before grading this practical's live work."}
      </p>

      {d.enough && !d.open ? (
        <Form method="post" {...getFormProps(form)}>
          <FormError id={form.errorId} errors={form.errors} />
          <Button type="submit" name="intent" value="start">
            {d.current ? "Do the exercise again" : "Start the exercise"}
          </Button>
        </Form>
      ) : null}

      {d.open && d.next ? (
        <section aria-labelledby="benchmark-heading" className="space-y-4">
          <h2 id="benchmark-heading" className="text-xl font-semibold text-stone-900">
            Benchmark {d.open.done + 1} of {d.benchmarks}
          </h2>
          <Form method="post" {...getFormProps(form)} className="grid grid-cols-1 gap-6 lg:grid-cols-5">
            <input type="hidden" name="benchmarkId" value={d.next.id} />
            <div className="min-w-0 lg:col-span-3">
              <PhotoViewer
                key={d.next.id}
                photos={d.next.photos.map((p) => ({
                  id: p.id,
                  url: `/photos/${p.id}`,
                  thumbUrl: `/photos/${p.id}?size=thumb`,
                  width: p.width,
                  height: p.height,
                  alt: `Benchmark ${(d.open?.done ?? 0) + 1}, photo ${p.position + 1}`,
                }))}
                pins={[]}
                label={`Photos of benchmark ${d.open.done + 1}`}
              />
            </div>
            <div key={d.next.id} className="min-w-0 space-y-3 lg:col-span-2">
              <h3 className="font-semibold text-stone-900">Rubric</h3>
              {d.rubric.criteria.map((c) => (
                <CriterionScore
                  key={c.id}
                  criterion={c}
                  chosen={undefined}
                  failsMustPass={mustPass.some((f) => f.id === c.id)}
                  examples={d.examples}
                  onChoose={(i) => setScores((s) => ({ ...s, [c.id]: i }))}
                />
              ))}
              <fieldset className="space-y-1" aria-describedby={fields.verdict.errors?.length ? fields.verdict.errorId : undefined}>
                <legend className="font-semibold text-stone-900">Verdict</legend>
                {(["pass", "revise", "fail"] as const).map((v) => (
                  <label key={v} className="flex items-center gap-2">
                    <input type="radio" name="verdict" value={v} disabled={v === "pass" && mustPass.length > 0} className="accent-brand-700" />
                    {v === "pass" ? "Pass" : v === "revise" ? "Revise and resubmit" : "Fail"}
                  </label>
                ))}
                {fields.verdict.errors?.length ? (
                  <p id={fields.verdict.errorId} role="alert" className="text-sm font-medium text-rose-700">
                    {fields.verdict.errors[0]}
                  </p>
                ) : null}
              </fieldset>
              <FormError id={form.errorId} errors={form.errors} />
              <Button type="submit" name="intent" value="score" disabled={busy}>
                {busy ? "Saving…" : d.open.done + 1 === d.benchmarks ? "Save and see my deviations" : "Save and next benchmark"}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {d.result && !d.open ? (
        <section aria-labelledby="result-heading" className="space-y-4">
          <h2 id="result-heading" className="text-xl font-semibold text-stone-900">
            Your levels against the agreed ones
          </h2>
          <p className="text-stone-700">
            Deviation is your level minus the agreed level, in rubric levels: + is more lenient, − more severe. Look again at any criterion more than one level
            out.
          </p>
          {d.result.map((b, i) => (
            <DataTable
              key={b.benchmarkId}
              label={`Benchmark ${i + 1}: your verdict ${VERDICT_TEXT[b.verdict]}, agreed ${VERDICT_TEXT[b.agreedVerdict]}`}
              columns={[{ label: `Benchmark ${i + 1}` }, { label: "Yours" }, { label: "Agreed" }, { label: "Deviation", className: "text-right" }]}
            >
              {b.criteria.map((c) => (
                <tr key={c.id} className={`border-t border-stone-200 ${Math.abs(c.deviation) > 1 ? "bg-amber-50" : ""}`}>
                  <th scope="row" className="px-3 py-2 font-medium">
                    {c.title}
                  </th>
                  <td className="px-3 py-2">{c.yours}</td>
                  <td className="px-3 py-2">{c.agreed}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {c.deviation > 0 ? `+${c.deviation}` : c.deviation === 0 ? "0" : `−${Math.abs(c.deviation)}`}
                    {Math.abs(c.deviation) > 1 ? <span className="block text-xs font-semibold text-amber-900">more than one level out</span> : null}
                  </td>
                </tr>
              ))}
              <tr className="border-t border-stone-300">
                <th scope="row" className="px-3 py-2 font-semibold">
                  Verdict
                </th>
                <td className="px-3 py-2">{VERDICT_TEXT[b.verdict]}</td>
                <td className="px-3 py-2">{VERDICT_TEXT[b.agreedVerdict]}</td>
                <td className="px-3 py-2 text-right">{b.verdict === b.agreedVerdict ? "same" : "differs"}</td>
              </tr>
            </DataTable>
          ))}
        </section>
      ) : null}
    </div>
  );
}
