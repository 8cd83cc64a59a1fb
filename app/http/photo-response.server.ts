/** A stored photo as a response: private, never sniffed, never shown as a page. */
export function photoResponse(file: { bytes: Buffer; contentType: string }): Response {
  // Only image types we wrote ourselves are served; anything else is refused outright.
  if (!/^image\/(jpeg|png|webp)$/.test(file.contentType)) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=300",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
    },
  });
}
