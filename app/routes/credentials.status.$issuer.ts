import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { orHttpErrorAsync } from "~/http/errors.server";
import { statusListCredential, VC_JWT_TYPE } from "~/modules/credentials/credential.server";

/** An issuer's signed Bitstring Status List: public, never cached, so a revocation shows at once. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const jws = await orHttpErrorAsync(statusListCredential(context.db, params.issuer ?? "", getEnv().appUrl));
  return new Response(jws, { headers: { "Content-Type": VC_JWT_TYPE, "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" } });
}
