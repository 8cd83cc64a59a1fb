import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { TranscriptView } from "~/components/certificates/transcript-view";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StateBadge } from "~/components/certificates/state-badge";
import { formatCertificateDate } from "~/modules/certification/dates";
import { clientIp } from "~/http/session.server";
import { hitLimit, limitAddress, LIMITS } from "~/modules/auth/rate-limit.server";
import { unavailableCertificate, verifyCertificate } from "~/modules/certification/certificates.server";
import { parseCertificateCode } from "~/modules/certification/eligibility";
import { VerifyForm } from "~/components/certificates/verify-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.found
      ? `Certificate ${data.certificate.code} — Stipple`
      : data?.unavailable
        ? "Certificate no longer available — Stipple"
        : "Certificate not found — Stipple",
  },
  // The page is for the person holding the code, not for search engines.
  { name: "robots", content: "noindex" },
];

// A revocation must show at once: nobody keeps a copy of this page.
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  headers.set("Cache-Control", "no-store");
  headers.set("X-Robots-Tag", "noindex");
  return headers;
};

/**
 * Public: anyone with the code. Rate-limited per address, so the code space cannot be walked.
 * An unknown code and a malformed one get the same page with the same status, echoing nothing.
 */
export function loader({ params, context }: LoaderFunctionArgs) {
  const limit = hitLimit(context.db, `verify:ip:${limitAddress(clientIp(context))}`, LIMITS.verifyIp);
  if (!limit.allowed) {
    throw data({ message: "Too many checks" }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  }
  const typed = params.code ?? "";
  const code = parseCertificateCode(typed);
  if (code && code !== typed) throw redirect(`/verify/${code}`);
  const certificate = code ? verifyCertificate(context.db, code) : null;
  if (!certificate) {
    // A real code whose holder deleted their account: gone, not forged (410), and nobody named.
    const unavailable = code ? unavailableCertificate(context.db, code) : null;
    if (unavailable) return data({ found: false as const, unavailable, checkedAt: Date.now() }, { status: 410 });
    return data({ found: false as const, unavailable: null, checkedAt: Date.now() }, { status: 404 });
  }
  return { found: true as const, certificate, checkedAt: Date.now() };
}

const STATE_TEXT = {
  VALID: "This certificate is valid.",
  EXPIRED: "This certificate has expired.",
  REVOKED: "This certificate has been revoked.",
} as const;

export default function Verify() {
  const result = useLoaderData<typeof loader>();
  if (!result.found && result.unavailable) {
    return (
      <div className="mx-auto max-w-xl space-y-6">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Certificate check</p>
        <div role="status" className="space-y-3">
          <h1 className="text-3xl font-bold text-stone-900">This certificate is no longer available</h1>
          <p className="text-lg text-stone-800">
            Stipple issued a certificate with the code <span className="font-mono font-semibold">{result.unavailable.code}</span>, but its holder deleted their
            account on {formatCertificateDate(result.unavailable.since)}, so Stipple can no longer confirm it or say who held it.
          </p>
        </div>
        <p className="text-stone-700">Do not rely on this certificate. Ask the person for a current one.</p>
        <VerifyForm />
      </div>
    );
  }
  if (!result.found) {
    return (
      <div className="mx-auto max-w-xl space-y-6">
        <h1 className="text-3xl font-bold text-stone-900">No certificate with this code</h1>
        <p className="text-stone-700">
          We hold no Stipple certificate with this code. Check it against the certificate — codes look like STP-7KQ4-M2XD — and try again. A certificate that
          cannot be found here should not be relied on.
        </p>
        <VerifyForm />
      </div>
    );
  }
  const c = result.certificate;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Certificate check</p>
      <div role="status" className="space-y-3">
        <StateBadge state={c.state} size="lg" />
        <h1 className="text-3xl font-bold text-stone-900">{STATE_TEXT[c.state]}</h1>
        {c.state === "REVOKED" && c.revokedAt ? (
          <p className="text-lg text-rose-900">
            Revoked on {formatCertificateDate(c.revokedAt)}. {c.revocationReason}.
          </p>
        ) : null}
        {c.state === "EXPIRED" ? <p className="text-lg text-amber-900">It expired on {formatCertificateDate(c.expiresAt)}.</p> : null}
      </div>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-[auto,1fr]">
        <dt className="font-medium text-stone-600">Holder</dt>
        <dd className="text-lg font-semibold text-stone-900">{c.holderName}</dd>
        <dt className="font-medium text-stone-600">Programme</dt>
        <dd>{c.programmeTitle}</dd>
        <dt className="font-medium text-stone-600">Issued by</dt>
        <dd>{c.issuerName}</dd>
        <dt className="font-medium text-stone-600">Issued</dt>
        <dd>{formatCertificateDate(c.issuedAt)}</dd>
        {/* A revoked certificate is not valid until any date: the state above says when it was revoked. */}
        {c.state === "REVOKED" ? null : (
          <>
            <dt className="font-medium text-stone-600">{c.state === "EXPIRED" ? "Expired" : "Valid until"}</dt>
            <dd>{formatCertificateDate(c.expiresAt)}</dd>
          </>
        )}
        <dt className="font-medium text-stone-600">Code</dt>
        <dd className="font-mono">{c.code}</dd>
      </dl>
      {c.renewedAs ? (
        <p className="rounded-md bg-brand-50 p-4 text-brand-900 ring-1 ring-brand-600">
          The holder has renewed this certificate. The current one is{" "}
          <Link to={`/verify/${c.renewedAs}`} className="font-mono font-semibold underline underline-offset-2">
            {c.renewedAs}
          </Link>
          .
        </p>
      ) : null}
      {c.transcript ? (
        <section aria-labelledby="transcript-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="transcript-heading" className="text-xl font-semibold">
            Transcript, shared by the holder
          </h2>
          <TranscriptView transcript={c.transcript} />
        </section>
      ) : null}
      <p className="text-sm text-stone-600">
        Checked {new Date(result.checkedAt).toISOString().slice(0, 16).replace("T", " ")} UTC. A Stipple certificate says its holder met this programme's
        theory, graded practice and supervised-case requirements. It is not a licence to practise: licensing is set by local law.
      </p>
    </div>
  );
}
