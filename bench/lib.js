// Shared by the benchmarks: seed learners, start the built app on its own data folder, wait for it.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * A fresh data folder with `count` enrolled learners; returns their session cookies.
 * @param {string} prefix name prefix of the temporary data folder
 * @param {number} count
 * @returns {{ dataDir: string, cookies: string[] }} the cookies as `stipple_session=…`, one per learner
 */
export function seedLearners(prefix, count) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cookiesFile = path.join(dataDir, "cookies.json");
  execFileSync(path.join(root, "node_modules/.bin/tsx"), ["bench/seed-learners.ts", dataDir, String(count), cookiesFile], { cwd: root, stdio: "inherit" });
  return { dataDir, cookies: JSON.parse(fs.readFileSync(cookiesFile, "utf8")) };
}

/**
 * Starts `npm start`'s server on loopback; stops it and removes the data folder on exit.
 * @param {string} dataDir
 * @param {number} port
 */
export async function startApp(dataDir, port) {
  const app = spawn(process.execPath, [path.join(root, "server/start.js")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), STIPPLE_DATA_DIR: dataDir, HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.on("exit", () => {
    app.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 720) throw new Error("app did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  return { app, base };
}

/**
 * The p-th percentile of a list of numbers.
 * @param {readonly number[]} xs
 * @param {number} p
 * @returns {number}
 */
export function percentile(xs, p) {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  // The index is always in range; `?? 0` only satisfies noUncheckedIndexedAccess.
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
