import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TaughtIn } from "~/components/taught-in";
import { orHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Client paperwork — ${data.title} — Stipple` : "Client paperwork — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const titles = new Map(course.modules.map((m) => [m.slug, m.title]));
  return {
    slug: course.slug,
    title: course.title,
    forms: course.paperwork.map((p) => ({
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      modules: p.modules.map((m) => ({ slug: m, title: titles.get(m) ?? m })),
    })),
  };
}

export default function PaperworkList() {
  const { slug, title, forms } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to={`/courses/${slug}`} className="underline underline-offset-2">
          {title}
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-stone-900">Client paperwork</h1>
        <p className="text-stone-700">
          The forms you need with every client, as this course teaches them: print them, or download a PDF with your clinic&apos;s name. Keep completed forms in
          the client&apos;s file at your clinic, never in your Stipple logbook.
        </p>
      </header>
      <ul className="space-y-4">
        {forms.map((f) => (
          <li key={f.slug} className="rounded-lg border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">
              <Link to={f.slug} className="text-brand-700 underline underline-offset-2">
                {f.title}
              </Link>
            </h2>
            <p className="mt-1 text-stone-700">{f.summary}</p>
            <TaughtIn courseSlug={slug} modules={f.modules} className="mt-2 text-sm text-stone-600" />
          </li>
        ))}
      </ul>
    </div>
  );
}
