import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { CaseForm } from "~/components/logbook/case-form";
import { CasePhotoGrid } from "~/components/logbook/case-photos";
import { CaseStatusBadge } from "~/components/logbook/case-status";
import { HealedReviewFacts, HealedReviewForm } from "~/components/logbook/healed-review";
import { StagedPhotos } from "~/components/practicals/staged-photos";
import { UploadPanel } from "~/components/practicals/upload-panel";
import { Button } from "~/components/ui/button";
import { FormError, formErrorOf } from "~/components/ui/field";
import { orHttpError, orHttpErrorAsync } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireActor } from "~/http/session.server";
import { stagePhotoUploads, wantsJson } from "~/http/uploads.server";
import { AREA_TEXT, caseFormDefaults, caseView, fitzpatrickRoman, MAX_CASE_PHOTOS, ordinal, SCALE_TEXT } from "~/modules/certification/case-fields";
import { removeCasePhoto, stageCasePhoto, stagedCasePhotos } from "~/modules/certification/case-photos.server";
import { caseFieldsSchema, latestCaseDay, ReturnCaseSchema } from "~/modules/certification/case-schema";
import { caseDetail, deleteCase, resubmitCase, supervisorChoices } from "~/modules/certification/cases.server";
import { namesSupervisorByEmail, ownSupervisors } from "~/modules/certification/supervision.server";
import { countersignCase, returnCase } from "~/modules/certification/countersigning.server";
import { healedReviewSchema, healedWindow } from "~/modules/certification/healed-review-schema";
import {
  countersignHealedReview,
  healedReviewDetail,
  removeHealedPhoto,
  returnHealedReview,
  saveHealedReview,
  stagedHealedPhotos,
  stageHealedPhoto,
} from "~/modules/certification/healed-reviews.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { UPLOAD_LIMITS } from "~/modules/photos/image-check";
import { removeStaged } from "~/modules/photos/staging.server";
import { getStorage } from "~/modules/storage/storage.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.case.performedOn}, ${ordinal(data.case.sessionNumber)} session — Logbook — Stipple` : "Supervised case — Stipple" },
];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const detail = orHttpError(() => caseDetail(context.db, actor, params.caseId ?? ""));
  const c = detail.case;
  const course = getCatalogue().bySlug.get(c.courseSlug);
  const healed = healedReviewDetail(context.db, actor, c);
  const day = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : null);
  return {
    case: caseView(c),
    courseTitle: course?.title ?? c.courseSlug,
    learnerName: detail.learnerName,
    supervisorName: detail.supervisorName,
    namedSupervisor: detail.namedSupervisor,
    supervising: detail.supervising,
    reviewerName: detail.reviewerName,
    own: detail.own,
    canReview: detail.canReview,
    photos: detail.photos,
    edit:
      detail.canEdit && course
        ? {
            staged: stagedCasePhotos(context.db, actor.id, course, c.id).map((s) => ({ id: s.id, name: s.originalName })),
            supervisors: supervisorChoices(context.db, actor.id),
            namedSupervisors: namesSupervisorByEmail(context.db, actor.id) ? ownSupervisors(context.db, actor.id) : null,
            latestDay: latestCaseDay(),
          }
        : null,
    healed: {
      window: healedWindow(c.performedOn),
      review: healed.review
        ? {
            reviewedOn: healed.review.reviewedOn,
            healedColour: healed.review.healedColour,
            retention: healed.review.retention,
            spread: healed.review.spread,
            reaction: healed.review.reaction,
            nextStep: healed.review.nextStep,
            notes: healed.review.notes,
            status: healed.review.status,
            returnComment: healed.review.returnComment,
            reviewerName: healed.reviewerName,
            decidedOn: day(healed.review.countersignedAt ?? healed.review.reviewedAt),
          }
        : null,
      photos: healed.photos,
      canReview: healed.canReview,
      write:
        healed.canWrite && course
          ? {
              staged: stagedHealedPhotos(context.db, actor.id, course, c.id).map((s) => ({ id: s.id, name: s.originalName })),
              latestDay: latestCaseDay(),
            }
          : null,
    },
    courseWantsHealed: (course?.certification?.healedReviews ?? 0) > 0,
    // The module that teaches what a healed finding means and what to do next, when the course has it.
    healedGuide: course?.modules.some((m) => m.slug === "complications-and-correction") ? `/courses/${c.courseSlug}/complications-and-correction` : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const caseId = params.caseId ?? "";
  const here = `/logbook/${caseId}`;
  const storage = getStorage();
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (multipart && new URL(request.url).searchParams.has("healed")) {
    // Photos of the healed result, staged until the review is logged or resubmitted.
    const { errors, accepted } = await orHttpErrorAsync(
      stagePhotoUploads(request, MAX_CASE_PHOTOS, (file) => stageHealedPhoto(context.db, storage, getCatalogue(), actor.id, caseId, file)),
    );
    if (wantsJson(request) || errors.length) return data({ errors, accepted }, { status: errors.length ? 400 : 200 });
    throw redirect(`${here}#healed`);
  }
  if (multipart) {
    const detail = orHttpError(() => caseDetail(context.db, actor, caseId));
    const course = getCatalogue().bySlug.get(detail.case.courseSlug);
    if (!detail.canEdit || !course) throw data({ message: "Not found" }, { status: 404 });
    const { errors, accepted } = await orHttpErrorAsync(
      stagePhotoUploads(request, MAX_CASE_PHOTOS, (file) => stageCasePhoto(context.db, storage, actor.id, course, caseId, file)),
    );
    if (wantsJson(request) || errors.length) return data({ errors, accepted }, { status: errors.length ? 400 : 200 });
    throw redirect(here);
  }
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "return") {
    const submission = parseWithZod(form, { schema: ReturnCaseSchema });
    if (submission.status !== "success") return invalidSubmission(submission);
    try {
      returnCase(context.db, actor, caseId, submission.value.comment);
    } catch (error) {
      return refusedSubmission(submission, error);
    }
    throw redirect(here);
  }
  if (intent === "return-healed") {
    const submission = parseWithZod(form, { schema: ReturnCaseSchema });
    if (submission.status !== "success") return invalidSubmission(submission);
    try {
      returnHealedReview(context.db, actor, caseId, submission.value.comment);
    } catch (error) {
      return refusedSubmission(submission, error);
    }
    throw redirect(`${here}#healed`);
  }
  if (intent === "healed") {
    const detail = orHttpError(() => caseDetail(context.db, actor, caseId));
    const submission = parseWithZod(form, { schema: healedReviewSchema(detail.case.performedOn) });
    if (submission.status !== "success") return invalidSubmission(submission);
    try {
      saveHealedReview(context.db, getCatalogue(), actor.id, caseId, submission.value);
    } catch (error) {
      return refusedSubmission(submission, error, { aboveForm: ["photos"] });
    }
    throw redirect(`${here}#healed`);
  }
  if (intent === "resubmit") {
    const submission = parseWithZod(form, { schema: caseFieldsSchema(undefined, { namedByEmail: namesSupervisorByEmail(context.db, actor.id) }) });
    if (submission.status !== "success") return invalidSubmission(submission);
    try {
      resubmitCase(context.db, getCatalogue(), actor.id, caseId, submission.value);
    } catch (error) {
      return refusedSubmission(submission, error, { aboveForm: ["photos"] });
    }
    throw redirect(here);
  }
  // The one-button forms: remove a photo, delete the case, countersign it.
  const submission = parseWithZod(form, { schema: CaseButtonSchema });
  if (submission.status !== "success") throw data({ message: "Unknown action" }, { status: 400 });
  const { id } = submission.value;
  try {
    switch (submission.value.intent) {
      case "remove-staged":
        await removeStaged(context.db, storage, actor.id, id);
        throw redirect(here);
      case "remove-photo":
        await removeCasePhoto(context.db, storage, actor.id, id);
        throw redirect(here);
      case "delete":
        await deleteCase(context.db, storage, actor.id, caseId);
        throw redirect("/logbook?deleted=1");
      case "countersign":
        countersignCase(context.db, getCatalogue(), actor, caseId);
        throw redirect(here);
      case "remove-healed-photo":
        await removeHealedPhoto(context.db, storage, actor.id, id);
        throw redirect(`${here}#healed`);
      case "countersign-healed":
        countersignHealedReview(context.db, getCatalogue(), actor, caseId);
        throw redirect(`${here}#healed`);
    }
  } catch (error) {
    return refusedSubmission(submission, error);
  }
}

const CaseButtonSchema = z.object({
  intent: z.enum(["remove-staged", "remove-photo", "delete", "countersign", "remove-healed-photo", "countersign-healed"]),
  id: z.string().default(""),
});
const FORM_INTENTS: unknown[] = ["return", "resubmit", "healed", "return-healed"];

function ReturnForm({
  lastResult,
  busy,
  intent = "return",
  what = "case",
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
  intent?: "return" | "return-healed";
  what?: string;
}) {
  const [form, fields] = useForm({
    id: intent === "return" ? "return-case" : "return-healed",
    lastResult,
    constraint: getZodConstraint(ReturnCaseSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReturnCaseSchema }),
  });
  const { key: _key, ...comment } = getTextareaProps(fields.comment);
  const error = fields.comment.errors?.[0];
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormError id={form.errorId} errors={form.errors} />
      <div className="space-y-1">
        <label htmlFor={fields.comment.id} className="block font-medium text-stone-900">
          Comment for the learner
        </label>
        <p id={fields.comment.descriptionId} className="text-sm text-stone-600">
          Needed to return the {what}: say what to change or add.
        </p>
        <textarea
          {...comment}
          rows={3}
          aria-describedby={[fields.comment.descriptionId, error ? fields.comment.errorId : null].filter(Boolean).join(" ")}
          className={`block w-full rounded-md border bg-white px-3 py-2 text-base ${error ? "border-rose-600" : "border-stone-300"}`}
        />
        {error ? (
          <p id={fields.comment.errorId} className="text-sm font-medium text-rose-700">
            {error}
          </p>
        ) : null}
      </div>
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" variant="secondary" disabled={busy}>
        Return to the learner
      </Button>
    </Form>
  );
}

export default function CasePage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const uploadErrors = answer && "accepted" in answer ? answer.errors : undefined;
  const reply = answer && !("accepted" in answer) ? answer : undefined;
  const replyIntent = (reply?.initialValue as { intent?: unknown } | null | undefined)?.intent;
  // A refused one-button action (a case already countersigned, say) is said at the top.
  const refusal = reply && !FORM_INTENTS.includes(replyIntent) ? formErrorOf(reply) : null;
  const countersigning = useIsSubmitting("countersign");
  const returning = useIsSubmitting("return");
  const resubmitting = useIsSubmitting("resubmit");
  const savingHealed = useIsSubmitting("healed");
  const countersigningHealed = useIsSubmitting("countersign-healed");
  const returningHealed = useIsSubmitting("return-healed");
  const h = d.healed;
  const healedAction = `/logbook/${d.case.id}?healed=1`;
  const healedRemaining = Math.max(0, MAX_CASE_PHOTOS - h.photos.length - (h.write?.staged.length ?? 0));
  const c = d.case;
  const editRemaining = Math.max(0, MAX_CASE_PHOTOS - d.photos.length - (d.edit?.staged.length ?? 0));
  const facts: [string, string][] = [
    ["Date", c.performedOn],
    ["Session", `${ordinal(c.sessionNumber)} session with this client`],
    ["Area", AREA_TEXT[c.area]],
    ["Hair loss", `${SCALE_TEXT[c.hairLossScale]} ${c.hairLossStage}`],
    ["Fitzpatrick type", fitzpatrickRoman(c.fitzpatrick)],
    ["Needle", c.needle],
    ["Pigment", c.pigment],
    ["Dilution", c.dilution],
    ["Duration", `${c.durationMinutes} minutes`],
    [
      "Supervisor",
      d.namedSupervisor
        ? `${d.namedSupervisor.name}${d.namedSupervisor.status === "active" ? "" : d.namedSupervisor.status === "revoked" ? " (access withdrawn)" : " (invited, not yet accepted)"}`
        : (d.supervisorName ?? (d.own ? "Any of your instructors" : "Not named")),
    ],
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        {d.own ? (
          <Link to="/logbook" className="underline underline-offset-2">
            Logbook
          </Link>
        ) : d.supervising ? (
          <Link to="/supervise" className="underline underline-offset-2">
            Supervising
          </Link>
        ) : (
          <Link to="/review" className="underline underline-offset-2">
            Review queue
          </Link>
        )}{" "}
        / {d.courseTitle}
      </nav>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-stone-900">
          Supervised case: {AREA_TEXT[c.area].toLowerCase()}, {c.performedOn}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-stone-700">
          <span>{d.own ? "Your case" : `Logged by ${d.learnerName}`}</span>
          <CaseStatusBadge status={c.status} />
        </p>
      </header>

      {refusal ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 font-medium text-rose-800">
          {refusal}
        </p>
      ) : null}
      {c.status === "countersigned" ? (
        <p role="status" className="rounded-md bg-brand-50 p-3 font-medium text-brand-800">
          ✓ Countersigned{d.reviewerName ? ` by ${d.reviewerName}` : ""} on {c.countersignedOn}. It counts towards the certificate.
        </p>
      ) : c.status === "returned" ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900">
          <p className="font-medium">
            Returned{d.reviewerName ? ` by ${d.reviewerName}` : ""} on {c.reviewedOn}:
          </p>
          <p className="mt-1 whitespace-pre-line">{c.returnComment}</p>
          {d.edit ? <p className="mt-2">Change what was asked below and resubmit the case.</p> : null}
        </div>
      ) : d.own || c.returnComment ? (
        <p className="rounded-md bg-sky-50 p-3 text-sky-900">
          {d.own ? "Waiting for your supervisor to countersign it; you will be notified when they do or if they return it." : null}
          {d.own && c.returnComment ? " " : null}
          {c.returnComment ? `Returned earlier with: “${c.returnComment}”` : null}
        </p>
      ) : null}

      <section aria-labelledby="facts-heading" className="rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="facts-heading" className="sr-only">
          The session
        </h2>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt className="text-sm text-stone-600">{term}</dt>
              <dd className="break-words font-medium text-stone-900">{value}</dd>
            </div>
          ))}
        </dl>
        {c.notes ? (
          <div className="mt-4 border-t border-stone-200 pt-4">
            <h3 className="text-sm text-stone-600">Notes</h3>
            <p className="mt-1 whitespace-pre-line text-stone-900">{c.notes}</p>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="photos-heading" className="space-y-3">
        <h2 id="photos-heading" className="text-xl font-semibold text-stone-900">
          Photos
        </h2>
        {c.photosDeleted ? (
          <p className="rounded-md bg-stone-100 p-3 text-stone-800">
            Photos deleted on {c.photosDeleted.on} under the {c.photosDeleted.months}-month retention policy for photos of clients.
          </p>
        ) : d.photos.length === 0 ? (
          <p className="text-stone-700">No photos with this case.</p>
        ) : (
          <CasePhotoGrid photos={d.photos} view={(n) => `view ${n} of the treated area`} removeIntent={d.edit ? "remove-photo" : undefined} />
        )}
      </section>

      {d.canReview ? (
        <section aria-labelledby="countersign-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="countersign-heading" className="text-xl font-semibold text-stone-900">
            Countersign
          </h2>
          <p className="text-stone-700">
            Countersign if you supervised this session and the log is accurate. A countersigned case counts towards the learner's certificate and cannot be
            changed.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="countersign" />
            <Button type="submit" disabled={countersigning}>
              {countersigning ? "Countersigning…" : "Countersign this case"}
            </Button>
          </Form>
          <div className="border-t border-stone-200 pt-4">
            <ReturnForm lastResult={replyIntent === "return" ? reply : undefined} busy={returning} />
          </div>
        </section>
      ) : null}

      {d.edit ? (
        <section aria-labelledby="edit-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="edit-heading" className="text-xl font-semibold text-stone-900">
            Change and resubmit
          </h2>
          <CaseForm
            id="resubmit-case"
            action={`/logbook/${c.id}`}
            intent="resubmit"
            lastResult={replyIntent === "resubmit" ? reply : undefined}
            defaultValue={caseFormDefaults(c)}
            supervisors={d.edit.supervisors}
            namedSupervisors={d.edit.namedSupervisors}
            latestDay={d.edit.latestDay}
            submitLabel="Resubmit the case"
            busy={resubmitting}
            photos={
              <div className="space-y-3">
                <StagedPhotos staged={d.edit.staged} intent="remove-staged" label="Photos to add to this case" />
                <UploadPanel remaining={editRemaining} maxMb={UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} errors={uploadErrors} />
              </div>
            }
          />
        </section>
      ) : null}
      {c.status === "countersigned" && (h.review || h.write || d.courseWantsHealed) ? (
        <section id="healed" aria-labelledby="healed-heading" className="scroll-mt-4 space-y-4 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="healed-heading" className="text-xl font-semibold text-stone-900">
            Healed-result review
          </h2>
          {!h.review ? (
            <p className="text-stone-700">
              {d.own
                ? `See the client again 4 to 6 weeks after the session (from ${h.window.from} to ${h.window.to}), photograph the healed result in the same light and views as before, and record what you judge of it. Your supervisor countersigns it like the case.`
                : `Not logged yet. It is due 4 to 6 weeks after the session, from ${h.window.from} to ${h.window.to}.`}
            </p>
          ) : (
            <HealedReviewFacts review={h.review} />
          )}
          {h.write && d.healedGuide ? (
            <p className="text-sm text-stone-700">
              What each finding means and what to do next:{" "}
              <Link to={d.healedGuide} className="font-medium text-brand-700 underline underline-offset-2">
                Complications and correction
              </Link>
              .
            </p>
          ) : null}
          {h.photos.length ? (
            <CasePhotoGrid
              photos={h.photos}
              view={(n) => `healed result, view ${n}`}
              label="Photos of the healed result"
              removeIntent={h.write && h.review ? "remove-healed-photo" : undefined}
            />
          ) : null}
          {h.canReview ? (
            <div className="space-y-4 border-t border-stone-200 pt-4">
              <h3 className="text-lg font-semibold text-stone-900">Countersign the healed result</h3>
              <p className="text-stone-700">
                Countersign if the photos show this client&apos;s healed result and the learner&apos;s judgement of it, and the next step, are sound. It counts
                towards the certificate and cannot be changed.
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="countersign-healed" />
                <Button type="submit" disabled={countersigningHealed}>
                  {countersigningHealed ? "Countersigning…" : "Countersign the healed-result review"}
                </Button>
              </Form>
              <div className="border-t border-stone-200 pt-4">
                <ReturnForm
                  lastResult={replyIntent === "return-healed" ? reply : undefined}
                  busy={returningHealed}
                  intent="return-healed"
                  what="healed-result review"
                />
              </div>
            </div>
          ) : null}
          {h.write ? (
            <div className="space-y-4 border-t border-stone-200 pt-4">
              <h3 className="text-lg font-semibold text-stone-900">{h.review ? "Change and resubmit the healed result" : "Log the healed result"}</h3>
              <HealedReviewForm
                performedOn={c.performedOn}
                window={h.window}
                latestDay={h.write.latestDay}
                lastResult={replyIntent === "healed" ? reply : undefined}
                defaultValue={
                  h.review
                    ? {
                        reviewedOn: h.review.reviewedOn,
                        healedColour: h.review.healedColour,
                        retention: h.review.retention,
                        spread: h.review.spread,
                        nextStep: h.review.nextStep,
                        notes: h.review.notes,
                        ...(h.review.reaction ? { reaction: "on" } : {}),
                      }
                    : undefined
                }
                submitLabel={h.review ? "Resubmit the healed result" : "Log the healed result"}
                busy={savingHealed}
                photos={
                  <div className="space-y-3">
                    <h4 className="font-medium text-stone-900">
                      Photos of the healed result <span className="font-normal text-stone-600">(at least 1, up to {MAX_CASE_PHOTOS})</span>
                    </h4>
                    <StagedPhotos staged={h.write.staged} action={healedAction} intent="remove-staged" label="Photos to add to the healed result" />
                    <UploadPanel remaining={healedRemaining} maxMb={UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} errors={uploadErrors} action={healedAction} />
                  </div>
                }
              />
            </div>
          ) : null}
        </section>
      ) : null}
      {d.own && c.status !== "countersigned" ? (
        <details className="rounded-lg border border-stone-200 bg-white p-5">
          <summary className="cursor-pointer font-medium text-stone-800">Delete this case</summary>
          <Form method="post" className="mt-3 space-y-3">
            <p className="text-stone-700">
              For a case logged by mistake or twice. It and its photos are deleted for good; countersigned cases cannot be deleted.
            </p>
            <Button type="submit" name="intent" value="delete" className="bg-rose-700 hover:bg-rose-800">
              Delete the case
            </Button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
