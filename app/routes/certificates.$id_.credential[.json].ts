import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { orHttpErrorAsync } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { credentialJson, holderCredential } from "~/modules/credentials/credential.server";

/** The holder's signed Open Badges credential as a file: the holder only, 404 for anyone else (signed-out visitors are sent to sign in). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const { jws, code } = await orHttpErrorAsync(holderCredential(context.db, actor, params.id ?? "", getEnv().appUrl));
  return new Response(credentialJson(jws), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="stipple-credential-${code}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
