import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpErrorAsync } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { getEnv } from "~/env.server";
import { certificatePdfFor } from "~/modules/certification/certificates.server";

/** The certificate as a PDF with its verification QR code: for whoever may see the certificate, 404 for anyone else. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const pdf = await orHttpErrorAsync(certificatePdfFor(context.db, actor, params.id ?? "", getEnv().appUrl));
  return new Response(Buffer.from(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdf.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
