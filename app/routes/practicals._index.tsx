import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AssessorNotice } from "~/components/practicals/assessor-notice";
import { StatusBadge } from "~/components/practicals/status-badge";
import { requireUser } from "~/http/session.server";
import { whoAssesses } from "~/modules/auth/actor.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { practicalsOverview } from "~/modules/practicals/submissions.server";
import { isEnrolled } from "~/modules/progress/progress.server";

export const meta: MetaFunction = () => [{ title: "Practicals — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const courses = getCatalogue()
    .courses.filter((c) => c.practicals.length && isEnrolled(context.db, user.id, c.slug))
    .map((c) => ({ slug: c.slug, title: c.title, practicals: practicalsOverview(context.db, user.id, c) }));
  return { courses, assessors: whoAssesses(context.db, user.id) };
}

export default function Practicals() {
  const { courses, assessors } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold text-stone-900">Practicals</h1>
        <p className="mt-1 max-w-2xl text-stone-700">
          Practise on synthetic skin and mannequin heads, photograph your work as each brief asks, and an instructor grades it against the rubric.{" "}
          <Link to="/practicals/dot-analysis" className="font-medium text-brand-700 underline underline-offset-2">
            How Stipple measures your dots
          </Link>
        </p>
      </div>
      <AssessorNotice assessors={assessors} />
      {courses.length === 0 ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-stone-200">
          Start a course to see its practicals.{" "}
          <Link to="/courses" className="font-medium text-brand-700 underline underline-offset-2">
            Courses
          </Link>
        </p>
      ) : (
        courses.map((c) => (
          <section key={c.slug} aria-labelledby={`course-${c.slug}`}>
            <h2 id={`course-${c.slug}`} className="text-xl font-semibold text-stone-900">
              {c.title}
            </h2>
            <ul className="mt-3 grid gap-3 md:grid-cols-2">
              {c.practicals.map((p) => (
                <li key={p.slug} className="rounded-lg border border-stone-200 bg-white p-4">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h3 className="font-semibold">
                      <Link to={`/practicals/${p.slug}`} className="text-brand-800 underline-offset-2 hover:underline">
                        {p.title}
                      </Link>
                    </h3>
                    <StatusBadge status={p.status} />
                  </div>
                  <p className="mt-1 text-stone-700">{p.summary}</p>
                  {p.versions ? (
                    <p className="mt-1 text-sm text-stone-600">
                      {p.versions} version{p.versions === 1 ? "" : "s"} submitted
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
