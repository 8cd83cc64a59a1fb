import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ClientLoaderFunctionArgs } from "@remix-run/react";
import { MdxContent } from "~/components/mdx/mdx-content";
import { DotAnalysisPanel } from "~/components/practicals/dot-analysis";
import { RubricTable } from "~/components/practicals/rubric-table";
import { StagedPhotos } from "~/components/practicals/staged-photos";
import { StatusBadge } from "~/components/practicals/status-badge";
import { UploadPanel } from "~/components/practicals/upload-panel";
import { Button } from "~/components/ui/button";
import { CheckboxField, FormError, TextareaField } from "~/components/ui/field";
import { orHttpError, orHttpErrorAsync } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireUser } from "~/http/session.server";
import { stagePhotoUploads, wantsJson } from "~/http/uploads.server";
import { measureStoredPhoto, stagedPhotosWithAnalysis } from "~/modules/analysis/photo-analysis.server";
import { findCourseWithPractical } from "~/modules/content/catalogue.server";
import { compileMdx } from "~/modules/content/compile-mdx.server";
import { loadMdx } from "~/modules/content/mdx-registry";
import { UPLOAD_LIMITS } from "~/modules/photos/image-check";
import { NOTE_MAX, SubmitPracticalSchema } from "~/modules/practicals/submit-form";
import { removeStaged, stagePhoto } from "~/modules/photos/staging.server";
import { isFinal, learnerStageText } from "~/modules/practicals/marking";
import { findPractical, ownVersions, submitPractical } from "~/modules/practicals/submissions.server";
import { isEnrolled } from "~/modules/progress/progress.server";
import { getStorage } from "~/modules/storage/storage.server";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.practical.title} — Stipple` : "Practical — Stipple" }];

function locate(slug: string) {
  return orHttpError(() => {
    const course = findCourseWithPractical(slug);
    return { course, practical: findPractical(course, slug) };
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { course, practical } = locate(params.assignment ?? "");
  if (!isEnrolled(context.db, user.id, course.slug)) throw redirect(`/courses/${course.slug}`);
  await compileMdx(practical);
  const versions = ownVersions(context.db, user.id, course, practical);
  const latest = versions[0];
  return {
    course: { slug: course.slug, title: course.title },
    practical: {
      slug: practical.slug,
      title: practical.title,
      summary: practical.summary,
      photos: practical.photos,
      rubric: practical.rubric,
      passMark: practical.passMark,
      hash: practical.hash,
    },
    staged: stagedPhotosWithAnalysis(context.db, user.id, course, practical),
    versions,
    canSubmit: !latest || latest.status === "revise" || latest.status === "failed",
    waiting: latest && !isFinal(latest.status) ? { id: latest.id, text: learnerStageText(latest.status) } : null,
    passed: latest?.status === "passed",
  };
}

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const result = await serverLoader<typeof loader>();
  await loadMdx(result.practical.hash);
  return result;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { course, practical } = locate(params.assignment ?? "");
  const storage = getStorage();
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const { errors, accepted } = await stagePhotoUploads(request, practical.photos.max, async (file) => {
      const staged = await stagePhoto(context.db, storage, user.id, course, practical, file);
      // Measured before the answer, in the worker thread: the learner sees the figures with the photo.
      await measureStoredPhoto(context.db, storage, staged.storageKey);
    });
    if (wantsJson(request) || errors.length) return data({ errors, accepted }, { status: errors.length ? 400 : 200 });
    throw redirect(`/practicals/${practical.slug}`);
  }
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "remove") {
    await orHttpErrorAsync(removeStaged(context.db, storage, user.id, String(form.get("id") ?? "")));
    throw redirect(`/practicals/${practical.slug}`);
  }
  if (intent === "submit") {
    const submission = parseWithZod(form, { schema: SubmitPracticalSchema });
    if (submission.status !== "success") return invalidSubmission(submission);
    let id: string;
    try {
      id = submitPractical(context.db, user.id, course, practical, submission.value);
    } catch (error) {
      return refusedSubmission(submission, error, { aboveForm: ["photos"] });
    }
    throw redirect(`/submissions/${id}`);
  }
  throw data({ message: "Unknown action" }, { status: 400 });
}

export default function Assignment() {
  const { course, practical, staged, versions, canSubmit, waiting, passed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Two kinds of answer come back here: the photo uploader's (no JavaScript) and the submit form's.
  const uploadErrors = result && "accepted" in result ? result.errors : undefined;
  const lastResult = result && !("accepted" in result) ? result : undefined;
  const busy = useIsSubmitting("submit");
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SubmitPracticalSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubmitPracticalSchema }),
  });
  const remaining = Math.max(0, practical.photos.max - staged.length);
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/practicals" className="underline underline-offset-2">
          Practicals
        </Link>{" "}
        / {course.title}
      </nav>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-stone-900">{practical.title}</h1>
        <p className="text-lg text-stone-700">{practical.summary}</p>
      </header>

      <section aria-labelledby="brief-heading">
        <h2 id="brief-heading" className="sr-only">
          Brief
        </h2>
        <MdxContent hash={practical.hash} sources={[]} />
      </section>

      <section aria-labelledby="rubric-heading" className="space-y-2">
        <h2 id="rubric-heading" className="text-xl font-semibold text-stone-900">
          How it is graded
        </h2>
        <p className="text-stone-700">A pass needs at least {Math.round(practical.passMark * 100)}% of the rubric's points.</p>
        <RubricTable rubric={practical.rubric} imageBase={`/content/${course.slug}/practicals/${practical.slug}`} />
      </section>

      <section aria-labelledby="submit-heading" className="space-y-5 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="submit-heading" className="text-xl font-semibold text-stone-900">
          Your submission
        </h2>
        {passed ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 font-medium text-brand-800">
            ✓ Passed. Well done.
          </p>
        ) : waiting ? (
          <p className="rounded-md bg-sky-50 p-3 text-sky-900">
            {waiting.text}{" "}
            <Link to={`/submissions/${waiting.id}`} className="font-medium underline underline-offset-2">
              See its status
            </Link>
          </p>
        ) : null}
        {canSubmit ? (
          <>
            <p className="text-stone-700">
              {practical.photos.guidance} Add{" "}
              {practical.photos.min === practical.photos.max ? practical.photos.min : `${practical.photos.min}–${practical.photos.max}`} photos.
            </p>
            <StagedPhotos staged={staged} />
            {staged.map((s) => (
              <DotAnalysisPanel key={s.id} summary={s.analysis} src={`/uploads/${s.id}`} title={s.name} />
            ))}
            <UploadPanel remaining={remaining} maxMb={UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} errors={uploadErrors} />
            <Form method="post" {...getFormProps(form)} className="space-y-4 border-t border-stone-200 pt-4">
              <input type="hidden" name="intent" value="submit" />
              <FormError id={form.errorId} errors={form.errors} />
              <TextareaField label="Note to your instructor (optional)" meta={fields.note} textareaProps={{ maxLength: NOTE_MAX }} />
              <CheckboxField
                meta={fields.consent}
                label="Anyone shown in these photos agreed to them being used for my training and assessment, and I agree that, without my name, they may be used to train and check assessors."
              />
              <Button type="submit" disabled={busy}>
                {busy ? "Submitting…" : "Submit for grading"}
              </Button>
            </Form>
          </>
        ) : null}
      </section>

      {versions.length ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="text-xl font-semibold text-stone-900">
            History
          </h2>
          <ol className="mt-3 space-y-2">
            {versions.map((v) => (
              <li key={v.id} className="flex flex-wrap items-center gap-3 rounded-md border border-stone-200 bg-white p-3">
                <Link to={`/submissions/${v.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                  Version {v.version}
                </Link>
                <StatusBadge status={v.status} />
                <span className="text-sm text-stone-600">{new Date(v.createdAt).toISOString().slice(0, 10)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
