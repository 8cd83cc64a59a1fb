import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { AuthCard } from "~/components/auth-card";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { getUser, sessionCookie } from "~/http/session.server";
import { AcceptSupervisionSchema, QUALIFICATION_MAX } from "~/modules/certification/supervision-schema";
import { acceptSupervision, openSupervision } from "~/modules/certification/supervision.server";

export const meta: MetaFunction = () => [{ title: "Supervise a learner's cases — Stipple" }, { name: "referrer", content: "same-origin" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const open = openSupervision(context.db, params.token ?? "");
  if (!open) return { valid: false as const };
  const user = getUser(request, context);
  return {
    valid: true as const,
    learnerName: open.learnerName,
    email: open.link.email,
    existingAccount: open.existingAccount,
    signedInAs: user?.email.toLowerCase() ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: AcceptSupervisionSchema });
  if (submission.status !== "success") return invalidSubmission(submission, { hideFields: ["password"] });
  const user = getUser(request, context);
  try {
    const result = await acceptSupervision(context.db, params.token ?? "", { signedInUserId: user?.id ?? null, ...submission.value });
    const headers = result.sessionToken ? { "Set-Cookie": sessionCookie(result.sessionToken) } : undefined;
    throw redirect("/supervise?accepted=1", { headers });
  } catch (error) {
    return refusedSubmission(submission, error, { hideFields: ["password"] });
  }
}

export default function AcceptSupervision() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const { token } = useParams();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptSupervisionSchema }),
  });
  if (!d.valid) {
    return (
      <AuthCard title="This invitation no longer works">
        <p role="alert" className="text-stone-800">
          Supervisor invitations work once and expire after 14 days; this one was used, withdrawn or has expired. The learner can send a new one by naming you
          again on a case.
        </p>
      </AuthCard>
    );
  }
  const { key: _pledgeKey, ...pledgeProps } = getInputProps(fields.pledge, { type: "checkbox" });
  const { key: _qualificationKey, ...qualificationProps } = getTextareaProps(fields.qualification);
  const mustSignIn = d.existingAccount && d.signedInAs !== d.email;
  return (
    <AuthCard
      title={`Supervise ${d.learnerName}'s cases`}
      intro={`${d.learnerName} named you, at ${d.email}, as the practitioner who supervised their SMP sessions on clients.`}
    >
      <div className="mb-4 space-y-2 text-stone-800">
        <p>
          As their supervisor you can read the sessions they log naming you, with the photos, and countersign each one or return it with a comment. You cannot
          see their other work, their quizzes or anyone else&apos;s records.
        </p>
        <p>Countersign only a session you saw, on a client whose consent you know was given.</p>
      </div>
      <div className="mb-4 empty:hidden">
        <FormError id={form.errorId} errors={form.errors} />
      </div>
      {mustSignIn ? (
        <p className="text-stone-800">
          You already have a Stipple account.{" "}
          <Link
            to={`/login?redirectTo=${encodeURIComponent(`/supervise/accept/${token ?? ""}`)}`}
            className="font-medium text-brand-700 underline underline-offset-2"
          >
            Sign in as {d.email}
          </Link>
          , then open this link again.
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          {d.existingAccount ? null : (
            <>
              <Field label="Full name" meta={fields.name} inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} />
              <Field
                label="Choose a password"
                description="At least 8 characters."
                meta={fields.password}
                clearOn={lastResult}
                inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
              />
            </>
          )}
          <div className="space-y-1">
            <label htmlFor={fields.qualification.id} className="block text-sm font-medium text-stone-800">
              What qualifies you to supervise
            </label>
            <p id={fields.qualification.descriptionId} className="text-sm text-stone-600">
              Your tattoo or SMP licence (issuing council and number) or professional qualification. The learner and Stipple&apos;s administrators see it.
            </p>
            <textarea
              {...qualificationProps}
              rows={3}
              maxLength={QUALIFICATION_MAX}
              aria-describedby={[fields.qualification.descriptionId, fields.qualification.errors?.length ? fields.qualification.errorId : null]
                .filter(Boolean)
                .join(" ")}
              className={`block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${fields.qualification.errors?.length ? "border-rose-600" : "border-stone-300"}`}
            />
            {fields.qualification.errors?.length ? (
              <p id={fields.qualification.errorId} className="text-sm font-medium text-rose-700">
                {fields.qualification.errors[0]}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label className="flex items-start gap-3">
              <input {...pledgeProps} className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
              <span>I will countersign only sessions I supervised in person.</span>
            </label>
            {fields.pledge.errors?.length ? (
              <p id={fields.pledge.errorId} className="text-sm font-medium text-rose-700">
                {fields.pledge.errors[0]}
              </p>
            ) : null}
          </div>
          <Button type="submit" disabled={busy}>
            {d.existingAccount ? "Accept" : "Create my supervisor account"}
          </Button>
        </Form>
      )}
    </AuthCard>
  );
}
