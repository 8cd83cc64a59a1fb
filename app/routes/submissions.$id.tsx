import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SubmissionVersion } from "~/components/practicals/submission-version";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { submissionDetail } from "~/modules/practicals/submissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Stipple` : "Submission — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const detail = orHttpError(() => submissionDetail(context.db, actor, params.id ?? ""));
  const practical = getCatalogue()
    .bySlug.get(detail.submission.courseSlug)
    ?.practicals.find((p) => p.slug === detail.submission.practicalSlug);
  const latest = detail.versions[0]!;
  return {
    title: practical?.title ?? detail.submission.practicalSlug,
    practicalSlug: detail.submission.practicalSlug,
    rubric: practical?.rubric ?? null,
    learnerName: detail.learnerName,
    own: detail.submission.learnerId === actor.id,
    canResubmit: detail.submission.learnerId === actor.id && (latest.status === "revise" || latest.status === "failed"),
    versions: detail.versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      note: v.note,
      createdAt: v.createdAt,
      verdict: v.verdict,
      feedback: v.feedback,
      points: v.points,
      maxPoints: v.maxPoints,
      photos: v.photos,
      scores: v.scores,
      pins: v.pins,
      assessors: v.assessors,
    })),
  };
}

export default function SubmissionPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        {data.own ? (
          <Link to={`/practicals/${data.practicalSlug}`} className="underline underline-offset-2">
            {data.title}
          </Link>
        ) : (
          <Link to="/review" className="underline underline-offset-2">
            Review queue
          </Link>
        )}
      </nav>
      <header>
        <h1 className="text-3xl font-bold text-stone-900">{data.title}</h1>
        <p className="mt-1 text-stone-700">
          {data.own ? "Your work" : `Work by ${data.learnerName}`} · {data.versions.length} version{data.versions.length === 1 ? "" : "s"}
        </p>
      </header>
      {data.canResubmit ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900">
          Your instructor asked for changes.{" "}
          <Link to={`/practicals/${data.practicalSlug}`} className="font-medium underline underline-offset-2">
            Submit a new version
          </Link>
        </p>
      ) : null}
      {data.versions.map((v, i) => (
        <SubmissionVersion key={v.id} v={v} rubric={data.rubric} heading={i === 0 ? `Version ${v.version} (latest)` : `Version ${v.version}`} />
      ))}
    </div>
  );
}
