import { AssessorNotice } from "~/components/practicals/assessor-notice";
import { whoAssesses } from "~/modules/auth/actor.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { ProgressBar } from "~/components/ui/progress-bar";
import { orHttpError } from "~/http/errors.server";
import { requireUser } from "~/http/session.server";
import { claimCertificate } from "~/modules/certification/certificates.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { courseOverview } from "~/modules/progress/course-view.server";
import { enrol } from "~/modules/progress/progress.server";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Stipple` : "Course — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const overview = courseOverview(context.db, course, user.id);
  // Said before any work: who will assess this learner, and how a supervisor is named.
  return { ...overview, assessors: overview.certification && user.role === "learner" ? whoAssesses(context.db, user.id) : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const course = orHttpError(() => findCourse(params.course ?? ""));
  const form = await request.formData();
  if (form.get("intent") === "claim-certificate") {
    const certificate = claimCertificate(context.db, user.id, course);
    throw redirect(certificate ? `/certificates/${certificate.id}` : `/courses/${course.slug}#certification-heading`);
  }
  enrol(context.db, user.id, course.slug);
  const first = course.modules[0];
  throw redirect(first ? `/courses/${course.slug}/${first.slug}` : `/courses/${course.slug}`);
}

const statusText = { "not-started": "Not started", started: "In progress", completed: "Completed" } as const;
const statusStyle = {
  "not-started": "bg-stone-100 text-stone-700",
  started: "bg-amber-100 text-amber-900",
  completed: "bg-brand-100 text-brand-800",
} as const;

export default function CourseOverview() {
  const course = useLoaderData<typeof loader>();
  const busy = useIsSubmitting();
  const next = course.modules.find((m) => m.status !== "completed" && !m.outline);
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/courses" className="underline underline-offset-2">
          Courses
        </Link>
      </nav>
      <header className="space-y-3">
        <h1 className="text-3xl font-bold text-stone-900">{course.title}</h1>
        <p className="text-lg text-stone-700">{course.summary}</p>
        {course.enrolled ? (
          <div className="max-w-lg">
            <ProgressBar
              value={course.progress.completed}
              max={course.progress.total}
              label={`Course progress: ${course.progress.completed} of ${course.progress.total} modules`}
            />
          </div>
        ) : (
          <Form method="post">
            <Button type="submit" disabled={busy}>
              {busy ? "Enrolling…" : "Start this course"}
            </Button>
          </Form>
        )}
        {course.enrolled && next ? (
          <Link to={next.slug} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {next.status === "not-started" && course.progress.completed === 0 ? "Start reading" : "Continue"}: {next.title}
          </Link>
        ) : null}
        {course.certification ? (
          <p className="text-stone-700">
            {course.certification.certificate ? (
              <Link to={`/certificates/${course.certification.certificate.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                Your certificate {course.certification.certificate.code}
              </Link>
            ) : (
              <>
                Certification: {course.certification.requirements.filter((r) => r.met).length} of {course.certification.requirements.length} requirements met ·{" "}
                <a href="#certification-heading" className="font-medium text-brand-700 underline underline-offset-2">
                  what is left
                </a>
              </>
            )}
          </p>
        ) : null}
      </header>
      {course.about ? (
        <section aria-labelledby="about-heading" className="grid gap-4 rounded-lg border border-stone-200 bg-white p-5 md:grid-cols-3">
          <h2 id="about-heading" className="sr-only">
            About this course
          </h2>
          <div>
            <h3 className="font-semibold text-stone-900">Who it is for</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-800">
              {course.about.audience.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold text-stone-900">What completing it gives you</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-800">
              {course.about.qualifiesFor.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold text-stone-900">What it does not qualify you for</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-800">
              {course.about.doesNotQualifyFor.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
          {course.about.guidedHours ? (
            <div className="md:col-span-3">
              <h3 className="font-semibold text-stone-900">Guided learning hours: {course.about.guidedHours.parts.reduce((sum, p) => sum + p.hours, 0)}</h3>
              <dl className="mt-2 grid gap-3 sm:grid-cols-3">
                {course.about.guidedHours.parts.map((p) => (
                  <div key={p.label} className="rounded-md bg-stone-50 p-3">
                    <dt className="font-medium text-stone-900">
                      {p.label}: <span className="tabular-nums">{p.hours} h</span>
                    </dt>
                    <dd className="mt-1 text-sm text-stone-700">{p.what}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-2 text-sm text-stone-700">{course.about.guidedHours.note}</p>
            </div>
          ) : null}
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 md:col-span-3">
            <strong>Local rules apply.</strong> {course.about.licensing}
          </p>
        </section>
      ) : null}
      {course.hasGlossary || course.hasPaperwork ? (
        <p className="flex flex-wrap gap-x-6 gap-y-2">
          {course.hasGlossary ? (
            <Link to="glossary" className="font-medium text-brand-700 underline underline-offset-2">
              Glossary of terms used in this course
            </Link>
          ) : null}
          {course.hasPaperwork ? (
            <Link to="paperwork" className="font-medium text-brand-700 underline underline-offset-2">
              Client paperwork to print
            </Link>
          ) : null}
        </p>
      ) : null}
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading" className="text-xl font-semibold text-stone-900">
          Modules
        </h2>
        <ol className="mt-4 space-y-3">
          {course.modules.map((m) => (
            <li key={m.slug} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="font-semibold">
                  <span className="mr-2 tabular-nums text-stone-500">{m.number}.</span>
                  {course.enrolled ? (
                    <Link to={m.slug} className="text-brand-800 underline-offset-2 hover:underline">
                      {m.title}
                    </Link>
                  ) : (
                    m.title
                  )}
                </h3>
                <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${m.outline ? "bg-stone-100 text-stone-600" : statusStyle[m.status]}`}>
                  {m.outline ? "Coming soon" : statusText[m.status]}
                </span>
              </div>
              <p className="mt-1 text-stone-700">{m.summary}</p>
              <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-600">
                <span>About {m.minutes} minutes</span>
                {m.hasQuiz && course.enrolled ? (
                  <Link to={`${m.slug}/quiz`} className="font-medium text-brand-700 underline underline-offset-2">
                    {m.quiz
                      ? m.quiz.passed
                        ? `Quiz passed · best ${m.quiz.bestPercent}%`
                        : `Quiz: best ${m.quiz.bestPercent}%, not yet passed`
                      : "Take the quiz"}
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>
      {course.exam && course.enrolled ? (
        <section aria-labelledby="exam-heading" className="rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="exam-heading" className="text-xl font-semibold text-stone-900">
            Final exam
          </h2>
          <p className="mt-1 text-stone-700">Questions drawn from every module, under a time limit.</p>
          <p className="mt-2 text-sm">
            <Link to="exam" className="font-medium text-brand-700 underline underline-offset-2">
              {course.exam.result
                ? course.exam.result.passed
                  ? `Passed · best ${course.exam.result.bestPercent}%`
                  : `Best ${course.exam.result.bestPercent}%, not yet passed — see the exam page`
                : "See the rules and start the exam"}
            </Link>
          </p>
        </section>
      ) : null}
      {course.certification ? <CertificationPanel certification={course.certification} /> : null}
      {course.assessors ? <AssessorNotice assessors={course.assessors} /> : null}
    </div>
  );
}

type Certification = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["certification"]>;

const WHERE: Record<Certification["requirements"][number]["id"], { to: string; text: string }> = {
  modules: { to: "#modules-heading", text: "Modules" },
  quizzes: { to: "#modules-heading", text: "Module quizzes" },
  exam: { to: "exam", text: "Final exam" },
  practicals: { to: "/practicals", text: "Practicals" },
  cases: { to: "/logbook", text: "Logbook" },
  healed: { to: "/logbook", text: "Logbook" },
};

/** What the certificate still needs, as a checklist with progress bars; the certificate once issued. */
function CertificationPanel({ certification }: { certification: Certification }) {
  const { requirements, certificate } = certification;
  return (
    <section aria-labelledby="certification-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="certification-heading" className="text-xl font-semibold text-stone-900">
        Certification
      </h2>
      {certificate ? (
        <div className="rounded-md bg-brand-50 p-4 ring-1 ring-brand-600">
          <p className="font-semibold text-brand-900">
            {certificate.state === "VALID"
              ? "You are certified."
              : certificate.state === "EXPIRED"
                ? "Your certificate has expired."
                : "Your certificate was revoked."}{" "}
            <Link to={`/certificates/${certificate.id}`} className="underline underline-offset-2">
              Certificate <span className="font-mono">{certificate.code}</span>
            </Link>
          </p>
        </div>
      ) : certification.met ? (
        <Form method="post" className="flex flex-wrap items-center gap-3 rounded-md bg-brand-50 p-4 ring-1 ring-brand-600">
          <p className="flex-1 font-medium text-brand-900">
            Every requirement is met. The programme changed since your last step, so issue your certificate here.
          </p>
          <Button type="submit" name="intent" value="claim-certificate">
            Issue my certificate
          </Button>
        </Form>
      ) : (
        <p className="text-stone-700">
          Your certificate is issued automatically, valid for {certification.validityMonths} months, the moment every item below is done.
        </p>
      )}
      <ul className="space-y-4">
        {requirements.map((r) => (
          <li key={r.id} className="space-y-1">
            <ProgressBar value={r.done} max={r.total} label={`${r.met ? "✓ " : ""}${r.label} (${r.done} of ${r.total})`} size="sm" />
            {r.met ? (
              <p className="text-sm font-medium text-brand-800">Done</p>
            ) : (
              <p className="text-sm text-stone-700">
                Still to do: {r.missing.join("; ")} ·{" "}
                {WHERE[r.id].to.startsWith("#") ? (
                  <a href={WHERE[r.id].to} className="font-medium text-brand-700 underline underline-offset-2">
                    {WHERE[r.id].text}
                  </a>
                ) : (
                  <Link to={WHERE[r.id].to} className="font-medium text-brand-700 underline underline-offset-2">
                    {WHERE[r.id].text}
                  </Link>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
