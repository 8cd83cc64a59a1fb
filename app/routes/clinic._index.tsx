import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { ProgressBar } from "~/components/ui/progress-bar";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { clinicDashboard } from "~/modules/clinics/dashboard.server";
import { clinicName, createCohort, listMembers } from "~/modules/clinics/members.server";
import { logIgnoredFields, managedClinic } from "~/modules/clinics/scope.server";

export const meta: MetaFunction = () => [{ title: "Clinic — Stipple" }];

const NewCohort = z.object({
  name: z.string().trim().min(1, "Name the cohort").max(120),
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a start date"),
});

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const dashboard = clinicDashboard(context.db, clinicId, getCatalogue().courses[0]!);
  return { name: clinicName(context.db, clinicId), members: listMembers(context.db, clinicId).length, ...dashboard };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const form = await request.formData();
  logIgnoredFields(context.db, actor, "create-cohort", form, ["clinicId", "organisationId", "role"]);
  const parsed = NewCohort.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data(
      {
        errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
        values: { name: String(form.get("name") ?? ""), startsOn: String(form.get("startsOn") ?? "") },
      },
      { status: 400 },
    );
  }
  const cohort = createCohort(context.db, clinicId, parsed.data);
  throw redirect(`/clinic/cohorts/${cohort.id}`);
}

export default function ClinicDashboard() {
  const { name, cohorts, members, reviews, medianTurnaroundMs, certificates } = useLoaderData<typeof loader>();
  const turnaround =
    medianTurnaroundMs === null
      ? "no reviews yet"
      : medianTurnaroundMs < 3_600_000
        ? `${Math.max(1, Math.round(medianTurnaroundMs / 60_000))} min`
        : medianTurnaroundMs < 172_800_000
          ? `${Math.round(medianTurnaroundMs / 3_600_000)} h`
          : `${Math.round(medianTurnaroundMs / 86_400_000)} days`;
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold text-stone-900">{name}</h1>
        <p className="mt-1 text-stone-700">
          {members} member{members === 1 ? "" : "s"} ·{" "}
          <Link to="/clinic/members" className="font-medium text-brand-700 underline underline-offset-2">
            Members and invitations
          </Link>
        </p>
        <p className="mt-1 text-stone-700">
          Review turnaround (median, submission to grade): <strong>{turnaround}</strong>
          {reviews ? ` over ${reviews} graded submission${reviews === 1 ? "" : "s"}` : ""}.
        </p>
      </header>
      <section aria-labelledby="cohorts-heading" className="space-y-3">
        <h2 id="cohorts-heading" className="text-xl font-semibold">
          Cohorts
        </h2>
        {cohorts.length === 0 ? <p className="text-stone-700">No cohorts yet.</p> : null}
        <ul className="grid gap-3 md:grid-cols-2">
          {cohorts.map((c) => (
            <li key={c.id} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
              <Link to={`/clinic/cohorts/${c.id}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline">
                {c.name}
              </Link>
              <p className="text-sm text-stone-600">
                Starts {c.startsOn} · {c.learners} learner{c.learners === 1 ? "" : "s"}
                {c.atRisk ? ` · ${c.atRisk} need${c.atRisk === 1 ? "s" : ""} a look` : ""}
              </p>
              <ProgressBar size="sm" value={c.modulesDone} max={c.modulesTotal} label="Modules read across the cohort" />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="certificates-heading" className="space-y-3">
        <h2 id="certificates-heading" className="text-xl font-semibold">
          Certificates
        </h2>
        <p className="text-stone-700">
          <strong>{certificates.issued}</strong> issued by this clinic
          {certificates.revoked ? `, ${certificates.revoked} of them revoked` : ""} · <strong>{certificates.expiring.length}</strong> expiring in the next{" "}
          {certificates.windowDays} days
        </p>
        {certificates.expiring.length ? (
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {certificates.expiring.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <Link to={`/certificates/${c.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline">
                  {c.holderName} · <span className="font-mono">{c.code}</span>
                </Link>
                <span className="text-sm text-stone-700">expires {new Date(c.expiresAt).toISOString().slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="new-cohort" className="max-w-xl rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="new-cohort" className="text-lg font-semibold">
          New cohort
        </h2>
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="name" className="block text-sm font-medium">
              Name
            </label>
            <input
              id="name"
              name="name"
              defaultValue={result?.values.name}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "name-error" : undefined}
              className="mt-1 rounded-md border border-stone-300 px-3 py-2"
            />
            {errors.name ? (
              <p id="name-error" className="text-sm font-medium text-rose-700">
                {errors.name}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="startsOn" className="block text-sm font-medium">
              Starts on
            </label>
            <input
              id="startsOn"
              name="startsOn"
              type="date"
              defaultValue={result?.values.startsOn}
              aria-invalid={errors.startsOn ? true : undefined}
              aria-describedby={errors.startsOn ? "startsOn-error" : undefined}
              className="mt-1 rounded-md border border-stone-300 px-3 py-2"
            />
            {errors.startsOn ? (
              <p id="startsOn-error" className="text-sm font-medium text-rose-700">
                {errors.startsOn}
              </p>
            ) : null}
          </div>
          <Button type="submit">Create cohort</Button>
        </Form>
      </section>
    </div>
  );
}
