import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { orHttpError } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { academyOverview, inviteAcademyInstructor, removeAcademyInstructor, revokeAcademyInvitation } from "~/modules/clinics/academy-admin.server";
import { createClinic, listClinics } from "~/modules/clinics/admin.server";
import { AcademyInstructorSchema, CreateClinicSchema } from "~/modules/clinics/schema";

export const meta: MetaFunction = () => [{ title: "Administration — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return { clinics: orHttpError(() => listClinics(context.db, actor)), academy: orHttpError(() => academyOverview(context.db, actor)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "invite-academy") {
    const submission = parseWithZod(form, { schema: AcademyInstructorSchema });
    if (submission.status !== "success") return invalidSubmission(submission);
    try {
      inviteAcademyInstructor(context.db, actor, submission.value.email);
      return { ...submission.reply({ resetForm: true }), form: "academy" as const, invited: submission.value.email };
    } catch (error) {
      return refusedSubmission(submission, error);
    }
  }
  if (intent === "remove-academy") {
    orHttpError(() => removeAcademyInstructor(context.db, actor, String(form.get("id") ?? "")));
    return { removed: true };
  }
  if (intent === "revoke-academy") {
    orHttpError(() => revokeAcademyInvitation(context.db, actor, String(form.get("id") ?? "")));
    return { revoked: true };
  }
  const submission = parseWithZod(form, { schema: CreateClinicSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    const { clinic } = createClinic(context.db, actor, submission.value);
    return { ...submission.reply({ resetForm: true }), created: clinic.name };
  } catch (error) {
    return refusedSubmission(submission, error);
  }
}

export default function Admin() {
  const { clinics, academy } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // Which form the reply is for: said outright on success (a reset reply keeps no values), else by the intent sent.
  const replyIntent =
    answer && "form" in answer
      ? "invite-academy"
      : answer && "initialValue" in answer
        ? (answer.initialValue as { intent?: unknown } | null | undefined)?.intent
        : undefined;
  const lastResult = answer && replyIntent !== "invite-academy" && !("removed" in answer) && !("revoked" in answer) ? answer : undefined;
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(CreateClinicSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateClinicSchema }),
  });
  const created = lastResult && "created" in lastResult ? String(lastResult.created) : null;
  const academyReply = answer && replyIntent === "invite-academy" && !("removed" in answer) && !("revoked" in answer) ? answer : undefined;
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold text-stone-900">Administration</h1>
      <p>
        <Link to="/admin/assessment" className="font-medium text-brand-700 underline underline-offset-2">
          Assessment quality, all clinics
        </Link>{" "}
        — second-marking rates for Stipple Academy and independent learners, and agreement between assessors.
      </p>
      <section aria-labelledby="new-clinic" className="max-w-xl space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="new-clinic" className="text-xl font-semibold">
          Add a clinic
        </h2>
        {created ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
            {created} was created and its first admin was invited by email.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormError id={form.errorId} errors={form.errors} />
          <Field label="Clinic name" meta={fields.name} inputProps={getInputProps(fields.name, { type: "text" })} />
          <Field label="First clinic admin's email" meta={fields.adminEmail} inputProps={getInputProps(fields.adminEmail, { type: "email" })} />
          <Button type="submit" disabled={busy}>
            Create clinic and send the invitation
          </Button>
        </Form>
      </section>
      <AcademySection academy={academy} lastResult={academyReply} />
      <section aria-labelledby="clinics-heading">
        <h2 id="clinics-heading" className="text-xl font-semibold">
          Clinics
        </h2>
        <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {clinics.map((c) => (
            <li key={c.id} className="flex justify-between p-3">
              <span className="font-medium">{c.name}</span>
              <span className="text-sm text-stone-600">{c.members} members</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Academy = ReturnType<typeof useLoaderData<typeof loader>>["academy"];

/** Stipple Academy: who assesses learners without a clinic, and inviting or removing them. */
function AcademySection({ academy, lastResult }: { academy: Academy; lastResult: (SubmissionResult<string[]> & { invited?: string }) | undefined }) {
  const busy = useIsSubmitting("invite-academy");
  const [form, fields] = useForm({
    id: "invite-academy",
    lastResult,
    constraint: getZodConstraint(AcademyInstructorSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcademyInstructorSchema }),
  });
  return (
    <section aria-labelledby="academy-heading" className="max-w-3xl space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="academy-heading" className="text-xl font-semibold">
        Stipple Academy
      </h2>
      <p className="text-stone-700">
        Learners who sign up without a clinic study here ({academy.learners} now). Its instructors grade their practicals; second-marking rates and benchmarks
        for their work are set at{" "}
        <Link to="/admin/assessment" className="font-medium text-brand-700 underline underline-offset-2">
          assessment quality
        </Link>
        .
      </p>
      {academy.instructors.length === 0 ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          No instructor is assigned: work from Academy learners waits in the platform admins&apos; queue. Invite one below.
        </p>
      ) : (
        <ul aria-label="Stipple Academy instructors" className="divide-y divide-stone-200 rounded-md border border-stone-200">
          {academy.instructors.map((i) => (
            <li key={i.membershipId} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                <span className="font-medium">{i.name}</span> <span className="text-sm text-stone-600">{i.email}</span>
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="remove-academy" />
                <input type="hidden" name="id" value={i.membershipId} />
                <Button type="submit" variant="secondary" aria-label={`Remove ${i.name} from Stipple Academy`}>
                  Remove
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {academy.invitations.length ? (
        <ul aria-label="Invitations waiting" className="space-y-1 text-sm text-stone-700">
          {academy.invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-2">
              Invited: {i.email}
              <Form method="post">
                <input type="hidden" name="intent" value="revoke-academy" />
                <input type="hidden" name="id" value={i.id} />
                <button type="submit" className="min-h-9 px-1 text-rose-700 underline" aria-label={`Revoke the invitation to ${i.email}`}>
                  Revoke
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      {lastResult?.invited ? (
        <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
          {lastResult.invited} was invited by email to assess for Stipple Academy.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
        <FormError id={form.errorId} errors={form.errors} />
        <div className="min-w-64 flex-1">
          <Field label="Invite an instructor by email" meta={fields.email} inputProps={getInputProps(fields.email, { type: "email" })} />
        </div>
        <input type="hidden" name="intent" value="invite-academy" />
        <Button type="submit" disabled={busy}>
          Send the invitation
        </Button>
      </Form>
    </section>
  );
}
