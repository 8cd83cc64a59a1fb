import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/errors.server";
import { findMdxByHash } from "~/modules/content/catalogue.server";
import { compileMdx, toBrowserModule } from "~/modules/content/compile-mdx.server";

/**
 * A compiled module body as a same-origin ES module, so the browser needs no eval and the CSP
 * stays strict. Named by content hash: immutable, cacheable for a year. Course text is not
 * secret (the catalogue is public); answer keys live in quiz banks, never in module bodies.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-f0-9]{64})\.js$/.exec(params.file ?? "");
  const mod = match ? findMdxByHash(match[1]!) : undefined;
  if (!mod) notFound();
  const compiled = await compileMdx(mod);
  return new Response(toBrowserModule(compiled), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
