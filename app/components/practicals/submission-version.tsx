import { PhotoViewer } from "~/components/review/photo-viewer";
import type { SubmissionStatus } from "~/db/schema/practicals";
import { learnerStageText } from "~/modules/practicals/marking";
import type { PracticalFrontmatter } from "~/modules/content/schema";
import { RubricTable } from "./rubric-table";
import { StatusBadge } from "./status-badge";

export type VersionView = {
  id: string;
  version: number;
  status: string;
  note: string;
  createdAt: number;
  verdict: string | null;
  feedback: string | null;
  points: number | null;
  maxPoints: number | null;
  photos: { id: string; width: number; height: number; position: number }[];
  scores: Record<string, number>;
  pins: { id: string; photoId: string; number: number; x: number; y: number; comment: string; criterionId: string | null }[];
  /** Each marker's feedback when the work was double-marked. */
  assessors?: { role: string; name: string; feedback: string }[];
};

/** One version of a submission: photos with the instructor's pins, rubric scores and feedback. */
export function SubmissionVersion({ v, rubric, heading }: { v: VersionView; rubric: PracticalFrontmatter["rubric"] | null; heading: string }) {
  const criterion = (id: string | null) => rubric?.criteria.find((c) => c.id === id)?.title ?? null;
  const photos = v.photos.map((p) => ({
    id: p.id,
    url: `/photos/${p.id}`,
    thumbUrl: `/photos/${p.id}?size=thumb`,
    width: p.width,
    height: p.height,
    alt: `Photo ${p.position + 1} of version ${v.version}`,
  }));
  const pins = v.pins.map((p) => ({ ...p, criterionTitle: criterion(p.criterionId) }));
  const graded = v.verdict !== null;
  return (
    <article aria-labelledby={`version-${v.id}`} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <header className="flex flex-wrap items-center gap-3">
        <h2 id={`version-${v.id}`} className="text-xl font-semibold text-stone-900">
          {heading}
        </h2>
        <StatusBadge status={v.status} />
        <span className="text-sm text-stone-600">submitted {new Date(v.createdAt).toISOString().slice(0, 10)}</span>
      </header>
      {v.note ? (
        <p className="rounded-md bg-stone-50 p-3 text-stone-800">
          <span className="font-medium">Learner's note: </span>
          {v.note}
        </p>
      ) : null}
      <PhotoViewer photos={photos} pins={pins} label={`Photos of version ${v.version}`} />
      {graded ? (
        <div className="space-y-4">
          <div
            className={`rounded-md p-4 ${v.verdict === "pass" ? "bg-brand-50 text-brand-800" : v.verdict === "revise" ? "bg-amber-50 text-amber-900" : "bg-rose-50 text-rose-900"}`}
          >
            <p className="text-lg font-semibold">
              {v.verdict === "pass" ? "Passed" : v.verdict === "revise" ? "Revise and resubmit" : "Not passed"} · {v.points} of {v.maxPoints} points
            </p>
            {v.assessors?.length ? (
              <p className="mt-1 text-sm">Checked by a second assessor{v.assessors.length > 2 ? " and decided by a lead assessor" : ""}.</p>
            ) : v.feedback ? (
              <p className="mt-2 whitespace-pre-line">{v.feedback}</p>
            ) : null}
          </div>
          {v.assessors?.length ? (
            <section aria-label="Feedback from your assessors" className="space-y-2">
              <h3 className="font-semibold text-stone-900">Feedback from your assessors</h3>
              {v.assessors.map((a) => (
                <div key={a.role} className="rounded-md border border-stone-200 p-3">
                  <p className="text-sm font-medium text-stone-700">
                    {a.role}: {a.name}
                  </p>
                  <p className="mt-1 whitespace-pre-line">{a.feedback || "No written feedback."}</p>
                </div>
              ))}
            </section>
          ) : null}
          {pins.length ? (
            <section aria-label="Comments on the photos">
              <h3 className="font-semibold text-stone-900">Comments on the photos</h3>
              <ol className="mt-2 space-y-2">
                {pins.map((p) => (
                  <li key={p.id} className="flex gap-3 rounded-md border border-stone-200 p-2">
                    <span className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-rose-600 text-sm font-bold text-white">{p.number}</span>
                    <span>
                      {p.comment}
                      {p.criterionTitle ? <span className="block text-sm text-stone-600">About: {p.criterionTitle}</span> : null}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          {rubric ? <RubricTable rubric={rubric} scores={v.scores} label={`Rubric scores, ${heading}`} /> : null}
        </div>
      ) : (
        <p className="text-stone-700">{learnerStageText(v.status as SubmissionStatus) ?? "Waiting for an instructor to grade it."}</p>
      )}
    </article>
  );
}
