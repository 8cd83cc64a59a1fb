import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { invite, pendingInvitations, revokeInvitation } from "~/modules/clinics/invitations.server";
import { membersWhoLeft } from "~/modules/clinics/departures.server";
import { clinicName, listCohorts, listMembers, removeMember } from "~/modules/clinics/members.server";
import { logIgnoredFields, managedClinic } from "~/modules/clinics/scope.server";
import { Invalid } from "~/modules/errors";

export const meta: MetaFunction = () => [{ title: "Members — Stipple" }];

const Invite = z.object({
  email: z.email("Enter an email address like name@clinic.com").transform((e) => e.toLowerCase()),
  role: z.enum(["technician", "instructor", "admin"], { error: "Choose a role" }),
  cohortId: z
    .string()
    .optional()
    .transform((v) => v || null),
});

const ROLE_TEXT = { technician: "Technician", instructor: "Instructor", admin: "Clinic admin" } as const;

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
    const parsed = Invite.safeParse(Object.fromEntries(form));
    const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "technician"), cohortId: String(form.get("cohortId") ?? "") };
    if (!parsed.success)
      return data({ errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])), values, invited: null }, { status: 400 });
    try {
      invite(context.db, actor, clinicId, parsed.data);
    } catch (error) {
      if (error instanceof Invalid) return data({ errors: { [error.field ?? "email"]: error.message }, values, invited: null }, { status: 400 });
      throw error;
    }
    return { errors: {}, values: { email: "", role: values.role, cohortId: values.cohortId }, invited: parsed.data.email };
  }
  if (intent === "revoke") {
    orHttpError(() => revokeInvitation(context.db, clinicId, String(form.get("id") ?? "")));
    throw redirect("/clinic/members");
  }
  if (intent === "remove") {
    orHttpError(() => removeMember(context.db, actor, clinicId, String(form.get("id") ?? "")));
    throw redirect("/clinic/members");
  }
  return data({ errors: { form: "Unknown action" }, values: { email: "", role: "technician", cohortId: "" }, invited: null }, { status: 400 });
}

export default function Members() {
  const { name, members, invitations, cohorts, left, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
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
        {result?.invited ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
            Invitation sent to {result.invited}. The link works once, for 7 days.
          </p>
        ) : null}
        <Form method="post" className="grid gap-4 sm:grid-cols-3">
          <input type="hidden" name="intent" value="invite" />
          <div className="space-y-1 sm:col-span-3">
            <label htmlFor="email" className="block text-sm font-medium">
              Email
            </label>
            <input
              id="email"
              name="email"
              type="email"
              defaultValue={result?.values.email}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
              className="block w-full rounded-md border border-stone-300 px-3 py-2"
            />
            {errors.email ? (
              <p id="email-error" className="text-sm font-medium text-rose-700">
                {errors.email}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="role" className="block text-sm font-medium">
              Role
            </label>
            <select
              id="role"
              name="role"
              defaultValue={result?.values.role ?? "technician"}
              className="block min-h-11 w-full rounded-md border border-stone-300 px-2"
            >
              <option value="technician">Technician (learner)</option>
              <option value="instructor">Instructor</option>
              <option value="admin">Clinic admin</option>
            </select>
          </div>
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor="cohortId" className="block text-sm font-medium">
              Cohort (optional)
            </label>
            <select
              id="cohortId"
              name="cohortId"
              defaultValue={result?.values.cohortId ?? ""}
              aria-describedby={errors.cohortId ? "cohort-error" : undefined}
              className="block min-h-11 w-full rounded-md border border-stone-300 px-2"
            >
              <option value="">None yet</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {errors.cohortId ? (
              <p id="cohort-error" className="text-sm font-medium text-rose-700">
                {errors.cohortId}
              </p>
            ) : null}
          </div>
          <div className="sm:col-span-3">
            <Button type="submit">Send invitation</Button>
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
        <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {members.map((m) => (
            <li key={m.membershipId} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                <span className="font-medium">{m.name}</span> · {m.email} · {ROLE_TEXT[m.role]}
              </span>
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
