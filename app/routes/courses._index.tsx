import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { CourseCardView } from "~/components/course-card";
import { requireUser } from "~/http/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { catalogueFor } from "~/modules/progress/course-view.server";

export const meta: MetaFunction = () => [{ title: "Courses — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { name: user.name, courses: catalogueFor(context.db, getCatalogue().courses, user.id) };
}

export default function Courses() {
  const { name, courses } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      {params.get("passwordReset") ? (
        <p role="status" className="rounded-md border border-brand-100 bg-brand-50 p-3 text-brand-800">
          Your password has been changed and every other session signed out.
        </p>
      ) : null}
      <div>
        <h1 className="text-3xl font-bold text-stone-900">Courses</h1>
        <p className="mt-1 text-stone-700">Welcome, {name}. Pick up where you left off.</p>
      </div>
      <ul className="grid gap-4">
        {courses.map((c) => (
          <li key={c.slug}>
            <CourseCardView course={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}
