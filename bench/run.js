// `npm run bench`: a signed-in learner's module page, served by the built app, next to a bare
// node:http server answering the same HTML from memory — same machine, same run, same load
// (autocannon, 50 connections, loopback). Prints throughput, p50/p99, errors, the ratio of the
// two throughputs, and the gzipped JavaScript the module page loads. Figures, not assertions.
import { spawn, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3201);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3202);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MODULE_PATH = "/courses/smp-practitioner/skin-anatomy-and-puncture-depth";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-bench-"));
const app = spawn(process.execPath, [path.join(root, "server/start.js")], {
  cwd: root,
  env: { ...process.env, PORT: String(APP_PORT), STIPPLE_DATA_DIR: dataDir, HOST: "127.0.0.1" },
  stdio: ["ignore", "pipe", "inherit"],
});
/** @type {import("node:child_process").ChildProcess | undefined} */
let bare;
const cleanup = () => {
  app.kill("SIGTERM");
  bare?.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.on("exit", cleanup);

/**
 * @param {string} url
 * @param {number} [ms]
 */
async function waitFor(url, ms = 180_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @returns {Promise<import("autocannon").Result>}
 */
function load(url, headers = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** @param {import("autocannon").Result} r */
const summary = (r) => ({
  "req/s": Math.round(r.requests.average),
  "p50 ms": r.latency.p50,
  "p99 ms": r.latency.p99,
  errors: r.errors + r.timeouts + (r.non2xx ?? 0),
  requests: r.requests.total,
});

await waitFor(`http://127.0.0.1:${APP_PORT}/healthz`);
const login = await fetch(`http://127.0.0.1:${APP_PORT}/login`, {
  method: "POST",
  redirect: "manual",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${APP_PORT}` },
  body: new URLSearchParams({ email: "learner@demo.stipple", password: "stipple-demo-2026" }),
});
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
if (!cookie.startsWith("stipple_session=")) throw new Error(`login failed: ${login.status}`);
const pageUrl = `http://127.0.0.1:${APP_PORT}${MODULE_PATH}`;
const page = await fetch(pageUrl, { headers: { cookie } });
const html = await page.text();
if (!page.ok || !html.includes("data-mdx-hash")) throw new Error(`module page did not render: ${page.status}`);

// JavaScript the page loads: module scripts, modulepreloads and the compiled MDX module.
/** @type {Set<string>} */
const scripts = new Set();
for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)) if (m[1]) scripts.add(m[1]);
for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) if (m[1]) scripts.add(m[1]);
let gz = 0;
let raw = 0;
for (const src of scripts) {
  const body = Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer());
  raw += body.length;
  gz += gzipSync(body).length;
}

// The bare server runs in its own process, like the app, so neither shares a core with autocannon's loop.
const bareFile = path.join(dataDir, "page.html");
fs.writeFileSync(bareFile, html);
bare = fork(path.join(root, "bench/bare-server.js"), [String(BARE_PORT), bareFile], { stdio: "inherit" });
await waitFor(`http://127.0.0.1:${BARE_PORT}/`);

// Warm both, then measure.
await load(pageUrl, { cookie }).catch(() => {});
const appResult = await load(pageUrl, { cookie });
const bareResult = await load(`http://127.0.0.1:${BARE_PORT}/`);

const a = summary(appResult);
const b = summary(bareResult);
console.log(`\nModule page (${MODULE_PATH}), ${CONNECTIONS} connections, ${DURATION} s, ${os.availableParallelism()} cores\n`);
console.table({ "Stipple (signed in)": a, "bare node:http, same HTML": b });
console.log(`throughput ratio: ${((a["req/s"] / b["req/s"]) * 100).toFixed(2)}% of the bare server`);
console.log(`HTML: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB, ${(gzipSync(html).length / 1024).toFixed(1)} KiB gzipped`);
console.log(`JavaScript loaded by the page: ${scripts.size} files, ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped`);
process.exit(0);
