// `npm start`: build when the sources are newer than the build, then serve.
// React and Express run their optimised code paths whatever the deployment; the deployment
// (demo unless NODE_ENV=production was given) decides seeding and the demo-only pages.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.STIPPLE_DEPLOYMENT ??= process.env.NODE_ENV === "production" ? "production" : "demo";
process.env.NODE_ENV = "production";

/**
 * The newest modification time (ms) of a file, or of anything in a folder, recursively; 0 if it does not exist.
 * @param {string} p
 * @returns {number}
 */
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = path.join(root, "build/server/index.js");
const sources = ["app", "public", "vite.config.ts", "tailwind.config.ts", "postcss.config.js", "package-lock.json"].map((p) => path.join(root, p));
if (!fs.existsSync(built) || Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs) {
  console.log("[stipple] building the app (first start or changed sources)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import("./index.js");
