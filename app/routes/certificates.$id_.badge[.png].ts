import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { orHttpErrorAsync } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { holderBakedBadge } from "~/modules/credentials/credential.server";

/** The badge image with the holder's credential baked in: the holder only, 404 for anyone else. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const badge = await orHttpErrorAsync(holderBakedBadge(context.db, actor, params.id ?? "", getEnv().appUrl));
  return new Response(new Uint8Array(badge.png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="${badge.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
