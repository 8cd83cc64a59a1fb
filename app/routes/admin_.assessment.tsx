import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AssessmentPage } from "~/components/assessment/assessment-page";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { can } from "~/modules/auth/permissions";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { RatesFormSchema } from "~/modules/practicals/assessment-forms";
import { assessmentOverview } from "~/modules/practicals/assessment.server";
import { PLATFORM_SCOPE, setSecondMarkingRates } from "~/modules/practicals/marking.server";

export const meta: MetaFunction = () => [{ title: "Assessment quality, all clinics — Stipple" }];

function requireAdmin(request: Request, context: LoaderFunctionArgs["context"]) {
  const actor = requireActor(request, context);
  if (!can.administer(actor)) throw data({ message: "Not found" }, { status: 404 });
  return actor;
}

/** Platform admins: second-marking rates for independent learners, and agreement across every clinic. */
export function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(request, context);
  return { overview: assessmentOverview(context.db, PLATFORM_SCOPE, getCatalogue().courses[0]!) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireAdmin(request, context);
  const submission = parseWithZod(await request.formData(), { schema: RatesFormSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    setSecondMarkingRates(context.db, actor, PLATFORM_SCOPE, getCatalogue().courses[0]!, submission.value.rate);
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  throw redirect("/admin/assessment?saved=1");
}

export default function PlatformAssessment() {
  const { overview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/admin" className="underline underline-offset-2">
          Administration
        </Link>
      </nav>
      <h1 className="text-3xl font-bold text-stone-900">Assessment quality, all clinics</h1>
      <p className="max-w-3xl text-stone-700">
        The rates below apply to independent learners, whom platform admins assess. Agreement figures cover every clinic&apos;s double-marked work.
      </p>
      <AssessmentPage
        overview={overview}
        lastResult={lastResult}
        saved={params.get("saved") === "1" && !lastResult}
        csvHref="/admin/assessment.csv"
        canSwitchStandardisation={false}
      />
    </div>
  );
}
