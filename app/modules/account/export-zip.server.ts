import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { ExportSnapshot } from "~/modules/account/export-common.server";
import type { Storage } from "~/modules/storage/storage.server";

/** The archive's entries in order: small files first, then each photo, read only when its turn comes. */
async function* entries(snapshot: ExportSnapshot, storage: Storage): AsyncGenerator<{ path: string; bytes: Uint8Array; compress: boolean }> {
  const encoder = new TextEncoder();
  for (const f of snapshot.files) {
    yield { path: f.path, bytes: encoder.encode(typeof f.json === "string" ? f.json : `${JSON.stringify(f.json, null, 2)}\n`), compress: true };
  }
  for (const p of snapshot.photos) {
    const file = await storage.get(p.key);
    // A photo removed since the snapshot (retention, a deleted case) is simply left out.
    if (file) yield { path: p.path, bytes: file.bytes, compress: false };
  }
}

/**
 * The zip of a snapshot as a byte stream, produced as it is read: each pull adds one entry, so
 * at most one photo is in memory at a time, and nothing more is read once `signal` aborts (the
 * person went away). JSON is deflated; photos (already JPEG) are stored as they are.
 */
export function exportZipStream(snapshot: ExportSnapshot, storage: Storage, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const source = entries(snapshot, storage);
  let zip: Zip;
  let produced = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          if (chunk.length) {
            produced++;
            controller.enqueue(chunk);
          }
          if (final) controller.close();
        });
      },
      async pull(controller) {
        const before = produced;
        // Keep adding entries until something came out, so a pull never ends empty-handed.
        while (produced === before) {
          if (signal?.aborted) {
            await source.return(undefined);
            controller.error(new Error("The export was cancelled"));
            return;
          }
          const next = await source.next();
          if (next.done) {
            zip.end();
            return;
          }
          const file = next.value.compress ? new ZipDeflate(next.value.path, { level: 6 }) : new ZipPassThrough(next.value.path);
          zip.add(file);
          file.push(next.value.bytes, true);
        }
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** The download's file name: the person's data as of a day. */
export const exportFileName = (now = Date.now()) => `stipple-data-${new Date(now).toISOString().slice(0, 10)}.zip`;
