import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Conflict } from "~/modules/errors";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { orHttpError, toHttpError } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { academyOverview, inviteAcademyInstructor, removeAcademyInstructor, revokeAcademyInvitation } from "~/modules/clinics/academy-admin.server";
import { createClinic, listClinics } from "~/modules/clinics/admin.server";
import { AcademyInstructorSchema, CreateClinicSchema } from "~/modules/clinics/schema";
import { revokeSupervision, supervisorLinks } from "~/modules/certification/supervision.server";

export const meta: MetaFunction = () => [{ title: "Administration — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return {
    clinics: orHttpError(() => listClinics(context.db, actor)),
    academy: orHttpError(() => academyOverview(context.db, actor)),
    supervisors: orHttpError(() => supervisorLinks(context.db, actor)).map((l) => ({
      ...l,
      invitedOn: new Date(l.invitedAt).toISOString().slice(0, 10),
      acceptedOn: l.acceptedAt ? new Date(l.acceptedAt).toISOString().slice(0, 10) : null,
    })),
  };
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
  if (intent === "revoke-supervisor") {
    try {
      revokeSupervision(context.db, actor, String(form.get("id") ?? ""));
      return { revoked: true, supervisorRevoked: true };
    } catch (error) {
      if (error instanceof Conflict) return data({ revoked: true, supervisorError: error.message }, { status: 409 });
      return toHttpError(error);
    }
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
  const { clinics, academy, supervisors } = useLoaderData<typeof loader>();
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
      <SupervisorsSection
        supervisors={supervisors}
        revoked={!!answer && "supervisorRevoked" in answer}
        error={answer && "supervisorError" in answer ? String(answer.supervisorError) : null}
      />
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

type Supervisors = ReturnType<typeof useLoaderData<typeof loader>>["supervisors"];

const LINK_STATUS_TEXT: Record<string, string> = {
  invited: "Invited, not yet accepted",
  expired: "Invitation expired",
  active: "Active",
  revoked: "Revoked",
  closed: "Account closed",
};

/**
 * Supervisors independent learners named by email (038): who they are, what they declared, and
 * revoking their access, which sends the cases waiting for them back to the learner.
 */
function SupervisorsSection({ supervisors, revoked, error }: { supervisors: Supervisors; revoked: boolean; error: string | null }) {
  const busy = useIsSubmitting("revoke-supervisor");
  return (
    <section aria-labelledby="supervisors-heading" className="max-w-3xl space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="supervisors-heading" className="text-xl font-semibold">
        Supervisors named by learners
      </h2>
      <p className="text-stone-700">
        Learners without a clinic name the practitioner who supervised each session on a client. That person countersigns only that learner&apos;s cases naming
        them; most have a supervisor-only account that can open nothing else.
      </p>
      {revoked ? (
        <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
          Access revoked. Cases waiting for that supervisor went back to the learner.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-800">
          {error}
        </p>
      ) : null}
      {supervisors.length === 0 ? (
        <p className="text-stone-700">No learner has named a supervisor yet.</p>
      ) : (
        <ul aria-label="Supervisors" className="divide-y divide-stone-200 rounded-md border border-stone-200">
          {supervisors.map((s) => (
            <li key={s.id} className="space-y-1 p-3">
              <p>
                <span className="font-medium">{s.name}</span> <span className="text-sm text-stone-600">{s.email}</span>
                {s.supervisorOnly ? <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">supervisor-only account</span> : null}
              </p>
              <p className="text-sm text-stone-700">
                Supervises {s.learnerName} ({s.learnerEmail}) · {LINK_STATUS_TEXT[s.status]} · invited {s.invitedOn}
                {s.acceptedOn ? `, accepted ${s.acceptedOn}` : ""} · {s.countersigned} countersigned
              </p>
              {s.qualification ? <p className="text-sm text-stone-700">Declared: {s.qualification}</p> : null}
              {s.status === "revoked" ? null : (
                <details className="text-sm">
                  <summary className="min-h-9 cursor-pointer py-1 text-rose-700 underline">Revoke access…</summary>
                  <div className="mt-2 space-y-2 rounded-md border border-rose-200 bg-rose-50 p-3">
                    <p>
                      {s.name} will no longer see or countersign {s.learnerName}&apos;s cases. Cases waiting for them go back to {s.learnerName} to name another
                      supervisor; countersignatures already given stand.
                    </p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-supervisor" />
                      <input type="hidden" name="id" value={s.id} />
                      <Button type="submit" variant="secondary" disabled={busy} aria-label={`Revoke access for ${s.name} to ${s.learnerName}'s cases`}>
                        Revoke access
                      </Button>
                    </Form>
                  </div>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
