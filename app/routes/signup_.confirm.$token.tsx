import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { formErrorOf } from "~/components/ui/field";
import { buttonSubmission, refusedSubmission } from "~/http/forms.server";
import { sessionCookie } from "~/http/session.server";
import { confirmSignup, findSignupRequest } from "~/modules/auth/accounts.server";
import { ROLE_HOME } from "~/modules/auth/redirect";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

export const meta: MetaFunction = () => [{ title: "Finish creating your account — Stipple" }, { name: "referrer", content: "same-origin" }];

/** Opening the link only shows a button: mail scanners that fetch links must not use it up. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const request = findSignupRequest(context.db, params.token ?? "");
  return request ? { valid: true as const, name: request.name, email: request.email } : { valid: false as const };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = buttonSubmission(await request.formData());
  try {
    const { user, token } = await confirmSignup(context.db, params.token ?? "");
    throw redirect(`${ROLE_HOME[user.role]}?welcome=1`, { headers: { "Set-Cookie": sessionCookie(token) } });
  } catch (error) {
    return refusedSubmission(submission, error);
  }
}

export default function ConfirmSignup() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refusal = formErrorOf(result);
  const busy = useIsSubmitting();
  if (!d.valid || refusal) {
    return (
      <AuthCard title="This link no longer works">
        <div role="alert" className="space-y-3 text-stone-800">
          <p>{refusal ?? "Signup links work once and expire after 24 hours. This one has expired, was already used, or is not complete."}</p>
          <p>
            <Link to="/signup" className="font-medium text-brand-700 underline underline-offset-2">
              Sign up again
            </Link>{" "}
            or{" "}
            <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
              sign in
            </Link>
            .
          </p>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Finish creating your account" intro={`Welcome, ${d.name}. Confirm that ${d.email} is your address and your account is ready.`}>
      <Form method="post">
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "Creating your account…" : "Create my account"}
        </Button>
      </Form>
    </AuthCard>
  );
}
