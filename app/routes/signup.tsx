import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { invalidSubmission, keepActionHeaders, refusedSubmission } from "~/http/forms.server";
import { clientIp, getUser } from "~/http/session.server";
import { requestSignup } from "~/modules/auth/accounts.server";
import { ROLE_HOME } from "~/modules/auth/redirect";
import { PASSWORD_MIN, SignupSchema } from "~/modules/auth/schema";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

// A refused attempt (429) keeps its Retry-After.
export const headers = keepActionHeaders;
export const meta: MetaFunction = () => [{ title: "Create an account — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(request, context);
  if (user) throw redirect(ROLE_HOME[user.role]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema });
  if (submission.status !== "success") return invalidSubmission(submission, { hideFields: ["password"] });
  // The honeypot was filled in: answer like a success, create nothing.
  if (submission.value.website) throw redirect("/signup/check-email");
  try {
    // The same answer whether or not the address already has an account (decision 019).
    await requestSignup(context.db, submission.value, clientIp(context));
  } catch (error) {
    return refusedSubmission(submission, error, { hideFields: ["password"] });
  }
  throw redirect("/signup/check-email");
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  return (
    <AuthCard
      title="Create your account"
      intro="Learn scalp micropigmentation from cited modules, practise with instructor feedback and earn a certificate."
      footer={
        <>
          Already have an account?{" "}
          <Link to="/login" className="font-medium text-brand-700 underline underline-offset-2">
            Sign in
          </Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormError id={form.errorId} errors={form.errors} />
        <Field label="Full name" meta={fields.name} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} />
        <Field label="Email" meta={fields.email} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }} />
        <Field
          label="Password"
          meta={fields.password}
          clearOn={lastResult}
          description={`At least ${PASSWORD_MIN} characters. A passphrase of a few words works well.`}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "Sending…" : "Create account"}
        </Button>
        {/* Hidden inputs last, so they add no gap above the first field. */}
        {/* Hidden from people and screen readers; bots fill it in. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
      </Form>
    </AuthCard>
  );
}
