import { StateBadge } from "~/components/certificates/state-badge";
import type { CredentialCheck } from "~/modules/credentials/verify-credential.server";

const HEADLINE = {
  VALID: "This credential is valid.",
  EXPIRED: "This credential has expired.",
  REVOKED: "This credential has been revoked.",
  "NOT VALID": "This credential is not valid.",
} as const;

const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : "—";

/** The verdict on a presented credential: state, reason, and what it claims once its signature held. */
export function CredentialCheckResult({ check }: { check: CredentialCheck }) {
  return (
    <section aria-labelledby="credential-result" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
      <div role="status" className="space-y-2">
        <StateBadge state={check.verdict} size="lg" />
        <h2 id="credential-result" className="text-2xl font-bold text-stone-900">
          {HEADLINE[check.verdict]}
        </h2>
        {check.reason ? <p className="text-lg text-stone-800">{check.reason}</p> : null}
      </div>
      {check.claims ? (
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto,1fr]">
          <dt className="font-medium text-stone-600">Achievement</dt>
          <dd>{check.claims.achievement}</dd>
          <dt className="font-medium text-stone-600">Issued by</dt>
          <dd>
            {check.claims.issuerName} <span className="block break-all font-mono text-xs text-stone-600">{check.claims.issuerDid}</span>
          </dd>
          <dt className="font-medium text-stone-600">Valid from</dt>
          <dd>{day(check.claims.validFrom)}</dd>
          <dt className="font-medium text-stone-600">Valid until</dt>
          <dd>{day(check.claims.validUntil)}</dd>
          <dt className="font-medium text-stone-600">Holder</dt>
          <dd>Identified by a salted hash of their email address, not by name: ask them to show you the certificate check page too.</dd>
          {check.claims.evidenceUrl ? (
            <>
              <dt className="font-medium text-stone-600">Evidence</dt>
              <dd>
                <a href={check.claims.evidenceUrl} className="break-all underline underline-offset-2" rel="noopener noreferrer">
                  {check.claims.evidenceUrl}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
