// `npm run bench:uploads`: learners upload 12-megapixel JPEGs at the same time through the
// real upload action. Prints the time per photo (p50/p95, upload + check + re-encode + store)
// and the peak memory (VmHWM) of each server process. Figures, not assertions.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import sharp from "sharp";
import { percentile, seedLearners, startApp } from "./lib.js";

const LEARNERS = Number(process.argv[2] ?? process.env.BENCH_LEARNERS ?? 8);
const PHOTOS_EACH = Number(process.env.BENCH_PHOTOS_EACH ?? 3);
const PORT = Number(process.env.BENCH_APP_PORT ?? 3204);
const { dataDir, cookies } = seedLearners("stipple-uploads-", LEARNERS);

// A 12 MP photo-like JPEG: noise does not compress away, so it weighs about what a phone photo does.
// (sharp ignores `background` when `noise` is given, but its types require one.)
const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#000", noise: { type: "gaussian", mean: 140, sigma: 25 } } })
  .jpeg({ quality: 85 })
  .toBuffer();

const { app, base } = await startApp(dataDir, PORT);

/** @type {number[]} milliseconds per photo */
const times = [];
let errors = 0;
/**
 * @param {string} cookie
 * @param {number} index
 */
async function learner(cookie, index) {
  for (let n = 0; n < PHOTOS_EACH; n++) {
    const body = new FormData();
    body.set("intent", "upload");
    body.append("photos", new Blob([photo], { type: "image/jpeg" }), `IMG_${index}_${n}.jpg`);
    const t = performance.now();
    const res = await fetch(`${base}/practicals/dot-consistency-grid`, {
      method: "POST",
      headers: { cookie, origin: base, accept: "application/json", "x-forwarded-for": `10.9.${index >> 8}.${index & 255}` },
      body,
    });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (!res.ok) errors++;
  }
}

const began = performance.now();
await Promise.all(cookies.map((c, i) => learner(c, i)));
const seconds = (performance.now() - began) / 1000;

const pids = [
  app.pid,
  ...execFileSync("pgrep", ["-P", String(app.pid)])
    .toString()
    .trim()
    .split("\n")
    .filter(Boolean)
    .map(Number),
];
const peaks = pids.map((pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
});
/** @param {number} p */
const pct = (p) => Math.round(percentile(times, p));
console.log(
  `\nUploads: ${LEARNERS} learners at once × ${PHOTOS_EACH} photos of 4000×3000 (${(photo.length / 1024 / 1024).toFixed(1)} MB each), ${os.availableParallelism()} cores`,
);
console.table({
  "per photo": { photos: times.length, "p50 ms": pct(50), "p95 ms": pct(95), "max ms": Math.round(Math.max(...times)), errors },
});
console.log(
  `throughput: ${(times.length / seconds).toFixed(2)} photos/s; peak memory (VmHWM) per server process: ${peaks.map((m) => `${m.toFixed(0)} MiB`).join(", ")}`,
);
process.exit(0);
