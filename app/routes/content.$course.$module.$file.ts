import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/errors.server";
import { contentImage } from "~/modules/content/content-files.server";

/** Figures of a module (quiz images): public course material, never script-capable. */
export function loader({ params }: LoaderFunctionArgs) {
  const image = contentImage(params.course ?? "", params.module ?? "", params.file ?? "");
  if (!image) notFound();
  return new Response(image.bytes, {
    headers: {
      "Content-Type": image.contentType,
      "Cache-Control": "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      // An SVG opened on its own must not run anything.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
