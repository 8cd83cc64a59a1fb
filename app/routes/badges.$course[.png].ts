import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpErrorAsync } from "~/http/errors.server";
import { courseBadge } from "~/modules/credentials/credential.server";

/** A programme's badge image, the `image` of its Open Badges achievement: public, holds nothing personal. */
export async function loader({ params }: LoaderFunctionArgs) {
  const png = await orHttpErrorAsync(courseBadge(params.course ?? ""));
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=3600" } });
}
