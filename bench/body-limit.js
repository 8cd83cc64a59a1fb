// `npm run bench:body-limit`: the memory of the app while 150 MB request bodies are refused.
// Starts the built app with one worker, samples that worker's resident memory (from /proc)
// while it refuses a 150 MB form POST to /login sent with Content-Length, then the same sent
// chunked without a length (cut off by the byte ceiling), then a 150 MB multipart upload.
// Prints the baseline and peak RSS and each answer's status and time. Linux only (/proc).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startApp } from "./lib.js";

const SIZE = Number(process.argv[2] ?? 150) * 1024 * 1024;
const PORT = 3400 + Math.floor(Math.random() * 200);
process.env.WEB_CONCURRENCY = "1";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-body-"));
const { app, base } = await startApp(dataDir, PORT);

/** @param {number} pid */
const rssMiB = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kB = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kB === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kB) / 1024;
};
// With one worker the server process is the worker.
if (app.pid === undefined) throw new Error("the app's process has no pid (it did not spawn)");
const pid = app.pid;
execFileSync("sleep", ["1"]);
const baseline = rssMiB(pid);

/**
 * @typedef {object} SendResult
 * @property {number | string | undefined} status the HTTP status, or "connection closed" if none arrived
 * @property {number} ms
 * @property {number} peak the worker's peak RSS, MiB
 * @property {number} sentMiB
 */

/**
 * Sends SIZE bytes; resolves with the status (if one arrived before the server closed) and the worker's peak RSS.
 * @param {{ headers: Record<string, string> }} options
 * @returns {Promise<SendResult>}
 */
function send({ headers }) {
  return new Promise((resolve) => {
    const started = performance.now();
    let peak = rssMiB(pid);
    /** @type {SendResult["status"]} */
    let status = "connection closed";
    let sent = 0;
    const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
    const done = () => {
      clearInterval(timer);
      resolve({ status, ms: performance.now() - started, peak, sentMiB: sent / 1024 / 1024 });
    };
    const req = http.request(`${base}/login`, { method: "POST", headers: { origin: base, ...headers } }, (res) => {
      status = res.statusCode;
      res.resume();
      res.on("end", done);
      res.on("error", done);
    });
    req.on("error", () => (status === "connection closed" ? done() : undefined));
    const chunk = Buffer.alloc(1024 * 1024, 97);
    const pump = () => {
      while (sent < SIZE && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

/** @type {[string, SendResult][]} */
const rows = [
  ["form, Content-Length", await send({ headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(SIZE) } })],
  ["form, chunked", await send({ headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } })],
  ["multipart, Content-Length", await send({ headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(SIZE) } })],
];
console.log(`worker RSS before: ${baseline.toFixed(0)} MiB`);
for (const [name, r] of rows)
  console.log(`${name.padEnd(26)} → ${r.status} in ${r.ms.toFixed(0)} ms after ${r.sentMiB.toFixed(0)} MiB written, worker peak RSS ${r.peak.toFixed(0)} MiB`);
process.exit(0);
