import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormView } from "~/components/paperwork/form-view";
import { buttonClass } from "~/components/ui/button";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { findPaperwork, formHeading } from "~/modules/paperwork/paperwork.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.form.title} — Stipple` : "Client paperwork — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return orHttpError(() => {
    const course = findCourse(params.course ?? "");
    const form = findPaperwork(course, params.form ?? "");
    return { course: { slug: course.slug, title: course.title }, form, clinicName: formHeading(context.db, actor) };
  });
}

export default function PaperworkForm() {
  const { course, form, clinicName } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600 print:hidden">
        <Link to={`/courses/${course.slug}`} className="underline underline-offset-2">
          {course.title}
        </Link>{" "}
        /{" "}
        <Link to={`/courses/${course.slug}/paperwork`} className="underline underline-offset-2">
          Client paperwork
        </Link>
      </nav>
      <div className="flex flex-wrap gap-3 print:hidden">
        <a href={`/courses/${course.slug}/paperwork/${form.slug}.pdf`} className={buttonClass("primary")} download>
          Download PDF
        </a>
        <p className="self-center text-sm text-stone-600">Or print this page: the site&apos;s menus are left off the printout.</p>
      </div>
      <FormView form={form} clinicName={clinicName} />
    </div>
  );
}
