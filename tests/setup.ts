import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, vi } from "vitest";
import { resetEnvForTests } from "~/env.server";

// Each test file gets its own data folder; the content is the real course (or, while someone
// edits it, a copy named by STIPPLE_TEST_CONTENT_DIR).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-test-"));
process.env.STIPPLE_DATA_DIR = dataDir;
process.env.STIPPLE_CONTENT_DIR = path.resolve(process.env.STIPPLE_TEST_CONTENT_DIR ?? "content");
process.env.NODE_ENV = "test";
delete process.env.STIPPLE_DEPLOYMENT;
resetEnvForTests();

// An unexpected console.error is a failure: it usually means a swallowed bug.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(" ")}`);
  });
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});
