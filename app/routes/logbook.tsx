import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { CaseForm } from "~/components/logbook/case-form";
import { CaseStatusBadge } from "~/components/logbook/case-status";
import { AssessorNotice } from "~/components/practicals/assessor-notice";
import { StagedPhotos } from "~/components/practicals/staged-photos";
import { UploadPanel } from "~/components/practicals/upload-panel";
import { ProgressBar } from "~/components/ui/progress-bar";
import { notFound, orHttpErrorAsync } from "~/http/errors.server";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { requireUser } from "~/http/session.server";
import { whoAssesses } from "~/modules/auth/actor.server";
import { stagePhotoUploads, wantsJson } from "~/http/uploads.server";
import { AREA_TEXT, MAX_CASE_PHOTOS, ordinal, SCALE_TEXT } from "~/modules/certification/case-fields";
import { stageCasePhoto, stagedCasePhotos } from "~/modules/certification/case-photos.server";
import { caseFieldsSchema, latestCaseDay } from "~/modules/certification/case-schema";
import { healedStateText } from "~/modules/certification/healed-review-schema";
import { logbookCourses, logCase, ownLogbook, supervisorChoices } from "~/modules/certification/cases.server";
import { namesSupervisorByEmail, ownSupervisors } from "~/modules/certification/supervision.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { UPLOAD_LIMITS } from "~/modules/photos/image-check";
import { removeStaged } from "~/modules/photos/staging.server";
import { getStorage } from "~/modules/storage/storage.server";

export const meta: MetaFunction = () => [{ title: "Logbook — Stipple" }];

const SUPERVISOR_STATUS_TEXT: Record<string, string> = {
  active: "accepted: can countersign",
  invited: "invited: waiting for them to accept the email",
  expired: "invitation expired: name them on a case to send it again",
  closed: "their account was closed",
};

/** The course whose logbook is open: `?course=` or the first that keeps one; null when none does. */
function openCourse(request: Request, context: AppLoadContext, userId: string) {
  const courses = logbookCourses(context.db, getCatalogue(), userId);
  const wanted = new URL(request.url).searchParams.get("course");
  const course = wanted ? courses.find((c) => c.slug === wanted) : courses[0];
  if (wanted && !course) notFound();
  return { courses, course: course ?? null };
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { courses, course } = openCourse(request, context, user.id);
  if (!course) return { courses: [], current: null, deleted: false, assessors: null };
  const book = ownLogbook(context.db, user.id, course);
  const staged = stagedCasePhotos(context.db, user.id, course);
  return {
    courses: courses.map((c) => ({ slug: c.slug, title: c.title })),
    current: {
      course: { slug: course.slug, title: course.title },
      cases: book.cases.map(({ healedWindow, healedStatus, ...c }) => ({
        ...c,
        healed: healedStateText(c.status, healedStatus, healedWindow, latestCaseDay()),
      })),
      countersigned: book.countersigned,
      required: book.required,
      healedCountersigned: book.healedCountersigned,
      healedRequired: book.healedRequired,
      staged: staged.map((s) => ({ id: s.id, name: s.originalName })),
      supervisors: supervisorChoices(context.db, user.id),
      // A learner without a clinic names supervisors by email (038).
      namedSupervisors: namesSupervisorByEmail(context.db, user.id) ? ownSupervisors(context.db, user.id) : null,
      latestDay: latestCaseDay(),
    },
    assessors: whoAssesses(context.db, user.id),
    deleted: new URL(request.url).searchParams.get("deleted") === "1",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { course } = openCourse(request, context, user.id);
  if (!course) notFound();
  const here = `/logbook?course=${course.slug}`;
  const storage = getStorage();
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const { errors, accepted } = await orHttpErrorAsync(
      stagePhotoUploads(request, MAX_CASE_PHOTOS, (file) => stageCasePhoto(context.db, storage, user.id, course, undefined, file)),
    );
    if (wantsJson(request) || errors.length) return data({ errors, accepted }, { status: errors.length ? 400 : 200 });
    throw redirect(here);
  }
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "remove") {
    await orHttpErrorAsync(removeStaged(context.db, storage, user.id, String(form.get("id") ?? "")));
    throw redirect(here);
  }
  if (intent !== "log") throw data({ message: "Unknown action" }, { status: 400 });
  const submission = parseWithZod(form, { schema: caseFieldsSchema(undefined, { namedByEmail: namesSupervisorByEmail(context.db, user.id) }) });
  if (submission.status !== "success") return invalidSubmission(submission);
  let caseId: string;
  try {
    caseId = logCase(context.db, user.id, course, submission.value);
  } catch (error) {
    // Photos are not a field of the form: their problem is said above it.
    return refusedSubmission(submission, error, { aboveForm: ["photos"] });
  }
  throw redirect(`/logbook/${caseId}`);
}

export default function Logbook() {
  const { courses, current, deleted, assessors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const logging = useIsSubmitting("log");
  if (!current) {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold text-stone-900">Logbook</h1>
        <p className="text-stone-700">
          None of your courses asks for supervised cases yet. When one does, you log each session on a real client here and your instructor countersigns it.
        </p>
        <Link to="/courses" className="font-medium text-brand-700 underline underline-offset-2">
          Your courses
        </Link>
      </div>
    );
  }
  // One action answers both the photo uploads and the case form.
  const uploadResult = result && "accepted" in result ? result : undefined;
  const lastResult = result && !("accepted" in result) ? result : undefined;
  const formAction = `/logbook?course=${current.course.slug}`;
  const remaining = Math.max(0, MAX_CASE_PHOTOS - current.staged.length);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-stone-900">Logbook</h1>
        <p className="text-stone-700">
          Log each session you carry out on a real client under supervision. Your supervising instructor countersigns it or returns it with a comment; only
          countersigned cases count towards your certificate.
        </p>
        {assessors ? <AssessorNotice assessors={assessors} /> : null}
        {deleted ? (
          <p role="status" className="rounded-md bg-stone-100 p-3 text-stone-800">
            The case was deleted.
          </p>
        ) : null}
      </header>

      {courses.length > 1 ? (
        <nav aria-label="Courses" className="flex flex-wrap gap-2">
          {courses.map((c) => (
            <Link
              key={c.slug}
              to={`/logbook?course=${c.slug}`}
              aria-current={c.slug === current.course.slug ? "page" : undefined}
              className="rounded-full border border-stone-300 px-3 py-1 text-sm aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium"
            >
              {c.title}
            </Link>
          ))}
        </nav>
      ) : null}

      <section aria-labelledby="count-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="count-heading" className="text-lg font-semibold text-stone-900">
          {current.course.title}
        </h2>
        <p className="text-2xl font-bold text-stone-900">
          {current.countersigned} of {current.required} countersigned
        </p>
        {current.required > 0 ? (
          <ProgressBar
            value={Math.min(current.countersigned, current.required)}
            max={current.required}
            label="Supervised cases for the certificate"
            size="sm"
          />
        ) : null}
        {current.healedRequired > 0 ? (
          <div className="space-y-2 border-t border-stone-200 pt-3">
            <p className="font-semibold text-stone-900">
              {current.healedCountersigned} of {current.healedRequired} healed-result reviews countersigned
            </p>
            <ProgressBar
              value={Math.min(current.healedCountersigned, current.healedRequired)}
              max={current.healedRequired}
              label="Healed-result reviews for the certificate"
              size="sm"
            />
            <p className="text-sm text-stone-700">
              See the client again 4 to 6 weeks after a countersigned session, photograph the healed result and log what you judge of it on the case&apos;s
              page. Your supervisor countersigns it like the case.
            </p>
          </div>
        ) : null}
        <a href="#log-heading" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Log a case
        </a>
      </section>

      {current.namedSupervisors?.length ? (
        <section aria-labelledby="supervisors-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="supervisors-heading" className="text-lg font-semibold text-stone-900">
            Your supervisors
          </h2>
          <p className="text-sm text-stone-700">The practitioners you named. Each countersigns only the cases you log naming them.</p>
          <ul className="space-y-1">
            {current.namedSupervisors.map((s) => (
              <li key={s.id} className="text-stone-800">
                <span className="font-medium">{s.name}</span> <span className="text-stone-600">({s.email})</span> — {SUPERVISOR_STATUS_TEXT[s.status]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="cases-heading" className="space-y-3">
        <h2 id="cases-heading" className="text-xl font-semibold text-stone-900">
          Your cases
        </h2>
        {current.cases.length === 0 ? (
          <p className="text-stone-700">No cases yet.</p>
        ) : (
          <ul className="space-y-2">
            {current.cases.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 rounded-md border border-stone-200 bg-white p-3">
                <div className="min-w-0">
                  <Link to={`/logbook/${c.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {c.performedOn} · {ordinal(c.sessionNumber)} session · {AREA_TEXT[c.area]}
                  </Link>
                  <p className="text-sm text-stone-600">
                    {SCALE_TEXT[c.hairLossScale]} {c.hairLossStage} · {c.photos} photo{c.photos === 1 ? "" : "s"}
                  </p>
                  {c.healed ? <p className="text-sm text-stone-700">{c.healed}</p> : null}
                </div>
                <CaseStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="log-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="log-heading" className="text-xl font-semibold text-stone-900">
          Log a case
        </h2>
        <p className="text-sm text-stone-700">Describe the client only by what the craft needs: no name, no contact details, no face in the photos.</p>
        <p className="text-sm text-stone-700">
          Before the session, the client&apos;s consultation and screening, consent, patch-test record and aftercare sheet go in the client&apos;s file at your
          clinic:{" "}
          <Link to={`/courses/${current.course.slug}/paperwork`} className="font-medium text-brand-700 underline underline-offset-2">
            client paperwork to print
          </Link>
          .
        </p>
        <CaseForm
          id="log-case"
          action={formAction}
          intent="log"
          lastResult={lastResult}
          supervisors={current.supervisors}
          namedSupervisors={current.namedSupervisors}
          latestDay={current.latestDay}
          submitLabel="Log this case"
          busy={logging}
          photos={
            <div className="space-y-3">
              <h3 className="font-medium text-stone-900">
                Photos <span className="font-normal text-stone-600">(optional, up to {MAX_CASE_PHOTOS})</span>
              </h3>
              <StagedPhotos staged={current.staged} action={formAction} label="Photos for this case" />
              <UploadPanel remaining={remaining} maxMb={UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} errors={uploadResult?.errors} action={formAction} />
            </div>
          }
        />
      </section>
    </div>
  );
}
