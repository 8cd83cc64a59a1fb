import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentImageResponse } from "~/http/content-image.server";
import { contentImage } from "~/modules/content/content-files.server";

/** Figures of a module (quiz images): public course material, never script-capable. */
export function loader({ params }: LoaderFunctionArgs) {
  return contentImageResponse(contentImage(params.course ?? "", params.module ?? "", params.file ?? ""));
}
