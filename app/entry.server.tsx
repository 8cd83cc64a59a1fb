import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { RETRY_AFTER_SECONDS } from "~/http/unavailable.server";
import { cachedDocument, fingerprint, NONCE_PLACEHOLDER, storeDocument, withNonce } from "./render-cache.server";

export { startup } from "./startup.server";
export { housekeeping } from "./housekeeping.server";
export { getDb } from "./db/client.server";
export * as perimeter from "./http/perimeter.server";

export const streamTimeout = 5_000;

const CACHE_RENDERS = process.env.NODE_ENV === "production";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  retryLaterWhenUnavailable(responseStatusCode, responseHeaders);
  // Pages that change every request (a running quiz: its clock) say no-store and skip the cache.
  const noStore = /no-store/.test(responseHeaders.get("Cache-Control") ?? "");
  const key = CACHE_RENDERS && !noStore ? documentKey(request, responseStatusCode, remixContext) : null;
  if (key) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    const hit = cachedDocument(key);
    if (hit) return new Response(withNonce(hit, nonce), { status: responseStatusCode, headers: responseHeaders });
    return renderToString(remixContext, request.url, NONCE_PLACEHOLDER).then((html) => {
      const doc = storeDocument(key, html);
      return new Response(withNonce(doc, nonce), { status: responseStatusCode, headers: responseHeaders });
    });
  }
  return renderStream(request, responseStatusCode, responseHeaders, remixContext, nonce);
}

/**
 * A 503 (storage refused a write: app/http/unavailable.server.ts) says when to come back. Remix
 * keeps only cookies from a thrown Response's headers on documents and `.data` answers, so the
 * header is set here for both.
 */
function retryLaterWhenUnavailable(status: number, headers: Headers): void {
  if (status === 503 && !headers.has("Retry-After")) headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
}

/** Client navigations and fetchers (`.data` requests): the same Retry-After as documents. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  retryLaterWhenUnavailable(response.status, response.headers);
  return response;
};

/** What determines the document: URL, status and the data of every route on the page. */
function documentKey(request: Request, status: number, remixContext: EntryContext): string | null {
  if (request.method !== "GET" || remixContext.isSpaMode) return null;
  const { loaderData, actionData, errors } = remixContext.staticHandlerContext;
  if (actionData || errors) return null;
  const data = fingerprint(loaderData);
  return data ? `${status} ${request.url} ${data}` : null;
}

function app(remixContext: EntryContext, url: string, nonce: string) {
  return (
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={url} abortDelay={streamTimeout} nonce={nonce} />
    </NonceContext.Provider>
  );
}

/** The whole document as one string (used for cacheable pages, which have no deferred data). */
function renderToString(remixContext: EntryContext, url: string, nonce: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (c: Buffer) => chunks.push(c));
    sink.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    const { pipe, abort } = renderToPipeableStream(app(remixContext, url, nonce), {
      nonce,
      onAllReady: () => pipe(sink),
      onShellError: reject,
      onError: (error: unknown) => console.error(error),
    });
    setTimeout(abort, streamTimeout + 1_000);
  });
}

function renderStream(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, nonce: string) {
  // Crawlers get the whole document at once; people get the shell early.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(app(remixContext, request.url, nonce), {
      nonce,
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1_000);
  });
}
