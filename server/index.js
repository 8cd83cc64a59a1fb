// Stipple's HTTP server: wires the typed perimeter (app/http/perimeter.server.ts: security
// headers, origin check, body limits, the POST ceiling, the Remix handler) with compression,
// static files, clustering and graceful shutdown.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEV = process.env.NODE_ENV === "development";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const WORKERS = DEV ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));

/**
 * What the server build's entry (app/entry.server.tsx) exports besides Remix's handlers.
 * @typedef {typeof import("../app/entry.server")} ServerEntry
 */
/** @typedef {import("@remix-run/node").ServerBuild} ServerBuild */

/** @param {...unknown} args */
const log = (...args) => console.log(`[stipple${cluster.isWorker && cluster.worker ? ` ${cluster.worker.id}` : ""}]`, ...args);

/**
 * Development: a Vite dev server that compiles the build on demand. Otherwise: the build on disk.
 * @returns {Promise<{ vite: import("vite").ViteDevServer, build?: undefined } | { build: ServerBuild, vite?: undefined }>}
 */
async function loadBuild() {
  if (DEV) return { vite: await devVite() };
  return { build: await import(path.join(root, "build/server/index.js")) };
}

async function devVite() {
  const { createServer } = await import("vite");
  return createServer({ root, server: { middlewareMode: true } });
}

async function createApp() {
  const { build, vite } = await loadBuild();
  /** @type {ServerBuild | (() => Promise<ServerBuild>)} */
  const serverBuild = vite ? () => /** @type {Promise<ServerBuild>} */ (vite.ssrLoadModule("virtual:remix/server-build")) : build;
  // Remix types the entry module as its request handlers only; ours also exports the perimeter
  // and the start-up and housekeeping tasks.
  const entry = /** @type {ServerEntry} */ (vite ? (await vite.ssrLoadModule("virtual:remix/server-build")).entry.module : build.entry.module);
  await entry.startup();

  const { perimeter } = entry;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback");
  app.use(perimeter.securityHeaders({ dev: DEV, production: process.env.STIPPLE_DEPLOYMENT === "production" }));
  app.use(compression());
  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y", index: false }));
    // Other public files (favicon…) have an extension; pages never do, so they skip the disk.
    const publicFiles = express.static(path.join(root, "build/client"), { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) && !req.path.startsWith("/mdx/") ? publicFiles(req, res, next) : next()));
  }
  app.use(perimeter.noStoreWhenSignedIn());
  app.use(perimeter.originCheck({ appUrl: process.env.APP_URL, log }));
  app.use(perimeter.bodyLimits());
  app.use(perimeter.postCeiling({ db: entry.getDb, max: 600, windowMs: 60_000 }));
  app.all(
    "*",
    perimeter.remixHandler({
      build: serverBuild,
      mode: DEV ? "development" : "production",
      getLoadContext: (req, res) => ({ db: entry.getDb(), cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
    }),
  );
  return { app, entry };
}

/**
 * Listens on HOST:PORT; on SIGTERM or SIGINT finishes open requests, calls `onClose`, and exits.
 * @param {import("express").Express} app
 * @param {() => void} [onClose]
 */
function serve(app, onClose) {
  const server = app.listen(PORT, HOST, () => log(`listening on http://localhost:${PORT}`));
  server.keepAliveTimeout = 65_000;
  /** @param {NodeJS.Signals} signal */
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
  /** @param {NodeJS.Signals} signal */
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
