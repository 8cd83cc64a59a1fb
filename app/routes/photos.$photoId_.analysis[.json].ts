import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { submissionPhotoAnalysis } from "~/modules/analysis/photo-analysis.server";

/** A submission photo's dot analysis as JSON, for its learner and those who may grade it; 404 for anyone else. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const analysis = orHttpError(() => submissionPhotoAnalysis(context.db, actor, params.photoId ?? ""));
  return Response.json(
    { photoId: params.photoId, analysis: analysis ?? { ok: false, version: 1, reason: "This photo has not been measured.", cardFound: false } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
