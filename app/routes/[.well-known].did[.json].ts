import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { orHttpError } from "~/http/errors.server";
import { issuerDidDocument } from "~/modules/credentials/credential.server";
import { STIPPLE_ISSUER } from "~/modules/credentials/issuer";

/** Stipple's did:web document: the public keys its credentials are checked against, retired ones included. */
export function loader({ context }: LoaderFunctionArgs) {
  const doc = orHttpError(() => issuerDidDocument(context.db, STIPPLE_ISSUER, getEnv().appUrl));
  return new Response(JSON.stringify(doc, null, 2), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
