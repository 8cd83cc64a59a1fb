import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AssessmentPage } from "~/components/assessment/assessment-page";
import { orHttpError } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { clinicName } from "~/modules/clinics/members.server";
import { logIgnoredFields, managedClinic } from "~/modules/clinics/scope.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { RatesFormSchema, RequireStandardisationSchema } from "~/modules/practicals/assessment-forms";
import { assessmentOverview } from "~/modules/practicals/assessment.server";
import { setRequireStandardisation, setSecondMarkingRates } from "~/modules/practicals/marking.server";

export const meta: MetaFunction = () => [{ title: "Assessment quality — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  return { name: clinicName(context.db, clinicId), overview: assessmentOverview(context.db, clinicId, getCatalogue().courses[0]!) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const form = await request.formData();
  logIgnoredFields(context.db, actor, "assessment", form, ["clinicId", "organisationId", "scope"]);
  if (form.get("intent") === "standardisation") {
    const submission = parseWithZod(form, { schema: RequireStandardisationSchema });
    if (submission.status !== "success") return invalidSubmission(submission);
    orHttpError(() => setRequireStandardisation(context.db, actor, clinicId, submission.value.required === "on"));
    throw redirect("/clinic/assessment");
  }
  const submission = parseWithZod(form, { schema: RatesFormSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    setSecondMarkingRates(context.db, actor, clinicId, getCatalogue().courses[0]!, submission.value.rate);
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  throw redirect("/clinic/assessment?saved=1");
}

export default function ClinicAssessment() {
  const { name, overview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/clinic" className="underline underline-offset-2">
          {name}
        </Link>
      </nav>
      <h1 className="text-3xl font-bold text-stone-900">Assessment quality</h1>
      <AssessmentPage
        overview={overview}
        lastResult={lastResult}
        saved={params.get("saved") === "1" && !lastResult}
        csvHref="/clinic/assessment.csv"
        canSwitchStandardisation
      />
    </div>
  );
}
