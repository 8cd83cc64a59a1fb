import { ROLE_HOME } from "~/modules/auth/redirect";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { getUser, sessionCookie } from "~/http/session.server";
import { acceptInvitation, openInvitation } from "~/modules/clinics/invitations.server";
import { AcceptInvitationSchema } from "~/modules/clinics/schema";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

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
  const submission = parseWithZod(await request.formData(), { schema: AcceptInvitationSchema });
  if (submission.status !== "success") return invalidSubmission(submission, { hideFields: ["password"] });
  const user = getUser(request, context);
  try {
    const result = await acceptInvitation(context.db, params.token ?? "", { signedInUserId: user?.id ?? null, ...submission.value });
    const headers = result.sessionToken ? { "Set-Cookie": sessionCookie(result.sessionToken) } : undefined;
    // Each role lands where its work is; the page says which clinic and cohort were joined.
    throw redirect(`${ROLE_HOME[result.role]}?joined=1`, { headers });
  } catch (error) {
    return refusedSubmission(submission, error, { hideFields: ["password"] });
  }
}

export default function AcceptInvite() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const { token } = useParams();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });
  if (!d.valid) {
    return (
      <AuthCard title="This invitation no longer works">
        <p role="alert" className="text-stone-800">
          Invitations work once and expire after 7 days; this one was used, revoked or has expired. Ask your clinic for a new one.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${d.clinic}`}
      intro={`You are invited as a ${d.role === "technician" ? "technician" : d.role === "instructor" ? "instructor" : "clinic administrator"}, at ${d.email}.`}
    >
      <div className="mb-4 empty:hidden">
        <FormError id={form.errorId} errors={form.errors} />
      </div>
      {d.existingAccount ? (
        d.signedInAs === d.email ? (
          <Form method="post" {...getFormProps(form)}>
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
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          <Field label="Full name" meta={fields.name} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} />
          <Field
            label="Choose a password"
            description="At least 8 characters."
            meta={fields.password}
            clearOn={lastResult}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          />
          <Button type="submit" disabled={busy}>
            Create my account and join
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
