import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Field, FormError } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { orHttpError } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { createClinic, listClinics } from "~/modules/clinics/admin.server";
import { CreateClinicSchema } from "~/modules/clinics/schema";

export const meta: MetaFunction = () => [{ title: "Administration — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return { clinics: orHttpError(() => listClinics(context.db, actor)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const submission = parseWithZod(await request.formData(), { schema: CreateClinicSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    const { clinic } = createClinic(context.db, actor, submission.value);
    return { ...submission.reply({ resetForm: true }), created: clinic.name };
  } catch (error) {
    return refusedSubmission(submission, error);
  }
}

export default function Admin() {
  const { clinics } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(CreateClinicSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateClinicSchema }),
  });
  const created = lastResult && "created" in lastResult ? lastResult.created : null;
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold text-stone-900">Administration</h1>
      <p>
        <Link to="/admin/assessment" className="font-medium text-brand-700 underline underline-offset-2">
          Assessment quality, all clinics
        </Link>{" "}
        — second-marking rates for independent learners, and agreement between assessors.
      </p>
      <section aria-labelledby="new-clinic" className="max-w-xl space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="new-clinic" className="text-xl font-semibold">
          Add a clinic
        </h2>
        {created ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
            {created} was created and its first admin was invited by email.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormError id={form.errorId} errors={form.errors} />
          <Field label="Clinic name" meta={fields.name} inputProps={getInputProps(fields.name, { type: "text" })} />
          <Field label="First clinic admin's email" meta={fields.adminEmail} inputProps={getInputProps(fields.adminEmail, { type: "email" })} />
          <Button type="submit" disabled={busy}>
            Create clinic and send the invitation
          </Button>
        </Form>
      </section>
      <section aria-labelledby="clinics-heading">
        <h2 id="clinics-heading" className="text-xl font-semibold">
          Clinics
        </h2>
        <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {clinics.map((c) => (
            <li key={c.id} className="flex justify-between p-3">
              <span className="font-medium">{c.name}</span>
              <span className="text-sm text-stone-600">{c.members} members</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
