import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { getUser, sessionCookie } from "~/http/session.server";
import { acceptInvitation, openInvitation } from "~/modules/clinics/invitations.server";
import { Conflict, Invalid } from "~/modules/errors";

export const meta: MetaFunction = () => [{ title: "Join your clinic — Stipple" }, { name: "referrer", content: "same-origin" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const open = openInvitation(context.db, params.token ?? "");
  const user = getUser(request, context);
  if (!open) return { valid: false as const };
  return {
    valid: true as const,
    clinic: open.clinicName,
    email: open.invitation.email,
    role: open.invitation.role,
    existingAccount: open.existingAccount,
    signedInAs: user?.email ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const user = getUser(request, context);
  try {
    const result = await acceptInvitation(context.db, params.token ?? "", {
      signedInUserId: user?.id ?? null,
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    const headers = result.sessionToken ? { "Set-Cookie": sessionCookie(result.sessionToken) } : undefined;
    throw redirect("/courses?joined=1", { headers });
  } catch (error) {
    if (error instanceof Invalid || error instanceof Conflict) {
      return data(
        { field: error instanceof Invalid ? (error.field ?? "") : "", message: error.message, name: String(form.get("name") ?? "") },
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function AcceptInvite() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { token } = useParams();
  if (!d.valid) {
    return (
      <AuthCard title="This invitation no longer works">
        <p role="alert" className="text-stone-800">
          Invitations work once and expire after 7 days; this one was used, revoked or has expired. Ask your clinic for a new one.
        </p>
      </AuthCard>
    );
  }
  const fieldError = (f: string) => (result?.field === f ? result.message : null);
  return (
    <AuthCard
      title={`Join ${d.clinic}`}
      intro={`You are invited as a ${d.role === "technician" ? "technician" : d.role === "instructor" ? "instructor" : "clinic administrator"}, at ${d.email}.`}
    >
      {result && !["name", "password"].includes(result.field) ? (
        <p role="alert" className="mb-4 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm font-medium text-rose-800">
          {result.message}
        </p>
      ) : null}
      {d.existingAccount ? (
        d.signedInAs === d.email ? (
          <Form method="post">
            <Button type="submit" disabled={busy}>
              Join {d.clinic}
            </Button>
          </Form>
        ) : (
          <p className="text-stone-800">
            You already have an account.{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(`/invite/${token ?? ""}`)}`} className="font-medium text-brand-700 underline underline-offset-2">
              Sign in as {d.email}
            </Link>
            , then open this link again.
          </p>
        )
      ) : (
        <Form method="post" className="space-y-5">
          <div className="space-y-1">
            <label htmlFor="name" className="block text-sm font-medium">
              Full name
            </label>
            <input
              id="name"
              name="name"
              autoComplete="name"
              defaultValue={result?.name}
              aria-invalid={fieldError("name") ? true : undefined}
              aria-describedby={fieldError("name") ? "name-error" : undefined}
              className="block w-full rounded-md border border-stone-300 px-3 py-2"
            />
            {fieldError("name") ? (
              <p id="name-error" className="text-sm font-medium text-rose-700">
                {fieldError("name")}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="password" className="block text-sm font-medium">
              Choose a password
            </label>
            <p id="password-help" className="text-sm text-stone-600">
              At least 8 characters.
            </p>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              aria-invalid={fieldError("password") ? true : undefined}
              aria-describedby={fieldError("password") ? "password-help password-error" : "password-help"}
              className="block w-full rounded-md border border-stone-300 px-3 py-2"
            />
            {fieldError("password") ? (
              <p id="password-error" className="text-sm font-medium text-rose-700">
                {fieldError("password")}
              </p>
            ) : null}
          </div>
          <Button type="submit" disabled={busy}>
            Create my account and join
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
