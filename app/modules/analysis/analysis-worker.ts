// The worker thread that measures photos, so a second of arithmetic never blocks requests.
import { parentPort } from "node:worker_threads";
import { analysePhotoBytes } from "./analyse-photo.server";

export type AnalysisJob = { id: number; bytes: Uint8Array; ruler: number | null };

parentPort?.on("message", (job: AnalysisJob) => {
  analysePhotoBytes(job.bytes, job.ruler).then(
    (result) => parentPort!.postMessage({ id: job.id, result }),
    (error: unknown) => parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
