import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { ProgressBar } from "~/components/ui/progress-bar";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { orHttpError } from "~/http/errors.server";
import { invalidSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { clinicDashboard } from "~/modules/clinics/dashboard.server";
import { clinicName, createCohort, listMembers } from "~/modules/clinics/members.server";
import { NewCohortSchema } from "~/modules/clinics/schema";
import { logIgnoredFields, managedClinic } from "~/modules/clinics/scope.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { agreementSummary } from "~/modules/practicals/agreement.server";

export const meta: MetaFunction = () => [{ title: "Clinic — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const dashboard = clinicDashboard(context.db, clinicId, getCatalogue().courses[0]!);
  return {
    name: clinicName(context.db, clinicId),
    members: listMembers(context.db, clinicId).length,
    ...dashboard,
    agreement: agreementSummary(context.db, clinicId),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const form = await request.formData();
  logIgnoredFields(context.db, actor, "create-cohort", form, ["clinicId", "organisationId", "role"]);
  const submission = parseWithZod(form, { schema: NewCohortSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  const cohort = createCohort(context.db, clinicId, submission.value);
  throw redirect(`/clinic/cohorts/${cohort.id}`);
}

export default function ClinicDashboard() {
  const { name, cohorts, members, reviews, medianTurnaroundMs, certificates, agreement } = useLoaderData<typeof loader>();
  const turnaround =
    medianTurnaroundMs === null
      ? "no reviews yet"
      : medianTurnaroundMs < 3_600_000
        ? `${Math.max(1, Math.round(medianTurnaroundMs / 60_000))} min`
        : medianTurnaroundMs < 172_800_000
          ? `${Math.round(medianTurnaroundMs / 3_600_000)} h`
          : `${Math.round(medianTurnaroundMs / 86_400_000)} days`;
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(NewCohortSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewCohortSchema }),
  });
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold text-stone-900">{name}</h1>
        <p className="mt-1 text-stone-700">
          {members} member{members === 1 ? "" : "s"} ·{" "}
          <Link to="/clinic/members" className="font-medium text-brand-700 underline underline-offset-2">
            Members and invitations
          </Link>{" "}
          ·{" "}
          <Link to="/clinic/assessment" className="font-medium text-brand-700 underline underline-offset-2">
            Assessment quality
          </Link>
        </p>
        <p className="mt-1 text-stone-700">
          Second marking: <strong>{agreement.pairs}</strong> double-marked piece{agreement.pairs === 1 ? "" : "s"}
          {agreement.verdictAgreement === null ? "" : `, verdicts agree in ${agreement.verdictAgreement}%`}
          {agreement.waiting ? `; ${agreement.waiting} waiting for a second marker or moderation` : ""}.
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
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
          <FormError id={form.errorId} errors={form.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" meta={fields.name} inputProps={getInputProps(fields.name, { type: "text" })} />
            <Field label="Starts on" meta={fields.startsOn} inputProps={{ ...getInputProps(fields.startsOn, { type: "date" }), pattern: undefined }} />
          </div>
          <Button type="submit" disabled={busy}>
            Create cohort
          </Button>
        </Form>
      </section>
    </div>
  );
}
