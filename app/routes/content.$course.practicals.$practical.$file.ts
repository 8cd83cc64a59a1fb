import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentImageResponse } from "~/http/content-image.server";
import { practicalImage } from "~/modules/content/content-files.server";

/** A rubric level's example image from a practical's folder: public course material, never script-capable. */
export function loader({ params }: LoaderFunctionArgs) {
  return contentImageResponse(practicalImage(params.course ?? "", params.practical ?? "", params.file ?? ""));
}
