import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TaughtIn } from "~/components/taught-in";
import { orHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { sourceHref } from "~/modules/content/source-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Glossary — ${data.title} — Stipple` : "Glossary — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const titles = new Map(course.modules.map((m) => [m.slug, m.title]));
  return {
    slug: course.slug,
    title: course.title,
    terms: course.glossary.map((t) => ({ ...t, modules: t.modules.map((m) => ({ slug: m, title: titles.get(m) ?? m })) })),
  };
}

export default function Glossary() {
  const { slug, title, terms } = useLoaderData<typeof loader>();
  const letters = [...new Set(terms.map((t) => t.term[0]!.toUpperCase()))];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to={`/courses/${slug}`} className="underline underline-offset-2">
          {title}
        </Link>
      </nav>
      <h1 className="text-3xl font-bold text-stone-900">Glossary</h1>
      <nav aria-label="Letters">
        <ul className="flex flex-wrap gap-2">
          {letters.map((l) => (
            <li key={l}>
              <a href={`#letter-${l}`} className="flex h-9 w-9 items-center justify-center rounded-md border border-stone-300 bg-white text-sm font-medium">
                {l}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <dl className="space-y-4">
        {terms.map((t, i) => {
          const letter = t.term[0]!.toUpperCase();
          const first = i === 0 || terms[i - 1]!.term[0]!.toUpperCase() !== letter;
          return (
            <div key={t.id} id={`term-${t.id}`} className="scroll-mt-20 rounded-lg border border-stone-200 bg-white p-4">
              {first ? <span id={`letter-${letter}`} className="block scroll-mt-20" /> : null}
              <dt className="text-lg font-semibold text-stone-900">{t.term}</dt>
              <dd className="mt-1 space-y-2 text-stone-800">
                <p>{t.definition}</p>
                <p className="text-sm text-stone-600">
                  Source:{" "}
                  {sourceHref(t.source) ? (
                    <a href={sourceHref(t.source)!} className="underline underline-offset-2" target="_blank" rel="noreferrer noopener">
                      {t.source.citation}
                    </a>
                  ) : (
                    t.source.citation
                  )}{" "}
                  <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs">{t.source.kind}</span>
                </p>
                <TaughtIn courseSlug={slug} modules={t.modules} />
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
