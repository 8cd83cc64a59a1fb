import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, buttonClass } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { invalidSubmission, keepActionHeaders, refusedSubmission } from "~/http/forms.server";
import { clearSessionCookie, requireActor, requireUser } from "~/http/session.server";
import { deleteAccount, deletionRefusal } from "~/modules/account/delete-account.server";
import { DELETE_CONFIRMATION, DeleteAccountSchema } from "~/modules/account/schema";
import { getStorage } from "~/modules/storage/storage.server";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

// A refused attempt (429) keeps its Retry-After.
export const headers = keepActionHeaders;
export const meta: MetaFunction = () => [{ title: "Your account — Stipple" }];

const ROLE_TEXT = { learner: "Learner", instructor: "Instructor", clinic_admin: "Clinic admin", admin: "Platform admin", supervisor: "Supervisor" } as const;

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const actor = requireActor(request, context);
  return { name: user.name, email: user.email, role: ROLE_TEXT[user.role], refusal: deletionRefusal(context.db, actor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const submission = parseWithZod(await request.formData(), { schema: DeleteAccountSchema });
  if (submission.status !== "success") return invalidSubmission(submission, { hideFields: ["password"] });
  try {
    await deleteAccount(context.db, getStorage(), actor, submission.value.password);
  } catch (error) {
    return refusedSubmission(submission, error, { hideFields: ["password"] });
  }
  throw redirect("/account/deleted", { headers: { "Set-Cookie": clearSessionCookie() } });
}

const EXPORT_CONTENTS = [
  "your profile, clinics and cohorts",
  "the courses you enrolled in and the modules you read",
  "every quiz and exam attempt, with your answers and what its review shows",
  "your practical submissions with their photos, the instructor's feedback, rubric scores and annotations",
  "your logbook cases with their photos",
  "your certificates and your notifications",
];

export default function Account() {
  const { name, email, role, refusal } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    id: "delete-account",
    lastResult,
    constraint: getZodConstraint(DeleteAccountSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-stone-900">Your account</h1>
        <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-stone-800">
          <dt className="text-stone-600">Name</dt>
          <dd className="break-words font-medium">{name}</dd>
          <dt className="text-stone-600">Email</dt>
          <dd className="break-all font-medium">{email}</dd>
          <dt className="text-stone-600">Role</dt>
          <dd className="font-medium">{role}</dd>
        </dl>
      </header>

      <section aria-labelledby="export-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="export-heading" className="text-xl font-semibold text-stone-900">
          Download your data
        </h2>
        <p className="text-stone-700">One zip file with everything Stipple holds about you, as JSON files and the photos you uploaded:</p>
        <ul className="list-disc space-y-1 pl-6 text-stone-700">
          {EXPORT_CONTENTS.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {/* A plain link: the browser downloads the file itself, however large, as it arrives. */}
        <a href="/account/export.zip" download className={buttonClass("secondary")}>
          Download my data (.zip)
        </a>
      </section>

      <section aria-labelledby="delete-heading" className="space-y-4 rounded-lg border border-rose-200 bg-white p-5">
        <h2 id="delete-heading" className="text-xl font-semibold text-stone-900">
          Delete your account
        </h2>
        <div className="space-y-2 text-stone-700">
          <p>Deleting your account cannot be undone. Download your data first if you want to keep it.</p>
          <ul className="list-disc space-y-1 pl-6">
            <li>
              Your name, email, progress, submissions, logbook cases, notifications and every photo you uploaded are erased, and you are signed out everywhere.
            </li>
            <li>Your quiz answers stay only as anonymous figures in the question statistics.</li>
            <li>Your certificates are withdrawn: anyone checking their code is told the certificate is no longer available, without your name.</li>
            <li>Your clinic sees that a member left Stipple on this date, not who it was.</li>
          </ul>
        </div>
        {refusal ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 font-medium text-amber-900">
            {refusal}
          </p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="space-y-5">
            <FormError id={form.errorId} errors={form.errors} />
            <Field
              label="Your password"
              meta={fields.password}
              clearOn={lastResult}
              inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
            />
            <Field
              label={`Type ${DELETE_CONFIRMATION} to confirm`}
              meta={fields.confirm}
              description="In capital letters, so nobody deletes an account by accident."
              inputProps={{ ...getInputProps(fields.confirm, { type: "text" }), autoComplete: "off", autoCapitalize: "characters", spellCheck: false }}
            />
            <Button type="submit" disabled={busy} className="bg-rose-700 hover:bg-rose-800">
              {busy ? "Deleting…" : "Delete my account"}
            </Button>
          </Form>
        )}
      </section>
    </div>
  );
}
