import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { sessionCookie } from "~/http/session.server";
import { findValidResetToken, resetPassword } from "~/modules/auth/accounts.server";
import { PASSWORD_MIN, ResetPasswordSchema } from "~/modules/auth/schema";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Stipple" }, { name: "referrer", content: "same-origin" }];

export function loader({ params, context }: LoaderFunctionArgs) {
  return { valid: !!findValidResetToken(context.db, params.token ?? "") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema });
  if (submission.status !== "success") return invalidSubmission(submission, { hideFields: ["password", "confirm"] });
  try {
    const { token } = await resetPassword(context.db, params.token ?? "", submission.value.password);
    throw redirect("/courses?passwordReset=1", { headers: { "Set-Cookie": sessionCookie(token) } });
  } catch (error) {
    return refusedSubmission(submission, error, { hideFields: ["password", "confirm"] });
  }
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  const tokenError = lastResult?.error?.token?.[0];
  if (!valid || tokenError) {
    return (
      <AuthCard title="This link no longer works">
        <div role="alert" className="space-y-3 text-stone-800">
          <p>Reset links work once and expire after 30 minutes. This one has expired, was already used, or is not complete.</p>
          <Link to="/forgot-password" className="font-medium text-brand-700 underline underline-offset-2">
            Ask for a new link
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" intro="Choosing a new password signs you out everywhere else.">
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormError id={form.errorId} errors={form.errors} />
        <Field
          label="New password"
          meta={fields.password}
          clearOn={lastResult}
          description={`At least ${PASSWORD_MIN} characters.`}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <Field
          label="Repeat the new password"
          meta={fields.confirm}
          clearOn={lastResult}
          inputProps={{ ...getInputProps(fields.confirm, { type: "password" }), autoComplete: "new-password" }}
        />
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save new password"}
        </Button>
      </Form>
    </AuthCard>
  );
}
