import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { DataTable } from "~/components/ui/data-table";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import type { assessmentOverview } from "~/modules/practicals/assessment.server";
import { RatesFormSchema } from "~/modules/practicals/assessment-forms";
import { AgreementFigures } from "./agreement-figures";

type Overview = ReturnType<typeof assessmentOverview>;
type Reply = SubmissionResult<string[]> | null | undefined;

/**
 * A clinic's (or the platform's) assessment settings and figures: second-marking rates per
 * practical, the standardisation rule with each practical's benchmarks, and agreement.
 */
export function AssessmentPage({
  overview,
  lastResult,
  saved,
  csvHref,
  canSwitchStandardisation,
}: {
  overview: Overview;
  lastResult: Reply;
  saved: boolean;
  csvHref: string;
  canSwitchStandardisation: boolean;
}) {
  const busy = useIsSubmitting("rates");
  const [form, fields] = useForm<z.input<typeof RatesFormSchema>>({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RatesFormSchema }),
  });
  const rateFields = fields.rate.getFieldset();
  return (
    <div className="space-y-10">
      <section aria-labelledby="rates-heading" className="max-w-3xl space-y-3">
        <h2 id="rates-heading" className="text-xl font-semibold text-stone-900">
          Second marking
        </h2>
        <p className="text-stone-700">
          When an instructor saves a grade, Stipple draws at this rate whether a second instructor grades the same work blind. If the two differ on the verdict
          or on a must-pass criterion, a lead instructor decides. The learner sees only the final grade.
        </p>
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <FormError id={form.errorId} errors={form.errors} />
          {saved ? (
            <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
              Rates saved. They apply to grades saved from now on.
            </p>
          ) : null}
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {overview.practicals.map((p) => {
              const meta = rateFields[p.slug];
              const id = `rate-${p.slug}`;
              const errorId = `${id}-error`;
              const error = meta?.errors?.[0];
              return (
                <li key={p.slug} className="flex flex-wrap items-center justify-between gap-3 p-3">
                  <label htmlFor={id} className="min-w-0">
                    <span className="block font-medium">{p.title}</span>
                    <span id={`${id}-hint`} className="block text-sm text-stone-600">
                      {p.isDefault ? "Default" : "Set by you"}:{" "}
                      {p.completesCertificate ? "the certificate requires this practical (default 100%)" : "default 20%"}
                    </span>
                  </label>
                  <span className="flex items-center gap-2">
                    <input
                      id={id}
                      name={`rate.${p.slug}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={100}
                      step={1}
                      required
                      defaultValue={p.rate}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={[`${id}-hint`, error ? errorId : null].filter(Boolean).join(" ")}
                      className={`min-h-11 w-24 rounded-md border px-2 text-right ${error ? "border-rose-600" : "border-stone-300"}`}
                    />
                    <span aria-hidden="true">%</span>
                  </span>
                  {error ? (
                    <p id={errorId} className="w-full text-sm font-medium text-rose-700">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <Button type="submit" name="intent" value="rates" disabled={busy}>
            {busy ? "Saving…" : "Save rates"}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="standardisation-heading" className="max-w-3xl space-y-3">
        <h2 id="standardisation-heading" className="text-xl font-semibold text-stone-900">
          Standardisation
        </h2>
        <p className="text-stone-700">
          A lead instructor marks graded work, with the learner&apos;s consent, as a benchmark with agreed scores. Once a practical has {overview.minBenchmarks}{" "}
          benchmarks, each instructor grades them before grading that practical&apos;s live work, and again every six months, and sees how far they were from
          the agreed scores.
        </p>
        <p>
          Required before an instructor&apos;s grades count: <strong>{overview.requireStandardisation ? "yes" : "no"}</strong>
        </p>
        {canSwitchStandardisation ? (
          <Form method="post">
            <input type="hidden" name="required" value={overview.requireStandardisation ? "off" : "on"} />
            <Button type="submit" name="intent" value="standardisation" variant="secondary">
              {overview.requireStandardisation ? "Stop requiring standardisation" : "Require standardisation"}
            </Button>
          </Form>
        ) : null}
        <DataTable label="Benchmarks by practical" columns={[{ label: "Practical" }, { label: "Benchmarks", className: "text-right" }, { label: "Exercise" }]}>
          {overview.practicals.map((p) => (
            <tr key={p.slug} className="border-t border-stone-200">
              <th scope="row" className="px-3 py-2 font-medium">
                {p.title}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{p.benchmarks}</td>
              <td className="px-3 py-2">{p.benchmarks >= overview.minBenchmarks ? "Set" : `Needs ${overview.minBenchmarks - p.benchmarks} more`}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="agreement-heading" className="space-y-3">
        <h2 id="agreement-heading" className="text-xl font-semibold text-stone-900">
          Agreement between assessors
        </h2>
        <AgreementFigures practicals={overview.agreement} markers={overview.markers} minPairs={overview.minPairs} csvHref={csvHref} />
      </section>
    </div>
  );
}
