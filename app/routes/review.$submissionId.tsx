import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { SubmissionVersion } from "~/components/practicals/submission-version";
import { PhotoViewer } from "~/components/review/photo-viewer";
import { DotAnalysisPanel } from "~/components/practicals/dot-analysis";
import { submissionPhotoSummaries } from "~/modules/analysis/photo-analysis.server";
import { metricReadings } from "~/modules/analysis/metrics";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { useAutosave } from "~/hooks/use-autosave";
import { orHttpError } from "~/http/errors.server";
import { buttonSubmission, invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { can } from "~/modules/auth/permissions";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { criticalFailureMessage, criticalFailures, rubricTotal } from "~/modules/practicals/rubric";
import { CriterionScore } from "~/components/review/criterion-score";
import { GradeFormSchema, gradeInput } from "~/modules/practicals/grade-form";
import { claimSubmission, gradeSubmission, loadDraft, markingState, saveDraft, type DraftPin } from "~/modules/practicals/review.server";
import { MarkerGrades } from "~/components/review/marker-grades";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { scopeOf, standardisationBlock } from "~/modules/practicals/marking.server";
import { benchmarkOf, canSetBenchmark, markBenchmark } from "~/modules/practicals/standardisation.server";
import { STAGE_TEXT } from "~/modules/practicals/marking";
import { submissionDetail } from "~/modules/practicals/submissions.server";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Grade: ${data.title} — Stipple` : "Grade — Stipple" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/**
 * A draft save changes nothing this page shows, and the loader writes (it claims the
 * submission): re-running it after every autosave would renew the claim and race the grade.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "draft" ? false : defaultShouldRevalidate;

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  if (!can.reviewWork(actor)) throw data({ message: "Not found" }, { status: 404 });
  const id = params.submissionId ?? "";
  const claim = orHttpError(() => claimSubmission(context.db, actor, id));
  const detail = orHttpError(() => submissionDetail(context.db, actor, id));
  const practical = getCatalogue()
    .bySlug.get(detail.submission.courseSlug)
    ?.practicals.find((p) => p.slug === detail.submission.practicalSlug);
  if (!practical) throw data({ message: "Not found" }, { status: 404 });
  const current = detail.versions.find((v) => v.id === id)!;
  const marking = markingState(context.db, actor, detail.submission);
  return {
    id,
    title: practical.title,
    practicalSlug: practical.slug,
    rubric: practical.rubric,
    examples: `/content/${detail.submission.courseSlug}/practicals/${practical.slug}`,
    passMark: practical.passMark,
    learnerName: detail.learnerName,
    status: detail.submission.status,
    claimedByOther: claim.claimedByOther,
    current: { ...current, note: current.note },
    earlier: detail.versions.filter((v) => v.version < current.version),
    draft: marking.mayMark ? loadDraft(context.db, actor, id) : null,
    stage: marking.stage,
    mayMark: marking.mayMark,
    blocked: marking.blocked,
    standardisationDue: marking.mayMark
      ? standardisationBlock(
          context.db,
          actor,
          scopeOf(loadLearnerRef(context.db, detail.submission.learnerId).clinicId),
          detail.submission.courseSlug,
          practical.slug,
        )
      : null,
    benchmark: benchmarkOf(context.db, id) ? ("set" as const) : canSetBenchmark(context.db, actor, detail.submission) ? ("can-set" as const) : null,
    grades: marking.grades.map(({ markerId: _markerId, createdAt: _createdAt, ...g }) => g),
    analyses: submissionPhotoSummaries(
      context.db,
      current.photos.map((p) => p.id),
    ),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const id = params.submissionId ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "benchmark") {
    const button = buttonSubmission(formData);
    try {
      markBenchmark(context.db, actor, id, String(formData.get("note") ?? ""));
    } catch (error) {
      return refusedSubmission(button, error);
    }
    throw redirect(`/review/${encodeURIComponent(id)}`);
  }
  const submission = parseWithZod(formData, { schema: GradeFormSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  const grade = gradeInput(submission.value);
  const draft = submission.payload.intent === "draft";
  try {
    if (draft) saveDraft(context.db, actor, id, grade);
    else gradeSubmission(context.db, getCatalogue(), actor, id, grade);
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  if (draft) return { ...submission.reply(), saved: true as const };
  throw redirect(`/review?graded=${encodeURIComponent(id)}`);
}

type Pin = DraftPin & { key: string };

export default function Grade() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useIsSubmitting("grade");
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit", onValidate: ({ formData }) => parseWithZod(formData, { schema: GradeFormSchema }) });
  const [scores, setScores] = useState<Record<string, number>>(d.draft?.scores ?? {});
  const [pins, setPins] = useState<Pin[]>((d.draft?.pins ?? []).map((p, i) => ({ ...p, key: `d${i}` })));
  const [selected, setSelected] = useState<string | null>(null);
  const graded = !d.mayMark;
  const previous = d.earlier[0] ?? null;
  const [compare, setCompare] = useState(false);
  const { schedule, status: draftStatus } = useAutosave<{ saved?: true; error?: Record<string, string[] | null> | null }>({
    formRef,
    intent: "draft",
    savedOnLoad: d.draft !== null,
    onResult: (result) => (result.saved ? undefined : (Object.values(result.error ?? {}).flat()[0] ?? "The draft could not be saved.")),
  });
  const scheduleDraft = () => schedule(800);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    schedule(800);
  }, [pins, schedule]);

  const total = rubricTotal(d.rubric, scores);
  const mustPassFailures = criticalFailures(d.rubric, scores);
  const photos = d.current.photos.map((p) => ({
    id: p.id,
    url: `/photos/${p.id}`,
    thumbUrl: `/photos/${p.id}?size=thumb`,
    width: p.width,
    height: p.height,
    alt: `View ${p.position + 1}`,
  }));
  const viewerPins = pins.map((p, i) => ({
    id: p.key,
    photoId: p.photoId,
    number: i + 1,
    x: p.x,
    y: p.y,
    comment: p.comment || "(no comment yet)",
    criterionTitle: d.rubric.criteria.find((c) => c.id === p.criterionId)?.title ?? null,
  }));

  if (graded) {
    return (
      <div className="mx-auto max-w-4xl space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
          <Link to="/review" className="underline underline-offset-2">
            Review queue
          </Link>
        </nav>
        <header>
          <h1 className="text-3xl font-bold text-stone-900">
            {d.learnerName}: {d.title}
          </h1>
          <p className="mt-1 text-stone-700">Version {d.current.version}</p>
        </header>
        <p role="status" className="rounded-md bg-stone-100 p-4">
          {d.blocked ?? "This submission has been graded."}{" "}
          <Link to="/review" className="font-medium text-brand-700 underline underline-offset-2">
            Back to the queue
          </Link>
        </p>
        {d.grades.length ? (
          <>
            <h2 className="text-xl font-semibold text-stone-900">Marking record</h2>
            <MarkerGrades rubric={d.rubric} grades={d.grades} label="Marking record" />
          </>
        ) : null}
        {d.benchmark === "set" ? (
          <p className="rounded-md bg-violet-50 p-3 text-violet-950">This work is a benchmark: instructors standardise on its agreed scores.</p>
        ) : d.benchmark === "can-set" ? (
          <Form method="post" className="space-y-2 rounded-md border border-stone-200 bg-white p-4">
            <p className="text-stone-800">
              As lead instructor you can make this a benchmark: instructors grade it, without the learner&apos;s name, in the practical&apos;s standardisation
              exercise, against its final scores. The learner agreed to this when submitting.
            </p>
            <label htmlFor="benchmark-note" className="block text-sm font-medium">
              Note for the record (optional)
            </label>
            <input id="benchmark-note" name="note" maxLength={500} className="block min-h-11 w-full rounded-md border border-stone-300 px-3" />
            <Button type="submit" name="intent" value="benchmark" variant="secondary">
              Use as a benchmark
            </Button>
          </Form>
        ) : null}
        <SubmissionVersion v={d.current} rubric={d.rubric} heading={`Version ${d.current.version}`} />
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/review" className="underline underline-offset-2">
          Review queue
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold text-stone-900">{d.title}</h1>
        <p className="mt-1 text-stone-700">
          {d.learnerName} · version {d.current.version} · {d.stage ? STAGE_TEXT[d.stage] : null}
        </p>
      </header>
      {d.standardisationDue ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900">
          {d.standardisationDue}{" "}
          <Link to={`/review/standardise/${d.practicalSlug}`} className="font-medium underline underline-offset-2">
            Do the standardisation exercise
          </Link>
        </p>
      ) : null}
      {d.stage === "second" ? (
        <p className="rounded-md border border-violet-300 bg-violet-50 p-4 text-violet-950">
          This piece was drawn for second marking. Grade it on its own merits: you will see the first marker&apos;s grade once yours is saved.
        </p>
      ) : null}
      {d.stage === "moderation" ? (
        <section aria-labelledby="moderation-heading" className="space-y-3">
          <h2 id="moderation-heading" className="text-xl font-semibold text-stone-900">
            The two grades
          </h2>
          <p className="text-stone-700">
            The markers disagree on the verdict or on a must-pass criterion. Look at the work, then record the final grade below with your reason. The learner
            sees only the final grade, with both markers&apos; feedback.
          </p>
          <MarkerGrades rubric={d.rubric} grades={d.grades} label="The markers' grades" />
        </section>
      ) : null}
      {d.claimedByOther ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900">
          {d.claimedByOther} opened this submission in the last 30 minutes and may be grading it. You can look, but your grade will be refused while their claim
          lasts.
        </p>
      ) : null}
      {d.current.note ? (
        <p className="rounded-md bg-white p-3 ring-1 ring-stone-200">
          <span className="font-medium">Learner's note: </span>
          {d.current.note}
        </p>
      ) : null}

      <Form method="post" {...getFormProps(form)} ref={formRef} onChange={scheduleDraft} className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <input type="hidden" name="pins" value={JSON.stringify(pins.map(({ key: _key, ...p }) => p))} />
        <div className="min-w-0 space-y-4 lg:col-span-3">
          {previous ? (
            <button
              type="button"
              aria-pressed={compare}
              onClick={() => setCompare((c) => !c)}
              className="min-h-11 rounded-md border border-stone-300 bg-white px-3 text-sm font-medium hover:bg-stone-100"
            >
              {compare ? "Hide version " + previous.version : `Compare side by side with version ${previous.version}`}
            </button>
          ) : null}
          <div className={compare && previous ? "grid grid-cols-1 gap-4 md:grid-cols-2" : ""}>
            <div className="min-w-0">
              {compare && previous ? <h2 className="mb-2 font-semibold text-stone-900">Version {d.current.version} (grading)</h2> : null}
              <PhotoViewer
                photos={photos}
                pins={viewerPins}
                selectedPinId={selected}
                onSelectPin={setSelected}
                onAddPin={(photoId, x, y) => {
                  const key = `p${Date.now()}`;
                  setPins((list) => [...list, { key, photoId, x, y, comment: "", criterionId: null }]);
                  setSelected(key);
                }}
                label="Photos to grade"
              />
              <div className="mt-4 space-y-3">
                {d.current.photos.map((p) => (
                  <DotAnalysisPanel key={p.id} summary={d.analyses[p.id] ?? null} src={`/photos/${p.id}`} title={`view ${p.position + 1}`} />
                ))}
              </div>
            </div>
            {compare && previous ? (
              <div className="min-w-0">
                <h2 className="mb-2 font-semibold text-stone-900">
                  Version {previous.version} ({previous.verdict === "revise" ? "returned for revision" : previous.status})
                </h2>
                <PhotoViewer
                  photos={previous.photos.map((p) => ({
                    id: p.id,
                    url: `/photos/${p.id}`,
                    thumbUrl: `/photos/${p.id}?size=thumb`,
                    width: p.width,
                    height: p.height,
                    alt: `Version ${previous.version}, view ${p.position + 1}`,
                  }))}
                  pins={previous.pins.map((p) => ({ ...p, criterionTitle: d.rubric.criteria.find((c) => c.id === p.criterionId)?.title ?? null }))}
                  label={`Photos of version ${previous.version}`}
                />
                {previous.feedback ? <p className="mt-2 rounded-md bg-stone-50 p-2 text-sm text-stone-800">Feedback then: {previous.feedback}</p> : null}
              </div>
            ) : null}
          </div>
          <section aria-labelledby="pins-heading" className="space-y-2">
            <h2 id="pins-heading" className="font-semibold text-stone-900">
              Pins ({pins.length})
            </h2>
            {pins.length === 0 ? <p className="text-sm text-stone-600">Click a photo to pin a comment to a spot.</p> : null}
            {fields.pins.errors?.length ? (
              <p id={fields.pins.errorId} role="alert" className="text-sm font-medium text-rose-700">
                {fields.pins.errors[0]}
              </p>
            ) : null}
            <ol className="space-y-2">
              {pins.map((p, i) => (
                <li
                  key={p.key}
                  className={`space-y-2 rounded-md border p-3 ${selected === p.key ? "border-brand-600 bg-brand-50" : "border-stone-200 bg-white"}`}
                >
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">Pin {i + 1}</span>
                    <button
                      type="button"
                      onClick={() => setPins((list) => list.filter((x) => x.key !== p.key))}
                      className="min-h-9 rounded px-2 text-sm text-rose-700 underline"
                    >
                      Remove pin {i + 1}
                    </button>
                  </div>
                  <label htmlFor={`pin-${p.key}`} className="sr-only">
                    Comment for pin {i + 1}
                  </label>
                  <textarea
                    id={`pin-${p.key}`}
                    value={p.comment}
                    onChange={(e) => setPins((list) => list.map((x) => (x.key === p.key ? { ...x, comment: e.target.value } : x)))}
                    onFocus={() => setSelected(p.key)}
                    rows={2}
                    placeholder="What do you see here?"
                    className="block w-full rounded-md border border-stone-300 px-2 py-1"
                  />
                  <label className="block text-sm">
                    <span className="text-stone-700">Criterion (optional) </span>
                    <select
                      value={p.criterionId ?? ""}
                      onChange={(e) => setPins((list) => list.map((x) => (x.key === p.key ? { ...x, criterionId: e.target.value || null } : x)))}
                      className="mt-1 min-h-9 rounded-md border border-stone-300 px-2"
                    >
                      <option value="">None</option>
                      {d.rubric.criteria.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.title}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ol>
          </section>
          {d.earlier.length ? (
            <details className="rounded-md border border-stone-200 bg-white p-3">
              <summary className="cursor-pointer font-medium">Earlier versions ({d.earlier.length})</summary>
              <div className="mt-3 space-y-4">
                {d.earlier.map((v) => (
                  <SubmissionVersion key={v.id} v={v} rubric={d.rubric} heading={`Version ${v.version}`} />
                ))}
              </div>
            </details>
          ) : null}
        </div>

        <div className="min-w-0 space-y-4 lg:col-span-2">
          <section aria-labelledby="rubric-heading" className="space-y-3">
            <h2 id="rubric-heading" className="font-semibold text-stone-900">
              Rubric · {total.points} of {total.maxPoints} points ({Math.floor(total.ratio * 100)}%, pass from {Math.round(d.passMark * 100)}%)
            </h2>
            {d.rubric.criteria.map((c) => (
              <CriterionScore
                key={c.id}
                criterion={c}
                chosen={scores[c.id]}
                failsMustPass={mustPassFailures.some((f) => f.id === c.id)}
                examples={d.examples}
                onChoose={(i) => setScores((s) => ({ ...s, [c.id]: i }))}
                measured={metricReadings(
                  c.metric,
                  d.current.photos.map((p) => ({ label: `view ${p.position + 1}`, summary: d.analyses[p.id] ?? null })),
                )}
              />
            ))}
          </section>
          <div className="space-y-1">
            <label htmlFor="feedback" className="block font-semibold text-stone-900">
              Feedback to the learner
            </label>
            <textarea
              id="feedback"
              name="feedback"
              rows={5}
              defaultValue={d.draft?.feedback ?? ""}
              aria-invalid={fields.feedback.errors?.length ? true : undefined}
              aria-describedby={fields.feedback.errors?.length ? fields.feedback.errorId : undefined}
              className="block w-full rounded-md border border-stone-300 px-3 py-2"
            />
            {fields.feedback.errors?.length ? (
              <p id={fields.feedback.errorId} className="text-sm font-medium text-rose-700">
                {fields.feedback.errors[0]}
              </p>
            ) : null}
          </div>
          <fieldset
            className="space-y-1"
            aria-invalid={fields.verdict.errors?.length ? true : undefined}
            aria-describedby={
              [mustPassFailures.length ? "verdict-must-pass" : null, fields.verdict.errors?.length ? fields.verdict.errorId : null].filter(Boolean).join(" ") ||
              undefined
            }
          >
            <legend className="font-semibold text-stone-900">Verdict</legend>
            {(["pass", "revise", "fail"] as const).map((v) => (
              <label key={v} className={`flex items-center gap-2 ${v === "pass" && mustPassFailures.length ? "text-stone-500" : ""}`}>
                <input
                  type="radio"
                  name="verdict"
                  value={v}
                  defaultChecked={d.draft?.verdict === v}
                  disabled={v === "pass" && mustPassFailures.length > 0}
                  className="accent-brand-700"
                />
                {v === "pass" ? "Pass" : v === "revise" ? "Revise and resubmit" : "Fail"}
              </label>
            ))}
            {mustPassFailures.length ? (
              <p id="verdict-must-pass" className="text-sm font-medium text-rose-800">
                {criticalFailureMessage(mustPassFailures)}
              </p>
            ) : null}
            {fields.verdict.errors?.length ? (
              <p id={fields.verdict.errorId} role="alert" className="text-sm font-medium text-rose-700">
                {fields.verdict.errors[0]}
              </p>
            ) : null}
          </fieldset>
          {d.stage === "moderation" ? (
            <div className="space-y-1">
              <label htmlFor="reason" className="block font-semibold text-stone-900">
                Reason for the final grade
              </label>
              <p id="reason-hint" className="text-sm text-stone-600">
                Kept in the marking record and the audit log; the markers see it.
              </p>
              <textarea
                id="reason"
                name="reason"
                rows={3}
                required
                defaultValue={d.draft?.reason ?? ""}
                aria-invalid={fields.reason.errors?.length ? true : undefined}
                aria-describedby={fields.reason.errors?.length ? `reason-hint ${fields.reason.errorId}` : "reason-hint"}
                className="block w-full rounded-md border border-stone-300 px-3 py-2"
              />
              {fields.reason.errors?.length ? (
                <p id={fields.reason.errorId} className="text-sm font-medium text-rose-700">
                  {fields.reason.errors[0]}
                </p>
              ) : null}
            </div>
          ) : null}
          <FormError id={form.errorId} errors={form.errors} />
          <p aria-live="polite" className={`text-sm ${draftStatus.state === "error" ? "font-medium text-rose-700" : "text-stone-600"}`}>
            {draftStatus.state === "saving"
              ? "Saving draft…"
              : draftStatus.state === "saved"
                ? "Draft saved"
                : draftStatus.state === "error"
                  ? `Draft not saved: ${draftStatus.message}`
                  : "\u00a0"}
          </p>
          <Button type="submit" name="intent" value="grade" disabled={busy}>
            {busy ? "Saving grade…" : d.stage === "moderation" ? "Record the final grade" : d.stage === "second" ? "Save second grade" : "Save grade"}
          </Button>
        </div>
      </Form>
    </div>
  );
}
