import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData, type ClientLoaderFunctionArgs } from "@remix-run/react";
import { useRef } from "react";
import { MarkComplete } from "~/components/mark-complete";
import { MdxContent, SourceList } from "~/components/mdx/mdx-content";
import { CitationTrail } from "~/components/mdx/sources-context";
import { ProgressBar } from "~/components/ui/progress-bar";
import { orHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { findCourse, findModule } from "~/modules/content/catalogue.server";
import { compileMdx } from "~/modules/content/compile-mdx.server";
import { loadMdx } from "~/modules/content/mdx-registry";
import { completeModule, courseProgress, isEnrolled, recordModuleVisit } from "~/modules/progress/progress.server";
import { paperworkOfModule } from "~/modules/paperwork/paperwork.server";
import { readingDwellMs } from "~/modules/progress/reading";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.module.title} — ${data.course.title} — Stipple` : "Module — Stipple" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const mod = orHttpError(() => findModule(course, params.module ?? ""));
  if (!isEnrolled(context.db, user.id, course.slug)) throw redirect(`/courses/${course.slug}`);
  const index = course.modules.indexOf(mod);
  let progress = courseProgress(context.db, user.id, course);
  // Only the first visit writes; every later page view is reads only.
  if (progress.modules[index]?.status === "not-started") {
    recordModuleVisit(context.db, user.id, course.slug, mod);
    progress = courseProgress(context.db, user.id, course);
  }
  await compileMdx(mod);
  const neighbour = (i: number) => {
    const m = course.modules[i];
    return m ? { slug: m.slug, title: m.title } : null;
  };
  return {
    course: { slug: course.slug, title: course.title },
    module: {
      slug: mod.slug,
      number: mod.number,
      title: mod.title,
      summary: mod.summary,
      minutes: mod.minutes,
      objectives: mod.objectives,
      sources: mod.sources,
      hash: mod.hash,
      outline: mod.status === "outline",
      hasQuiz: !!mod.quiz,
    },
    terms: course.glossary.filter((t) => t.modules.includes(mod.slug)).map((t) => ({ id: t.id, term: t.term })),
    paperwork: paperworkOfModule(course, mod.slug),
    completed: progress.modules[index]?.status === "completed",
    progress: { completed: progress.completed, total: progress.total },
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
}

/** Client navigations fetch the compiled module script before rendering it. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const result = await serverLoader<typeof loader>();
  await loadMdx(result.module.hash);
  return result;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const mod = orHttpError(() => findModule(course, params.module ?? ""));
  const form = await request.formData();
  if (form.get("intent") !== "complete") return data({ error: "Unknown action" }, { status: 400 });
  orHttpError(() => completeModule(context.db, user.id, course, mod));
  return { completed: true };
}

export default function ModulePage() {
  const { course, module, completed, progress, previous, next, terms, paperwork } = useLoaderData<typeof loader>();
  const endOfText = useRef<HTMLDivElement>(null);
  return (
    <article className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link to="/courses" className="underline underline-offset-2">
              Courses
            </Link>{" "}
            /
          </li>
          <li>
            <Link to={`/courses/${course.slug}`} className="underline underline-offset-2">
              {course.title}
            </Link>{" "}
            /
          </li>
          <li aria-current="page" className="text-stone-800">
            Module {module.number}: {module.title}
          </li>
        </ol>
      </nav>
      <header className="mt-4 space-y-3 border-b border-stone-200 pb-6">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
          Module {module.number} · about {module.minutes} minutes
        </p>
        <h1 className="text-3xl font-bold text-stone-900">{module.title}</h1>
        <p className="text-lg text-stone-700">{module.summary}</p>
        <div className="max-w-md">
          <ProgressBar
            size="sm"
            value={progress.completed}
            max={progress.total}
            label={`Course progress: ${progress.completed} of ${progress.total} modules`}
          />
        </div>
        <section aria-labelledby="objectives-heading" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
          <h2 id="objectives-heading" className="font-semibold text-stone-900">
            By the end you will be able to
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-800">
            {module.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      </header>

      <CitationTrail>
        <div className="mt-8">
          <MdxContent hash={module.hash} sources={module.sources} />
        </div>
        {/* The end of the text: reaching it is what offers "Mark complete". */}
        <div ref={endOfText} aria-hidden="true" className="h-px" />
        <SourceList sources={module.sources} />
      </CitationTrail>
      {terms.length ? (
        <section aria-labelledby="terms-heading" className="mt-8">
          <h2 id="terms-heading" className="text-lg font-semibold text-stone-900">
            Terms in this module
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2 text-sm">
            {terms.map((t) => (
              <li key={t.id}>
                <Link
                  to={`/courses/${course.slug}/glossary#term-${t.id}`}
                  className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1 text-brand-800 hover:bg-brand-50"
                >
                  {t.term}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {paperwork.length ? (
        <section aria-labelledby="paperwork-heading" className="mt-8">
          <h2 id="paperwork-heading" className="text-lg font-semibold text-stone-900">
            Client paperwork for this module
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {paperwork.map((p) => (
              <li key={p.slug}>
                <Link to={`/courses/${course.slug}/paperwork/${p.slug}`} className="text-brand-700 underline underline-offset-2">
                  {p.title}
                </Link>{" "}
                <span className="text-sm text-stone-600">(to print, or as a PDF)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <footer className="mt-10 space-y-6 border-t border-stone-200 pt-6">
        {module.outline ? (
          <p className="rounded-md bg-stone-100 p-4 text-stone-700">This module is an outline for now; it can be marked complete once it is written in full.</p>
        ) : completed ? (
          <p role="status" className="flex items-center gap-2 rounded-md bg-brand-50 p-4 font-medium text-brand-800">
            <span aria-hidden="true">✓</span> You have completed this module.
          </p>
        ) : (
          <MarkComplete key={module.slug} end={endOfText} dwellMs={readingDwellMs(module.minutes)} />
        )}
        {module.hasQuiz && !module.outline ? (
          <p>
            <Link
              to={`/courses/${course.slug}/${module.slug}/quiz`}
              className="inline-flex min-h-11 items-center rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50"
            >
              Test yourself: module {module.number} quiz
            </Link>
          </p>
        ) : null}
        <nav aria-label="Modules" className="flex flex-wrap justify-between gap-3 text-sm">
          {previous ? (
            <Link to={`/courses/${course.slug}/${previous.slug}`} className="font-medium text-brand-700 underline underline-offset-2">
              ← {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link to={`/courses/${course.slug}/${next.slug}`} className="font-medium text-brand-700 underline underline-offset-2">
              {next.title} →
            </Link>
          ) : null}
        </nav>
      </footer>
    </article>
  );
}
