import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DotAnalysis } from "./analyse";
import type { AnalysisJob } from "./analysis-worker";

type Pending = { resolve: (result: DotAnalysis) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** A photo taking longer than this is not going to be measured; the worker is replaced. */
const TIMEOUT_MS = 20_000;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    job.reject(error);
    pending.delete(id);
  }
}

function startWorker(): Worker {
  // The worker is TypeScript source loaded through tsx (a runtime dependency), from the app's
  // root, so the same file serves the dev server, the built server, tests and the bench.
  const file = path.resolve(process.cwd(), "app/modules/analysis/analysis-worker.ts");
  // Node 20's workers ignore `--import` in execArgv, so the worker registers tsx's loader itself.
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(require("node:worker_threads").workerData.url); });`;
  const w = new Worker(bootstrap, { eval: true, workerData: { url: pathToFileURL(file).href }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  w.on("message", (message: { id: number; result?: DotAnalysis; error?: string }) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    clearTimeout(job.timer);
    if (message.result) job.resolve(message.result);
    else job.reject(new Error(message.error ?? "analysis failed"));
  });
  w.on("error", (error) => {
    worker = null;
    failAll(error);
  });
  w.on("exit", () => {
    if (worker === w) worker = null;
    failAll(new Error("The analysis worker stopped."));
  });
  // Idle, it must not keep the process alive.
  w.unref();
  return w;
}

/**
 * Measures a photo's dots in the analysis worker thread (one long-lived worker, jobs queued in
 * order). Resolves with the analysis, "could not measure" included; rejects only when the
 * worker itself fails or times out.
 */
export function analyseInWorker(bytes: Uint8Array, ruler: number | null = null): Promise<DotAnalysis> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise<DotAnalysis>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error("The analysis took too long."));
      void w.terminate();
    }, TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    w.ref();
    const job: AnalysisJob = { id, bytes, ruler };
    w.postMessage(job);
  }).finally(() => {
    if (pending.size === 0) w.unref();
  });
}

/** Stops the worker (tests and shutdown). */
export async function stopAnalysisWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
