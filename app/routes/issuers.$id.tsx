import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getEnv } from "~/env.server";
import { orHttpError } from "~/http/errors.server";
import { formatCertificateDate } from "~/modules/certification/dates";
import { issuerProfile } from "~/modules/credentials/credential.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.profile.name} — issuer — Stipple` : "Issuer — Stipple" }];

/** Public: the issuer named on Stipple's Open Badges credentials, its DID and the keys that sign for it. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const profile = orHttpError(() => issuerProfile(context.db, id, getEnv().appUrl));
  return { profile, didDocumentPath: id === "stipple" ? "/.well-known/did.json" : `/issuers/${id}/did.json` };
}

export default function IssuerPage() {
  const { profile, didDocumentPath } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Credential issuer</p>
      <h1 className="text-3xl font-bold text-stone-900">{profile.name}</h1>
      <p className="text-stone-700">
        {profile.name} issues Stipple certificates as signed Open Badges 3.0 credentials. Anyone can check one at{" "}
        <Link to="/verify" className="underline underline-offset-2">
          the verification page
        </Link>
        , or with any tool that reads Open Badges: the keys below are published in this issuer&rsquo;s{" "}
        <a href={didDocumentPath} className="underline underline-offset-2">
          DID document
        </a>
        , and revocations in its{" "}
        <a href={profile.statusListPath} className="underline underline-offset-2">
          status list
        </a>
        .
      </p>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-[auto,1fr]">
        <dt className="font-medium text-stone-600">Identifier</dt>
        <dd className="break-all font-mono text-sm">{profile.did}</dd>
      </dl>
      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-xl font-semibold">
          Signing keys
        </h2>
        <ul className="space-y-2">
          {profile.keys.map((k) => (
            <li key={k.kid} className="rounded-md border border-stone-200 bg-white p-3">
              <span className="break-all font-mono text-sm">{k.kid}</span>
              <span className="block text-sm text-stone-700">
                In use since {formatCertificateDate(k.createdAt)}
                {k.retiredAt ? `; retired ${formatCertificateDate(k.retiredAt)} — credentials it signed before then still verify` : " — current"}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
