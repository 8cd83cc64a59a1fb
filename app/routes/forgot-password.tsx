import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { invalidSubmission, keepActionHeaders, refusedSubmission } from "~/http/forms.server";
import { clientIp } from "~/http/session.server";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { ForgotPasswordSchema } from "~/modules/auth/schema";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

// A refused attempt (429) keeps its Retry-After.
export const headers = keepActionHeaders;
export const meta: MetaFunction = () => [{ title: "Forgot your password — Stipple" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    requestPasswordReset(context.db, submission.value.email, clientIp(context));
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  // Same answer whether or not the address has an account.
  return { sent: true as const, email: submission.value.email };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const lastResult = result && "status" in result ? result : undefined;
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  if (result && "sent" in result) {
    return (
      <AuthCard title="Check your email">
        <div role="status" className="space-y-3 text-stone-800">
          <p>
            If <strong>{result.email}</strong> has a Stipple account, we have sent it a link to choose a new password. The link works once, for 30 minutes.
          </p>
          <p className="text-sm text-stone-600">Nothing arrived? Check your spam folder, or ask again in a few minutes.</p>
          <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
            Back to sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" intro="Enter the email you signed up with and we will send you a link to choose a new password.">
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormError id={form.errorId} errors={form.errors} />
        <Field label="Email" meta={fields.email} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <Button type="submit" disabled={busy}>
          {busy ? "Sending…" : "Send reset link"}
        </Button>
      </Form>
    </AuthCard>
  );
}
