import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Field, FormError, SelectField } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { orHttpError } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { invite, pendingInvitations, revokeInvitation } from "~/modules/clinics/invitations.server";
import { membersWhoLeft } from "~/modules/clinics/departures.server";
import { clinicName, listCohorts, listMembers, removeMember } from "~/modules/clinics/members.server";
import { logIgnoredFields, managedClinic } from "~/modules/clinics/scope.server";
import { InviteSchema } from "~/modules/clinics/schema";
import { setLead } from "~/modules/practicals/marking.server";

export const meta: MetaFunction = () => [{ title: "Members — Stipple" }];

const ROLE_TEXT = { technician: "Technician", instructor: "Instructor", admin: "Clinic admin" } as const;
const INVITE_ROLE_OPTIONS = [
  { value: "technician", label: "Technician (learner)" },
  { value: "instructor", label: "Instructor" },
  { value: "admin", label: "Clinic admin" },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  return {
    name: clinicName(context.db, clinicId),
    members: listMembers(context.db, clinicId),
    invitations: pendingInvitations(context.db, clinicId).map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt })),
    cohorts: listCohorts(context.db, clinicId).map((c) => ({ id: c.id, name: c.name })),
    left: membersWhoLeft(context.db, clinicId),
    me: actor.id,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const form = await request.formData();
  const intent = form.get("intent");
  logIgnoredFields(context.db, actor, String(intent), form, ["clinicId", "organisationId"]);
  if (intent === "invite") {
    const submission = parseWithZod(form, { schema: InviteSchema });
    if (submission.status !== "success") return invalidSubmission(submission);
    try {
      invite(context.db, actor, clinicId, submission.value);
    } catch (error) {
      return refusedSubmission(submission, error);
    }
    // The form empties, ready for the next invitation.
    return { ...submission.reply({ resetForm: true }), invited: submission.value.email };
  }
  if (intent === "revoke") {
    orHttpError(() => revokeInvitation(context.db, clinicId, String(form.get("id") ?? "")));
    throw redirect("/clinic/members");
  }
  if (intent === "lead") {
    orHttpError(() => setLead(context.db, actor, String(form.get("userId") ?? ""), form.get("lead") === "on"));
    throw redirect("/clinic/members");
  }
  if (intent === "remove") {
    orHttpError(() => removeMember(context.db, actor, clinicId, String(form.get("id") ?? "")));
    throw redirect("/clinic/members");
  }
  throw data({ message: "Unknown action" }, { status: 400 });
}

export default function Members() {
  const { name, members, invitations, cohorts, left, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const invited = lastResult && "invited" in lastResult ? lastResult.invited : null;
  const busy = useIsSubmitting("invite");
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { role: "technician", cohortId: "" },
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/clinic" className="underline underline-offset-2">
          {name}
        </Link>
      </nav>
      <h1 className="text-3xl font-bold text-stone-900">Members and invitations</h1>

      <section aria-labelledby="invite-heading" className="max-w-2xl space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite someone
        </h2>
        {invited ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
            Invitation sent to {invited}. The link works once, for 7 days.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-3">
          <input type="hidden" name="intent" value="invite" />
          <div className="sm:col-span-3">
            <FormError id={form.errorId} errors={form.errors} />
          </div>
          <div className="sm:col-span-3">
            <Field label="Email" meta={fields.email} inputProps={getInputProps(fields.email, { type: "email" })} />
          </div>
          <SelectField label="Role" meta={fields.role} options={INVITE_ROLE_OPTIONS} />
          <div className="sm:col-span-2">
            <SelectField
              label="Cohort (optional)"
              meta={fields.cohortId}
              placeholder="None yet"
              options={cohorts.map((c) => ({ value: c.id, label: c.name }))}
            />
          </div>
          <div className="sm:col-span-3">
            <Button type="submit" disabled={busy}>
              Send invitation
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Pending invitations
        </h2>
        {invitations.length === 0 ? <p className="mt-2 text-stone-700">None.</p> : null}
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                {i.email} · {ROLE_TEXT[i.role]} · expires {new Date(i.expiresAt).toISOString().slice(0, 10)}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="id" value={i.id} />
                <button type="submit" className="min-h-9 rounded px-2 text-sm text-rose-700 underline" aria-label={`Revoke the invitation to ${i.email}`}>
                  Revoke
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        <p className="mt-1 max-w-prose text-sm text-stone-600">
          A lead instructor sees every learner&apos;s practical work in the clinic, records the final grade when two markers disagree, and chooses the benchmark
          pieces instructors standardise on (see <Link to="/clinic/assessment">Assessment quality</Link>).
        </p>
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {members.map((m) => (
            <li key={m.membershipId} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                <span className="font-medium">{m.name}</span> · {m.email} · {ROLE_TEXT[m.role]}
                {m.lead ? <span className="ml-2 rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-900">Lead instructor</span> : null}
              </span>
              {m.role === "instructor" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="lead" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <input type="hidden" name="lead" value={m.lead ? "off" : "on"} />
                  <button type="submit" className="min-h-9 rounded px-2 text-sm text-brand-700 underline">
                    {m.lead ? `Withdraw lead role from ${m.name}` : `Make ${m.name} a lead instructor`}
                  </button>
                </Form>
              ) : null}
              {m.userId !== me ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="id" value={m.membershipId} />
                  <button type="submit" className="min-h-9 rounded px-2 text-sm text-rose-700 underline" aria-label={`Remove ${m.name} from the clinic`}>
                    Remove
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {left.length ? (
        <section aria-labelledby="left-heading">
          <h2 id="left-heading" className="text-lg font-semibold">
            Left Stipple
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Members who deleted their Stipple account. Their names and records are erased; certificates they held are no longer available.
          </p>
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {left.map((m) => (
              <li key={m.membershipId} className="p-3">
                {ROLE_TEXT[m.role]}, member since {new Date(m.since).toISOString().slice(0, 10)} · left Stipple on{" "}
                {new Date(m.leftAt).toISOString().slice(0, 10)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
