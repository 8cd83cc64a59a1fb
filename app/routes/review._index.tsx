import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusBadge } from "~/components/practicals/status-badge";
import { AREA_TEXT, ordinal } from "~/modules/certification/case-fields";
import { caseQueue } from "~/modules/certification/countersigning.server";
import { Button } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { gradedNotice, queueStatus, reviewerCohorts, reviewQueue, type QueueFilters } from "~/modules/practicals/review.server";
import { DataTable } from "~/components/ui/data-table";
import { STAGE_TEXT } from "~/modules/practicals/marking";
import { standardisationOverview } from "~/modules/practicals/standardisation.server";

export const meta: MetaFunction = () => [{ title: "Review queue — Stipple" }];

function waited(ms: number) {
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${hours} h`;
  return `${Math.max(1, Math.floor(ms / 60_000))} min`;
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const params = new URL(request.url).searchParams;
  const filters: QueueFilters = {
    practical: params.get("practical") || undefined,
    cohort: params.get("cohort") || undefined,
    status: queueStatus(params.get("status")),
  };
  const queue = orHttpError(() => reviewQueue(context.db, actor, filters));
  const titles = new Map(getCatalogue().courses.flatMap((c) => c.practicals.map((p) => [p.slug, p.title] as const)));
  return {
    queue: queue.map((q) => ({ ...q, practicalTitle: titles.get(q.practicalSlug) ?? q.practicalSlug, waited: waited(q.waitingMs) })),
    practicals: [...titles.entries()].map(([slug, title]) => ({ slug, title })),
    cohorts: reviewerCohorts(context.db, actor),
    cases: caseQueue(context.db, actor).map((c) => ({ ...c, waited: waited(c.waitingMs) })),
    standardisation: getCatalogue().courses.flatMap((c) => standardisationOverview(context.db, actor, c)),
    graded: params.get("graded") ? gradedNotice(context.db, getCatalogue(), actor, params.get("graded")!) : null,
  };
}

/** The sentence the queue shows after a grade is saved: who hears now, or who marks next. */
function gradedText(g: { learnerName: string; practicalTitle: string; next: "second" | "moderation" | null }): string {
  const first = g.learnerName.split(" ")[0] || g.learnerName;
  if (g.next === "second")
    return `Grade saved. ${g.learnerName}'s ${g.practicalTitle} goes to a second marker, who grades it blind; ${first} hears once marking ends.`;
  if (g.next === "moderation")
    return `Grade saved. The two grades of ${g.learnerName}'s ${g.practicalTitle} differ, so a lead instructor decides the final grade before ${first} hears.`;
  return `Grade saved — ${first} notified of the verdict on ${g.practicalTitle}.`;
}

export default function ReviewQueue() {
  const { queue, practicals, cohorts, cases, standardisation, graded } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-stone-900">Review queue</h1>
        <p className="mt-1 text-stone-700">Practical work from the learners you teach, oldest first.</p>
      </div>
      {graded ? (
        <p role="status" className="rounded-md bg-brand-50 p-3 font-medium text-brand-800">
          {gradedText(graded)}
        </p>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
        <FilterSelect
          name="practical"
          label="Practical"
          value={params.get("practical") ?? ""}
          options={[{ value: "", text: "All practicals" }, ...practicals.map((p) => ({ value: p.slug, text: p.title }))]}
        />
        <FilterSelect
          name="cohort"
          label="Cohort"
          value={params.get("cohort") ?? ""}
          options={[{ value: "", text: "All cohorts" }, ...cohorts.map((c) => ({ value: c.id, text: c.name }))]}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={params.get("status") ?? "waiting"}
          options={[
            { value: "waiting", text: "Waiting for you" },
            { value: "second_marking", text: "In second marking" },
            { value: "moderation", text: "In moderation" },
            { value: "revise", text: "Returned for revision" },
            { value: "passed", text: "Passed" },
            { value: "failed", text: "Not passed" },
          ]}
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      {queue.length === 0 ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-stone-200">Nothing here. New work appears as learners submit it.</p>
      ) : (
        <DataTable label="Submissions" columns={[{ label: "Learner" }, { label: "Stage" }, { label: "Practical" }, { label: "Cohort" }, { label: "Waiting" }]}>
          {queue.map((q) => (
            <tr key={q.id} className="border-t border-stone-200">
              <td className="px-3 py-2">
                <Link
                  to={`/review/${q.id}`}
                  aria-label={`${q.learnerName}: ${q.practicalTitle}, version ${q.version}`}
                  className="font-medium text-brand-700 underline underline-offset-2"
                >
                  {q.learnerName}
                </Link>
              </td>
              <td className="px-3 py-2">
                {q.stage ? <span className="font-medium">{STAGE_TEXT[q.stage]}</span> : <StatusBadge status={q.status} />}
                {q.claimedByName && !q.claimedByMe ? <span className="ml-2 text-xs text-stone-600">opened by {q.claimedByName}</span> : null}
              </td>
              <td className="px-3 py-2">
                {q.practicalTitle} <span className="text-stone-500">v{q.version}</span>
              </td>
              <td className="px-3 py-2">{q.cohortName ?? "—"}</td>
              <td className="px-3 py-2 tabular-nums">{q.waited}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {standardisation.length ? (
        <section aria-labelledby="standardisation-heading" className="space-y-2">
          <h2 id="standardisation-heading" className="text-xl font-semibold text-stone-900">
            Standardisation
          </h2>
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {standardisation.map((s) => (
              <li key={s.slug} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <Link to={`/review/standardise/${s.slug}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {s.title}
                </Link>
                <span className="text-sm text-stone-700">
                  {!s.enough
                    ? `${s.benchmarks} benchmark${s.benchmarks === 1 ? "" : "s"} (3 needed)`
                    : s.doneAt
                      ? `Done ${new Date(s.doneAt).toISOString().slice(0, 10)}`
                      : "Due before you grade this practical"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="cases-heading" className="space-y-3">
        <h2 id="cases-heading" className="text-xl font-semibold text-stone-900">
          Supervised cases to countersign
        </h2>
        {cases.length === 0 ? (
          <p className="rounded-md bg-white p-4 ring-1 ring-stone-200">
            None waiting. Cases appear here when your learners log a supervised session, and again when they log its healed result 4 to 6 weeks later.
          </p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {cases.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 p-3">
                <span>
                  <Link
                    to={c.kind === "healed" ? `/logbook/${c.id}#healed` : `/logbook/${c.id}`}
                    aria-label={`${c.learnerName}: ${c.kind === "healed" ? "healed result of the case" : "case"} of ${c.performedOn}, ${ordinal(c.sessionNumber)} session, ${AREA_TEXT[c.area]}`}
                    className="font-medium text-brand-700 underline underline-offset-2"
                  >
                    {c.learnerName}
                  </Link>{" "}
                  {c.kind === "healed" ? (
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">healed-result review</span>
                  ) : null}{" "}
                  · {c.performedOn} · {ordinal(c.sessionNumber)} session · {AREA_TEXT[c.area]}
                  {c.cohortName ? <span className="text-stone-600"> · {c.cohortName}</span> : null}
                  {c.namedMe ? <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">names you</span> : null}
                </span>
                <span className="text-sm tabular-nums text-stone-600">waiting {c.waited}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** One labelled filter of the queue (a GET form: the choice lives in the address, so it survives reloads and can be shared). */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; text: string }[] }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value} className="mt-1 min-h-11 rounded-md border border-stone-300 px-2">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}
