import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { CheckboxField, FormError, SelectField, TextareaField } from "~/components/ui/field";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { invalidSubmission, refusedSubmission } from "~/http/forms.server";
import { StateBadge } from "~/components/certificates/state-badge";
import { TranscriptView } from "~/components/certificates/transcript-view";
import { formatCertificateDate } from "~/modules/certification/dates";
import { Button, buttonClass } from "~/components/ui/button";
import { ProgressBar } from "~/components/ui/progress-bar";
import { getEnv } from "~/env.server";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { certificateDetail, revokeCertificate, setTranscriptPublic } from "~/modules/certification/certificates.server";
import { TranscriptVisibilitySchema } from "~/modules/certification/transcript";
import { linkedInAddUrl } from "~/modules/credentials/linkedin";
import { REVOCATION_REASON_OPTIONS, REVOCATION_REASON_TEXT, RevokeSchema } from "~/modules/certification/revocation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Certificate ${data.certificate.code} — Stipple` : "Certificate — Stipple" }];

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const certificate = orHttpError(() => certificateDetail(context.db, actor, params.id ?? ""));
  // Staff arrive from their own pages; the breadcrumb takes them back there, not to an empty list of their own.
  const back = certificate.isHolder
    ? { to: "/certificates", text: "Certificates" }
    : (
        {
          clinic_admin: { to: "/clinic", text: "Clinic" },
          admin: { to: "/admin", text: "Admin" },
          instructor: { to: "/review", text: "Review" },
          learner: { to: "/certificates", text: "Certificates" },
          supervisor: { to: "/supervise", text: "Supervising" },
        } as const
      )[actor.role];
  const verifyUrl = new URL(certificate.verifyPath, getEnv().appUrl).toString();
  // The signed credential is the holder's to carry; a revoked certificate's is not handed out.
  const credential =
    certificate.isHolder && certificate.state !== "REVOKED"
      ? {
          jsonPath: `/certificates/${certificate.id}/credential.json`,
          badgePath: `/certificates/${certificate.id}/badge.png`,
          linkedIn: linkedInAddUrl({
            name: certificate.programmeTitle,
            organisation: certificate.issuerName ?? "Stipple",
            issuedAt: certificate.issuedAt,
            expiresAt: certificate.expiresAt,
            credentialId: certificate.code,
            verifyUrl,
          }),
        }
      : null;
  return { certificate, back, verifyUrl, credential };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(request, context);
  const form = await request.formData();
  if (form.get("intent") === "transcript") {
    const choice = parseWithZod(form, { schema: TranscriptVisibilitySchema });
    if (choice.status !== "success") return invalidSubmission(choice);
    try {
      setTranscriptPublic(context.db, actor, params.id ?? "", choice.value.show === "yes");
    } catch (error) {
      return refusedSubmission(choice, error);
    }
    return { ...choice.reply(), transcriptShown: choice.value.show === "yes" };
  }
  if (form.get("intent") !== "revoke") throw data({ message: "Unknown action" }, { status: 400 });
  const submission = parseWithZod(form, { schema: RevokeSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  try {
    revokeCertificate(context.db, actor, params.id ?? "", submission.value);
  } catch (error) {
    return refusedSubmission(submission, error);
  }
  return { ...submission.reply({ resetForm: true }), revoked: true as const };
}

const REASON_CHOICES = REVOCATION_REASON_OPTIONS.map((r) => ({ value: r, label: REVOCATION_REASON_TEXT[r] }));

function CopyLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2">
      <label htmlFor="share-link" className="block text-sm font-medium text-stone-800">
        Verification link to share
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="share-link"
          readOnly
          value={url}
          className="block w-full max-w-md rounded-md border border-stone-300 bg-stone-50 px-3 py-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          Copy link
        </Button>
      </div>
      <p role="status" className="text-sm text-stone-600">
        {copied ? "Copied. Anyone with the link sees the name, programme, issuer, dates and state — nothing else." : ""}
      </p>
    </div>
  );
}

export default function CertificatePage() {
  const { certificate: c, back, verifyUrl, credential } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The page has two forms; the revoke form reads only its own answers.
  const lastResult = result && "transcriptShown" in result ? undefined : result;
  const revoking = useIsSubmitting("revoke");
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(RevokeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeSchema }),
  });
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to={back.to} className="underline underline-offset-2">
          {back.text}
        </Link>
      </nav>
      <header className="space-y-3">
        <StateBadge state={c.state} />
        <h1 className="text-3xl font-bold text-stone-900">{c.programmeTitle}</h1>
        <p className="text-lg text-stone-800">
          {c.holderName} · <span className="font-mono">{c.code}</span>
        </p>
      </header>
      {lastResult && "revoked" in lastResult ? (
        <p role="status" className="rounded-md bg-rose-50 p-4 text-rose-900 ring-1 ring-rose-700">
          Revoked. The verification page says so from now on, and the holder has been told.
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-[auto,1fr]">
        <dt className="font-medium text-stone-600">Issued by</dt>
        <dd>{c.issuerName ?? "Stipple (independent learner)"}</dd>
        <dt className="font-medium text-stone-600">Issued</dt>
        <dd>{formatCertificateDate(c.issuedAt)}</dd>
        {/* A revoked certificate is not valid until any date. */}
        {c.state === "REVOKED" ? null : (
          <>
            <dt className="font-medium text-stone-600">{c.state === "EXPIRED" ? "Expired" : "Valid until"}</dt>
            <dd>{formatCertificateDate(c.expiresAt)}</dd>
          </>
        )}
        {c.revokedAt ? (
          <>
            <dt className="font-medium text-stone-600">Revoked</dt>
            <dd>
              {formatCertificateDate(c.revokedAt)} — {c.revocationReason}
              {c.revocationReasonPublic ? " (reason published on the verification page)" : " (the verification page says only “revoked by the issuer”)"}
            </dd>
          </>
        ) : null}
        {c.supersedes ? (
          <>
            <dt className="font-medium text-stone-600">Renews</dt>
            <dd>
              <Link to={`/certificates/${c.supersedes.id}`} className="font-mono underline underline-offset-2">
                {c.supersedes.code}
              </Link>
            </dd>
          </>
        ) : null}
        {c.replacedBy ? (
          <>
            <dt className="font-medium text-stone-600">Renewed as</dt>
            <dd>
              <Link to={`/certificates/${c.replacedBy.id}`} className="font-mono underline underline-offset-2">
                {c.replacedBy.code}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>

      {c.transcript ? (
        <section aria-labelledby="transcript-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="transcript-heading" className="text-xl font-semibold">
            Transcript
          </h2>
          <TranscriptView transcript={c.transcript} />
          {c.isHolder ? (
            <Form method="post" className="flex flex-wrap items-center gap-3 border-t border-stone-200 pt-4">
              <input type="hidden" name="intent" value="transcript" />
              <p className="flex-1 text-stone-800" role="status">
                {c.transcriptPublic
                  ? "The verification page shows this transcript to anyone with the link."
                  : "The verification page shows your name, the programme, the issuer, the dates and the state, not this transcript."}
              </p>
              <Button type="submit" name="show" value={c.transcriptPublic ? "no" : "yes"} variant="secondary">
                {c.transcriptPublic ? "Hide it from the verification page" : "Show it on the verification page"}
              </Button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="share-heading" className="space-y-4">
        <h2 id="share-heading" className="text-xl font-semibold">
          Download and share
        </h2>
        <div className="flex flex-wrap gap-3">
          {c.state === "REVOKED" ? null : (
            <a href={`/certificates/${c.id}.pdf`} className={buttonClass("primary")} download>
              Download PDF
            </a>
          )}
          <Link to={c.verifyPath} className={buttonClass("secondary")}>
            Open the verification page
          </Link>
        </div>
        <CopyLink url={verifyUrl} />
      </section>

      {credential ? (
        <section aria-labelledby="credential-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="credential-heading" className="text-xl font-semibold">
            Digital credential
          </h2>
          <p className="text-stone-700">
            Your certificate as a signed Open Badges 3.0 credential, which badge wallets, employers&rsquo; systems and professional profiles can check without
            visiting Stipple. It names the programme, the issuer and the dates; it identifies you by a salted hash of your email address, not by name. If the
            certificate is revoked, checks of the credential say so.
          </p>
          <div className="flex flex-wrap gap-3">
            <a href={credential.jsonPath} className={buttonClass("secondary")} download>
              Download credential (JSON)
            </a>
            <a href={credential.badgePath} className={buttonClass("secondary")} download>
              Download badge image
            </a>
            <a href={credential.linkedIn} className={buttonClass("secondary")} target="_blank" rel="noopener noreferrer">
              Add to LinkedIn profile<span className="sr-only"> (opens LinkedIn in a new tab)</span>
            </a>
          </div>
          <p className="text-sm text-stone-600">
            The badge image carries the same credential inside it; share either. Anyone can check them on the verify page.
          </p>
        </section>
      ) : null}

      {c.renewal ? (
        <section aria-labelledby="renew-heading" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="renew-heading" className="text-xl font-semibold">
            Renewal
          </h2>
          <p>
            A renewal keeps you certified for another {c.renewal.validityMonths} months, counted from{" "}
            {c.state === "EXPIRED" ? "the day the renewal is issued" : "this certificate's expiry"}, so renewing early loses no time. Renewal opens{" "}
            {c.renewal.windowDays} days before this certificate expires.
          </p>
          {c.renewal.open ? (
            <p>Renewal is open. When everything below is done, your new certificate is issued at once.</p>
          ) : (
            <p>
              Renewal opens on {formatCertificateDate(c.renewal.opensAt)}. To renew you will need to {c.renewal.asks.join(" and ")}; your progress shows here
              once renewal opens. You will be reminded 90 and 30 days before this certificate expires.
            </p>
          )}
          {c.renewal.open ? (
            <ul className="space-y-3">
              {c.renewal.requirements.map((r) => (
                <li key={r.id}>
                  <ProgressBar value={r.done} max={r.total} label={`${r.label}: ${r.met ? "done" : r.missing.join(", ")}`} size="sm" />
                </li>
              ))}
            </ul>
          ) : null}
          {c.renewal.open ? (
            <div className="flex flex-wrap gap-3">
              {c.renewal.refresherQuiz ? (
                <Link to={`/courses/${c.courseSlug}/refresher`} className={buttonClass("primary")}>
                  Take the refresher quiz
                </Link>
              ) : null}
              <Link to="/logbook" className={buttonClass("secondary")}>
                Log a supervised case
              </Link>
            </div>
          ) : null}
        </section>
      ) : null}

      {c.canRevoke ? (
        <section aria-labelledby="revoke-heading" className="space-y-4 rounded-lg border border-rose-300 bg-white p-5">
          <h2 id="revoke-heading" className="text-xl font-semibold text-rose-900">
            Revoke this certificate
          </h2>
          <p className="text-stone-700">
            Revoking cannot be undone. The public verification page will say REVOKED with the date and &ldquo;revoked by the issuer&rdquo;; it names the reason
            only if you choose to publish it below. Your note stays internal and goes to the audit log.
          </p>
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <input type="hidden" name="intent" value="revoke" />
            <FormError id={form.errorId} errors={form.errors} />
            <div className="max-w-md">
              <SelectField label="Reason" meta={fields.reason} placeholder="Choose…" options={REASON_CHOICES} />
            </div>
            <TextareaField label="Internal note (optional, not shown publicly)" meta={fields.note} textareaProps={{ rows: 3, maxLength: 1000 }} />
            <CheckboxField
              meta={fields.publishReason}
              value="yes"
              label={
                <>
                  Publish the reason on the verification page. Leave this unticked unless the holder&rsquo;s clients or employers need to know why: the page
                  shows the holder&rsquo;s name beside it.
                </>
              }
            />
            <CheckboxField
              meta={fields.confirm}
              value="yes"
              label={
                <>
                  I mean to revoke {c.code}, held by {c.holderName}.
                </>
              }
            />
            <Button type="submit" className="bg-rose-700 hover:bg-rose-800" disabled={revoking}>
              {revoking ? "Revoking…" : "Revoke certificate"}
            </Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
