import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpErrorAsync } from "~/http/errors.server";
import { photoResponse } from "~/http/photo-response.server";
import { requireUser } from "~/http/session.server";
import { stagedFile } from "~/modules/photos/staging.server";
import { getStorage } from "~/modules/storage/storage.server";

/** A photo uploaded but not yet submitted: its owner only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const size = new URL(request.url).searchParams.get("size") === "thumb" ? "thumb" : "full";
  const file = await orHttpErrorAsync(stagedFile(context.db, getStorage(), user.id, params.stagedId ?? "", size));
  return photoResponse(file);
}
