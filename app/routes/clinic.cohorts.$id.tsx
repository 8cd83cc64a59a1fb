import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StateBadge } from "~/components/certificates/state-badge";
import { StatusBadge } from "~/components/practicals/status-badge";
import { ProgressBar } from "~/components/ui/progress-bar";
import { Button } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { cohortMatrix } from "~/modules/clinics/matrix.server";
import { addToCohort, clinicCohort, clinicName, listMembers, removeFromCohort } from "~/modules/clinics/members.server";
import { logIgnoredFields, managedClinic } from "~/modules/clinics/scope.server";
import { DataTable } from "~/components/ui/data-table";

export const meta: MetaFunction = () => [{ title: "Cohort — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const course = getCatalogue().courses[0]!;
  const matrix = orHttpError(() => cohortMatrix(context.db, clinicId, params.id ?? "", course));
  // `?format=csv` is the export: served by the .csv resource route (a page route renders HTML).
  if (new URL(request.url).searchParams.get("format") === "csv") throw redirect(`/clinic/cohorts/${matrix.cohort.id}.csv`);
  return pageData(context.db, clinicId, matrix);
}

/** What the page shows (the loader's non-CSV answer). */
function pageData(db: Parameters<typeof clinicName>[0], clinicId: string, matrix: ReturnType<typeof cohortMatrix>) {
  const inCohort = new Set([...matrix.rows.map((r) => r.learnerId), ...matrix.instructors.map((i) => i.id)]);
  return {
    clinic: clinicName(db, clinicId),
    matrix,
    candidates: listMembers(db, clinicId)
      .filter((m) => m.role !== "admin" && !inCohort.has(m.userId))
      .map((m) => ({ id: m.userId, label: `${m.name} (${m.role === "instructor" ? "instructor" : "technician"})` })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const cohortId = params.id ?? "";
  orHttpError(() => clinicCohort(context.db, clinicId, cohortId));
  const form = await request.formData();
  logIgnoredFields(context.db, actor, "cohort-membership", form, ["clinicId", "organisationId", "role"]);
  const userId = String(form.get("userId") ?? "");
  if (form.get("intent") === "add") orHttpError(() => addToCohort(context.db, clinicId, cohortId, userId));
  if (form.get("intent") === "remove") orHttpError(() => removeFromCohort(context.db, clinicId, cohortId, userId));
  throw redirect(`/clinic/cohorts/${cohortId}`);
}

type Row = ReturnType<typeof pageData>["matrix"]["rows"][number];
const SORTS = {
  name: (a: Row, b: Row) => a.name.localeCompare(b.name),
  modules: (a: Row, b: Row) => b.modulesCompleted - a.modulesCompleted,
  risk: (a: Row, b: Row) => b.risk.length - a.risk.length,
} as const;

export default function Cohort() {
  const { clinic, matrix, candidates } = useLoaderData<typeof pageData>();
  const [params] = useSearchParams();
  const sort = (params.get("sort") ?? "name") as keyof typeof SORTS;
  const rows = [...matrix.rows].sort(SORTS[sort] ?? SORTS.name);
  const total = matrix.course.modules.length;
  const sortLink = (key: keyof typeof SORTS, label: string) => (
    <Link
      to={`?sort=${key}`}
      aria-current={sort === key ? "true" : undefined}
      className={`underline underline-offset-2 ${sort === key ? "font-semibold" : ""}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/clinic" className="underline underline-offset-2">
          {clinic}
        </Link>
      </nav>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold text-stone-900">{matrix.cohort.name}</h1>
          <p className="text-stone-700">
            Starts {matrix.cohort.startsOn} · {matrix.rows.length} learner{matrix.rows.length === 1 ? "" : "s"} · instructors:{" "}
            {matrix.instructors
              .filter((i) => i.active)
              .map((i) => i.name)
              .join(", ") || "none yet"}
          </p>
        </div>
        <a
          href={`/clinic/cohorts/${matrix.cohort.id}.csv`}
          className="inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-4 font-medium hover:bg-stone-100"
          download
        >
          Export CSV
        </a>
      </header>
      <p className="text-sm text-stone-700">
        Sort by {sortLink("name", "name")}, {sortLink("modules", "modules read")} or {sortLink("risk", "at risk first")}.
      </p>
      <DataTable
        label="Progress matrix"
        columns={[
          { label: "Learner", className: "sticky left-0 z-10 bg-stone-100" },
          { label: "Modules read", className: "min-w-40" },
          { label: "Exam" },
          { label: "Supervised cases" },
          { label: "Certificate" },
          { label: "Needs a look" },
        ]}
      >
        {rows.map((r) => (
          <tr key={r.learnerId} className={`border-t border-stone-200 align-top ${r.risk.length ? "bg-amber-50" : ""}`}>
            <th scope="row" className={`sticky left-0 z-10 px-3 py-2 text-left font-medium ${r.risk.length ? "bg-amber-50" : "bg-white"}`}>
              {r.name}
            </th>
            <td className="px-3 py-2">
              <ProgressBar size="sm" value={r.modulesCompleted} max={total} label={`${r.modulesCompleted}/${total}`} />
            </td>
            {r.quizzes.map((q) => (
              <td key={q.moduleSlug} className="px-3 py-2 tabular-nums">
                {q.bestPercent === null ? "—" : `${q.bestPercent}% ${q.passed ? "✓ passed" : "not passed"}`}
              </td>
            ))}
            <td className="px-3 py-2 tabular-nums">
              {r.exam.bestPercent === null ? "—" : `${r.exam.bestPercent}% ${r.exam.passed ? "✓ passed" : "not passed"}`}
            </td>
            {r.practicals.map((p) => (
              <td key={p.slug} className="px-3 py-2">
                <StatusBadge status={p.status} />
              </td>
            ))}
            <td className="min-w-32 px-3 py-2">
              <ProgressBar
                size="sm"
                value={Math.min(r.cases, matrix.course.casesRequired)}
                max={Math.max(matrix.course.casesRequired, 1)}
                label={`${r.cases}/${matrix.course.casesRequired} countersigned`}
              />
            </td>
            <td className="px-3 py-2">
              {r.certificate ? (
                <Link to={`/certificates/${r.certificate.id}`} className="inline-flex flex-col gap-1 underline-offset-2 hover:underline">
                  <StateBadge state={r.certificate.state} />
                  <span className="font-mono text-xs">{r.certificate.code}</span>
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td className="px-3 py-2 text-amber-900">{r.risk.length ? r.risk.join("; ") : "—"}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="instructors-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="instructors-heading" className="text-lg font-semibold text-stone-900">
          Instructors of this cohort
        </h2>
        {matrix.instructors.length ? (
          <ul className="divide-y divide-stone-200">
            {matrix.instructors.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <span className="font-medium">{i.name}</span>
                  {i.active ? null : <span className="ml-2 text-sm text-amber-900">no longer a member of the clinic: grades nothing here</span>}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={i.id} />
                  <Button type="submit" variant="secondary" aria-label={`Remove ${i.name} from this cohort`}>
                    Remove from cohort
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-700">No instructor yet: add one below, or their learners&rsquo; work waits for a platform instructor.</p>
        )}
      </section>
      {candidates.length ? (
        <Form method="post" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
          <input type="hidden" name="intent" value="add" />
          <div>
            <label htmlFor="userId" className="block text-sm font-medium">
              Add a member to this cohort
            </label>
            <select id="userId" name="userId" className="mt-1 min-h-11 rounded-md border border-stone-300 px-2">
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            Add
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
