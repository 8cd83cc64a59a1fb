import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { VerifyForm } from "~/components/certificates/verify-form";
import { parseCertificateCode } from "~/modules/certification/eligibility";

export const meta: MetaFunction = () => [{ title: "Check a certificate — Stipple" }];

/** The form submits here with ?code=…; whatever was typed goes to the one verification page. */
export function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed !== null) {
    const code = parseCertificateCode(typed) ?? "unknown";
    throw redirect(`/verify/${encodeURIComponent(code)}`);
  }
  return null;
}

export default function VerifyIndex() {
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-3xl font-bold text-stone-900">Check a certificate</h1>
      <p className="text-stone-700">
        Anyone can check a Stipple certificate: enter its code, or scan the QR code on the certificate. You will see whose it is, what it covers, who issued it,
        and whether it is valid, expired or revoked — nothing else.
      </p>
      <VerifyForm />
    </div>
  );
}
