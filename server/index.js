// Stipple's HTTP server: one place for security headers, CSRF origin checks, a request
// ceiling per address, compression, static files, clustering and graceful shutdown.
import cluster from "node:cluster";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEV = process.env.NODE_ENV === "development";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const WORKERS = DEV ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));

const log = (...args) => console.log(`[stipple${cluster.isWorker ? ` ${cluster.worker.id}` : ""}]`, ...args);

async function loadBuild() {
  if (DEV) return { vite: await devVite() };
  return { build: await import(path.join(root, "build/server/index.js")) };
}

async function devVite() {
  const { createServer } = await import("vite");
  return createServer({ root, server: { middlewareMode: true } });
}

/** Content-Security-Policy with a per-request nonce. Dev (Vite's HMR) gets a looser one. */
function csp(nonce) {
  const script = DEV ? `'self' 'nonce-${nonce}' 'unsafe-inline'` : `'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self'" + (DEV ? " 'unsafe-inline'" : ""),
    // React sets style attributes (progress bar widths); no inline <style> elements are allowed.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${DEV ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function securityHeaders(req, res, next) {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", csp(nonce));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (process.env.STIPPLE_DEPLOYMENT === "production") {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
}

/**
 * State changes arrive only by POST (and friends) from our own pages: the Origin must be this
 * site. Browsers send Origin on every cross-site POST; a request with neither Origin nor
 * Sec-Fetch-Site comes from a non-browser client, which cannot carry a victim's cookie.
 */
function originCheck(req, res, next) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const own = new Set([`${req.protocol}://${req.get("host")}`]);
  if (process.env.APP_URL) own.add(new URL(process.env.APP_URL).origin);
  if (origin ? own.has(origin) : !fetchSite || fetchSite === "same-origin" || fetchSite === "none") return next();
  log(`refused cross-origin ${req.method} ${req.path} from ${origin ?? fetchSite}`);
  res.status(403).type("text/plain").send("Cross-origin form posts are not accepted.");
}

/** A coarse ceiling on state-changing requests per address (account-level limits live in the app). */
function postCeiling({ max, windowMs }) {
  const hits = new Map();
  setInterval(() => hits.clear(), windowMs).unref();
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const n = (hits.get(req.ip) ?? 0) + 1;
    hits.set(req.ip, n);
    if (n > max) {
      res.setHeader("Retry-After", String(Math.ceil(windowMs / 1000)));
      return res.status(429).type("text/plain").send("Too many requests. Wait a minute and try again.");
    }
    next();
  };
}

async function createApp() {
  const { build, vite } = await loadBuild();
  const serverBuild = vite ? () => vite.ssrLoadModule("virtual:remix/server-build") : build;
  const entry = vite ? (await serverBuild()).entry.module : build.entry.module;
  await entry.startup();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback");
  app.use(securityHeaders);
  app.use(compression());
  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y", index: false }));
    // Other public files (favicon…) have an extension; pages never do, so they skip the disk.
    const publicFiles = express.static(path.join(root, "build/client"), { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) && !req.path.startsWith("/mdx/") ? publicFiles(req, res, next) : next()));
  }
  app.use(originCheck);
  app.use(postCeiling({ max: 120, windowMs: 60_000 }));
  app.all(
    "*",
    createRequestHandler({
      build: serverBuild,
      mode: DEV ? "development" : "production",
      getLoadContext: (req, res) => ({ db: entry.getDb(), cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
    }),
  );
  return { app, entry };
}

function serve(app, onClose) {
  const server = app.listen(PORT, HOST, () => log(`listening on http://localhost:${PORT}`));
  server.keepAliveTimeout = 65_000;
  const shutdown = (signal) => {
    log(`${signal}: finishing open requests`);
    server.close(() => {
      onClose?.();
      process.exit(0);
    });
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (WORKERS > 1 && cluster.isPrimary) {
  // The primary prepares the database and content once, then forks; workers find nothing to do.
  const { entry } = await createApp();
  const timer = setInterval(() => entry.housekeeping?.().catch((e) => log("housekeeping failed", e)), 60_000);
  timer.unref();
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    log(`worker ${worker.id} exited (${code}); starting another`);
    cluster.fork();
  });
  const stop = (signal) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => process.exit(0), 11_000).unref();
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
} else {
  try {
    const { app, entry } = await createApp();
    if (WORKERS === 1) setInterval(() => entry.housekeeping?.().catch((e) => log("housekeeping failed", e)), 60_000).unref();
    serve(app);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
