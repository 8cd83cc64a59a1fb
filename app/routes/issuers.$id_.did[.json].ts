import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { orHttpError } from "~/http/errors.server";
import { issuerDidDocument } from "~/modules/credentials/credential.server";

/** A clinic's did:web document (`did:web:<host>:issuers:<id>`): the keys Stipple signs its technicians' credentials with. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const doc = orHttpError(() => issuerDidDocument(context.db, params.id ?? "", getEnv().appUrl));
  return new Response(JSON.stringify(doc, null, 2), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
