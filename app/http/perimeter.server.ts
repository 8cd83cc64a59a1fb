import crypto from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import type { Db } from "~/db/client.server";
import { isStorageUnavailable } from "~/db/unavailable.server";
import { SESSION_COOKIE } from "~/http/session.server";
import { unavailableResponse, withStorageGuard } from "~/http/unavailable.server";
import { hitLimit, limitAddress } from "~/modules/auth/rate-limit.server";
import { UPLOAD_LIMITS } from "~/modules/photos/image-check";

/*
 * The HTTP perimeter: what every request meets before a loader or action runs. server/index.js
 * wires these in order; each is a typed, unit-tested piece (tests/unit/perimeter.test.ts).
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Content-Security-Policy with a per-request nonce. Dev (Vite's HMR) gets a looser one. */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  const script = dev ? `'self' 'nonce-${nonce}' 'unsafe-inline'` : `'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self'" + (dev ? " 'unsafe-inline'" : ""),
    // React sets style attributes (progress bar widths); no inline <style> elements are allowed.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Security headers on every response, set once here (routes do not repeat them). The nonce is
 * left in `res.locals.cspNonce` for the document to use.
 */
export function securityHeaders({ dev = false, production = false }: { dev?: boolean; production?: boolean } = {}): RequestHandler {
  return (_req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, dev));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/**
 * State changes arrive only by POST (and friends) from our own pages: the Origin must be this
 * site. Browsers send Origin on every cross-site POST; a request with neither Origin nor
 * Sec-Fetch-Site comes from a non-browser client, which cannot carry a victim's cookie.
 */
export function originCheck({ appUrl, log = () => {} }: { appUrl?: string; log?: (line: string) => void } = {}): RequestHandler {
  const configured = appUrl ? new URL(appUrl).origin : null;
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const own = new Set([`${req.protocol}://${req.get("host")}`]);
    if (configured) own.add(configured);
    if (origin ? own.has(origin) : !fetchSite || fetchSite === "same-origin" || fetchSite === "none") return next();
    log(`refused cross-origin ${req.method} ${req.path} from ${origin ?? fetchSite}`);
    res.status(403).type("text/plain").send("Cross-origin form posts are not accepted.");
  };
}

/**
 * Signed-in pages must not stay in a shared browser's cache (clinic computers are shared): any
 * response to a request carrying a session cookie is `private, no-store`, whatever a route said.
 * Static assets are served before this runs and keep their long cache.
 */
export function noStoreWhenSignedIn(cookieName = SESSION_COOKIE): RequestHandler {
  const pattern = new RegExp(`(?:^|;\\s*)${cookieName}=`);
  return (req, res, next) => {
    if (!pattern.test(req.get("cookie") ?? "")) return next();
    const writeHead = res.writeHead;
    res.writeHead = function (this: ExpressResponse, ...args: Parameters<typeof writeHead>) {
      this.setHeader("Cache-Control", "private, no-store");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}

/**
 * A coarse ceiling on state-changing requests per address, shared by every worker (the count
 * lives in SQLite). While the database takes no writes nothing can be counted: the request goes
 * on, and its own write answers 503.
 */
export function postCeiling({ db, max, windowMs }: { db: () => Db; max: number; windowMs: number }): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    let state: ReturnType<typeof hitLimit>;
    try {
      state = hitLimit(db(), `post:ip:${limitAddress(req.ip ?? "unknown")}`, { max, windowMs });
    } catch (error) {
      if (isStorageUnavailable(error)) return next();
      throw error;
    }
    if (state.allowed) return next();
    res.setHeader("Retry-After", String(state.retryAfterSeconds));
    res.status(429).type("text/plain").send("Too many requests. Wait a minute and try again.");
  };
}

export const BODY_LIMITS = {
  /** Every form in the app is a few KB; a long logbook note or rubric feedback stays far below this. */
  formBytes: 256 * 1024,
  /** One upload request: the per-submission photo allowance plus room for the form's own fields. */
  multipartBytes: UPLOAD_LIMITS.maxSubmissionBytes + 1024 * 1024,
} as const;

const isMultipart = (req: ExpressRequest) => /^multipart\/form-data\b/i.test(req.get("content-type") ?? "");

/** The body ceiling for a request: uploads get the photo allowance, everything else the form one. */
export function bodyLimitFor(req: ExpressRequest): number {
  return isMultipart(req) ? BODY_LIMITS.multipartBytes : BODY_LIMITS.formBytes;
}

function wantsJson(req: ExpressRequest): boolean {
  return (req.get("accept") ?? "").includes("application/json");
}

/** The 413 answer: a page a person can act on (or JSON for the upload panel's script). */
export function sendTooLarge(req: ExpressRequest, res: ExpressResponse, limit: number): void {
  if (res.headersSent) return;
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  const message = isMultipart(req)
    ? `These photos add up to more than ${size}, the most one upload can carry. Upload fewer at a time, or smaller photos (each at most ${UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} MB).`
    : `What you sent is larger than ${size}, far more than any form here needs. Go back, shorten what you typed, and send it again.`;
  // The connection cannot be reused: the rest of the body is never read.
  res.setHeader("Connection", "close");
  res.status(413);
  if (wantsJson(req)) {
    res.json({ errors: [message], accepted: 0 });
    return;
  }
  res
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too large to accept — Stipple</title></head>` +
        `<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1c1917">` +
        `<p style="font-weight: 600; color: #0f766e">Error 413</p><h1>Too large to accept</h1><p>${message}</p><p><a href="javascript:history.back()" style="color: #0f766e">Go back</a> · <a href="/" style="color: #0f766e">Home page</a></p></body></html>`,
    );
}

/**
 * Refuses a body over its ceiling before it is read: a declared Content-Length over the limit
 * gets 413 at once and the connection is closed without reading the rest.
 */
export function bodyLimits(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const limit = bodyLimitFor(req);
    const declared = Number(req.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      res.on("finish", () => req.socket.destroy());
      return sendTooLarge(req, res, limit);
    }
    next();
  };
}

/** Counts bytes as they pass and stops the stream once there are more than `limit`. */
export class ByteCeiling extends Transform {
  private seen = 0;
  constructor(
    private readonly limit: number,
    private readonly onExceeded: () => void,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      this.onExceeded();
      done(new BodyTooLarge(this.limit));
      return;
    }
    done(null, chunk);
  }
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`Request body over ${limit} bytes`);
  }
}

function fetchHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * The Fetch Request a loader or action sees. The body passes through a byte ceiling, so a body
 * sent without Content-Length (or with a false one) is cut off at the same limit: the client
 * gets the 413 page, the action never sees more than the limit.
 */
export function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname respects the `trust proxy` setting; the port comes from the host header used.
  const port = /:(\d+)$/.exec((req.app.get("trust proxy") && req.get("x-forwarded-host")) || req.get("host") || "")?.[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => finished || controller.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: fetchHeaders(req), signal: controller.signal };
  if (!SAFE_METHODS.has(req.method)) {
    const limit = bodyLimitFor(req);
    const ceiling = new ByteCeiling(limit, () => {
      sendTooLarge(req, res, limit);
      res.on("finish", () => req.socket.destroy());
      // The request is over as far as the app is concerned: Remix sees an aborted request and
      // neither logs the cut-off body as a server error nor tries to answer.
      controller.abort();
    });
    req.on("error", (error) => ceiling.destroy(error));
    init.body = createReadableStreamFromReadable(req.pipe(ceiling));
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendFetchResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Remix behind Express, with the body ceiling above. (The @remix-run/express adapter reads the
 * body straight from the socket, with no limit.)
 */
export function remixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handle = createRequestHandler(typeof build === "function" ? async () => withStorageGuard(await build()) : withStorageGuard(build), mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handle(toFetchRequest(req, res), getLoadContext(req, res));
      // A body over its limit was already answered with 413; whatever the action made of the
      // cut-off body is dropped.
      if (res.headersSent) return;
      await sendFetchResponse(res, response);
    } catch (error) {
      if (res.headersSent) return;
      // A storage failure outside any loader (opening the database for the load context, say).
      if (isStorageUnavailable(error)) return sendFetchResponse(res, unavailableResponse());
      next(error);
    }
  };
}
