import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { invalidSubmission, keepActionHeaders, refusedSubmission } from "~/http/forms.server";
import { clientIp, getUser, sessionCookie } from "~/http/session.server";
import { logIn } from "~/modules/auth/accounts.server";
import { afterSignIn, ROLE_HOME } from "~/modules/auth/redirect";
import { LoginSchema } from "~/modules/auth/schema";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

// A refused attempt (429) keeps its Retry-After.
export const headers = keepActionHeaders;
export const meta: MetaFunction = () => [{ title: "Sign in — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(request, context);
  if (user) throw redirect(ROLE_HOME[user.role]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LoginSchema });
  if (submission.status !== "success") return invalidSubmission(submission, { hideFields: ["password"] });
  try {
    const { user, token } = await logIn(context.db, submission.value, clientIp(context));
    throw redirect(afterSignIn(user.role, submission.value.redirectTo), { headers: { "Set-Cookie": sessionCookie(token) } });
  } catch (error) {
    return refusedSubmission(submission, error, { hideFields: ["password"] });
  }
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <AuthCard
      title="Sign in"
      footer={
        <p>
          New to Stipple?{" "}
          <Link to="/signup" className="font-medium text-brand-700 underline underline-offset-2">
            Create an account
          </Link>
        </p>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormError id={form.errorId} errors={form.errors} />
        <Field label="Email" meta={fields.email} inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }} />
        <Field
          label="Password"
          meta={fields.password}
          clearOn={lastResult}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </Button>
          <Link to="/forgot-password" className="text-sm font-medium text-brand-700 underline underline-offset-2">
            Forgot your password?
          </Link>
        </div>
        {/* Hidden inputs last, so they add no gap above the first field. */}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
      </Form>
    </AuthCard>
  );
}
