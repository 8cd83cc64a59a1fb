import { notFound } from "~/http/errors.server";

/** A course image as public, cacheable course material that can never run script; 404 when there is none. */
export function contentImageResponse(image: { bytes: Uint8Array<ArrayBuffer>; contentType: string } | null): Response {
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
