import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CredentialCheckResult } from "~/components/certificates/credential-check-result";
import { VerifyForm } from "~/components/certificates/verify-form";
import { Button } from "~/components/ui/button";
import { Field, FormError, TextareaField } from "~/components/ui/field";
import { getEnv } from "~/env.server";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { invalidSubmission } from "~/http/forms.server";
import { clientIp } from "~/http/session.server";
import { hitLimit, limitAddress, LIMITS } from "~/modules/auth/rate-limit.server";
import { parseCertificateCode } from "~/modules/certification/eligibility";
import { CredentialCheckSchema } from "~/modules/credentials/schema";
import { checkPresentedCredential } from "~/modules/credentials/verify-credential.server";

export const meta: MetaFunction = () => [{ title: "Check a certificate — Stipple" }];

// A check answers for the moment it was made: nobody keeps a copy.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** The form submits here with ?code=…; whatever was typed goes to the one verification page. */
export function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed !== null) {
    const code = parseCertificateCode(typed) ?? "unknown";
    throw redirect(`/verify/${encodeURIComponent(code)}`);
  }
  return null;
}

/** Checks a pasted or uploaded Open Badges credential (JSON, JWS or baked badge image). Public, rate-limited per address like code checks. */
export async function action({ request, context }: ActionFunctionArgs) {
  const limit = hitLimit(context.db, `verify:ip:${limitAddress(clientIp(context))}`, LIMITS.verifyIp);
  if (!limit.allowed) {
    throw data({ message: "Too many checks" }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  }
  const submission = parseWithZod(await request.formData(), { schema: CredentialCheckSchema });
  if (submission.status !== "success") return invalidSubmission(submission);
  const { credential, file } = submission.value;
  const bytes = file && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const check = await checkPresentedCredential(context.db, { text: credential, bytes }, { appUrl: getEnv().appUrl });
  return { ...submission.reply(), check };
}

export default function VerifyIndex() {
  const result = useActionData<typeof action>();
  const busy = useIsSubmitting();
  const [form, fields] = useForm({
    lastResult: result,
    constraint: getZodConstraint(CredentialCheckSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CredentialCheckSchema }),
  });
  const check = result && "check" in result ? result.check : null;
  return (
    <div className="mx-auto max-w-xl space-y-8">
      <div className="space-y-6">
        <h1 className="text-3xl font-bold text-stone-900">Check a certificate</h1>
        <p className="text-stone-700">
          Anyone can check a Stipple certificate: enter its code, or scan the QR code on the certificate. You will see whose it is, what it covers, who issued
          it, and whether it is valid, expired or revoked — nothing else.
        </p>
        <VerifyForm />
      </div>
      <section aria-labelledby="credential-heading" className="space-y-4 border-t border-stone-200 pt-6">
        <h2 id="credential-heading" className="text-xl font-semibold text-stone-900">
          Check a digital credential
        </h2>
        <p className="text-stone-700">
          Holders can download their certificate as a signed Open Badges credential or a badge image with the credential inside. Paste the credential or upload
          the file: its signature is checked against the issuer&rsquo;s published keys, its dates, and the issuer&rsquo;s revocation list. Credentials from
          other Stipple installations are checked too, while their issuer can be reached.
        </p>
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4">
          <FormError id={form.errorId} errors={form.errors} />
          <TextareaField
            label="Paste a credential"
            meta={fields.credential}
            description="The contents of credential.json, or the credential's JWT."
            textareaProps={{ ...getTextareaProps(fields.credential), rows: 5, spellCheck: false }}
          />
          <Field
            label="Or upload credential.json or the badge image"
            meta={fields.file}
            description="PNG badge images carry the credential inside them. Up to 2 MB."
            inputProps={{ ...getInputProps(fields.file, { type: "file" }), accept: ".json,.jwt,.txt,image/png,application/json" }}
          />
          <Button type="submit" disabled={busy}>
            {busy ? "Checking…" : "Check credential"}
          </Button>
        </Form>
        {check ? <CredentialCheckResult check={check} /> : null}
      </section>
    </div>
  );
}
