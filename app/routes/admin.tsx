import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { createClinic, listClinics } from "~/modules/clinics/admin.server";
import { Invalid } from "~/modules/errors";

export const meta: MetaFunction = () => [{ title: "Administration — Stipple" }];

const CreateClinic = z.object({ name: z.string().trim().min(1, "Enter the clinic's name").max(120), adminEmail: z.email("Enter the first admin's email") });

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return { clinics: orHttpError(() => listClinics(context.db, actor)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const form = Object.fromEntries(await request.formData());
  const parsed = CreateClinic.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
        values: { name: String(form.name ?? ""), adminEmail: String(form.adminEmail ?? "") },
        created: null,
      },
      { status: 400 },
    );
  }
  try {
    const { clinic } = orHttpError(() => createClinic(context.db, actor, parsed.data));
    return { errors: {}, values: { name: "", adminEmail: "" }, created: clinic.name };
  } catch (error) {
    if (error instanceof Invalid) return data({ errors: { [error.field ?? "name"]: error.message }, values: parsed.data, created: null }, { status: 400 });
    throw error;
  }
}

export default function Admin() {
  const { clinics } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold text-stone-900">Administration</h1>
      <section aria-labelledby="new-clinic" className="max-w-xl space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="new-clinic" className="text-xl font-semibold">
          Add a clinic
        </h2>
        {result?.created ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
            {result.created} was created and its first admin was invited by email.
          </p>
        ) : null}
        <Form method="post" className="space-y-4">
          <div className="space-y-1">
            <label htmlFor="name" className="block text-sm font-medium">
              Clinic name
            </label>
            <input
              id="name"
              name="name"
              defaultValue={result?.values.name}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "name-error" : undefined}
              className="block w-full rounded-md border border-stone-300 px-3 py-2"
            />
            {errors.name ? (
              <p id="name-error" className="text-sm font-medium text-rose-700">
                {errors.name}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor="adminEmail" className="block text-sm font-medium">
              First clinic admin's email
            </label>
            <input
              id="adminEmail"
              name="adminEmail"
              type="email"
              defaultValue={result?.values.adminEmail}
              aria-invalid={errors.adminEmail ? true : undefined}
              aria-describedby={errors.adminEmail ? "adminEmail-error" : undefined}
              className="block w-full rounded-md border border-stone-300 px-3 py-2"
            />
            {errors.adminEmail ? (
              <p id="adminEmail-error" className="text-sm font-medium text-rose-700">
                {errors.adminEmail}
              </p>
            ) : null}
          </div>
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
