import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpErrorAsync } from "~/http/errors.server";
import { photoResponse } from "~/http/photo-response.server";
import { requireActor } from "~/http/session.server";
import { casePhotoFile } from "~/modules/certification/case-photos.server";
import { getStorage } from "~/modules/storage/storage.server";

/** A supervised case's photo, checked against who is asking on every request. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const size = new URL(request.url).searchParams.get("size") === "thumb" ? "thumb" : "full";
  const file = await orHttpErrorAsync(casePhotoFile(context.db, getStorage(), actor, params.photoId ?? "", size));
  return photoResponse(file);
}
