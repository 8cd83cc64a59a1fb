// `npm test`: the whole automated suite — unit and integration tests (vitest), then the
// browser journeys (Playwright in Debian's Chromium) when Chromium is installed. Ends with
// one plain line "N passed, N failed" that sums both runners.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "test-results");
fs.mkdirSync(out, { recursive: true });
/** @param {string} name */
const bin = (name) => path.join(root, "node_modules", ".bin", name);
/**
 * Runs a command in the foreground; returns its exit status (1 if it could not start or was killed).
 * @param {string} cmd
 * @param {string[]} args
 * @param {Record<string, string>} [env] added to this process's environment
 * @returns {number}
 */
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

const vitestJson = path.join(out, "vitest.json");
fs.rmSync(vitestJson, { force: true });
const vitestStatus = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
let passed = 0;
let failed = 0;
if (fs.existsSync(vitestJson)) {
  const r = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
if (vitestStatus !== 0 && failed === 0) failed += 1;

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let browserStatus = 0;
if (fs.existsSync(chromium)) {
  const pwJson = path.join(out, "playwright.json");
  fs.rmSync(pwJson, { force: true });
  browserStatus = run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (fs.existsSync(pwJson)) {
    const { stats } = JSON.parse(fs.readFileSync(pwJson, "utf8"));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  if (browserStatus !== 0 && !fs.existsSync(pwJson)) failed += 1;
} else if (process.env.STIPPLE_REQUIRE_BROWSER) {
  console.error(`Chromium is not at ${chromium}; the browser tests cannot run.`);
  failed += 1;
} else {
  console.log(`\nBrowser tests skipped: no Chromium at ${chromium} (install it with: apt-get install chromium).`);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(vitestStatus !== 0 || browserStatus !== 0 || failed > 0 ? 1 : 0);
