import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { getEnv } from "~/env.server";
import { Invalid } from "~/modules/errors";
import { UPLOAD_LIMITS } from "~/modules/photos/image-check";

export type UploadedFile = { path: string; size: number; name: string };

/**
 * What one upload request may hold besides its photos. Upload forms send an intent and a handful
 * of hidden fields; anything far beyond that is not one of our forms.
 */
export const MULTIPART_LIMITS = { fields: 20, fieldBytes: 64 * 1024, extraParts: 20 } as const;

const UNREADABLE = "This upload could not be read: the connection may have dropped. Choose the photos again and upload them once more.";

/** A file name as people see it again in messages: no path, no control characters, not too long. */
export function displayName(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (filename.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base.slice(0, 200) || "photo";
}

/**
 * Parses a multipart form, streaming each `photos` part to a temporary file (never the whole
 * request in memory), with limits on the size of each file, the number of files, the number of
 * other fields and parts, and the size of each field (busboy; decision 019). Returns the form's
 * other fields and the files, or a message for the person when a limit is passed or the body
 * cannot be parsed (any files already written are deleted).
 */
export async function readPhotoUploads(request: Request, maxFiles: number): Promise<{ form: FormData; files: UploadedFile[] } | { error: string }> {
  const directory = path.join(getEnv().STIPPLE_DATA_DIR, "tmp-uploads");
  await fs.promises.mkdir(directory, { recursive: true });
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) return { error: "Choose at least one photo." };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as UTF-8 (busboy would read them as Latin-1).
      defParamCharset: "utf8",
      limits: {
        fileSize: UPLOAD_LIMITS.maxFileBytes,
        files: maxFiles,
        fields: MULTIPART_LIMITS.fields,
        fieldSize: MULTIPART_LIMITS.fieldBytes,
        parts: maxFiles + MULTIPART_LIMITS.extraParts,
      },
    });
  } catch {
    return { error: UNREADABLE };
  }
  const form = new FormData();
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  let problem: string | null = null;
  const refuse = (message: string) => (problem ??= message);

  parser.on("file", (name, stream, info) => {
    if (name !== "photos" || !info.filename || problem) {
      stream.resume();
      return;
    }
    const file = path.join(directory, `upload-${randomBytes(12).toString("hex")}`);
    const entry: UploadedFile = { path: file, size: 0, name: displayName(info.filename) };
    files.push(entry);
    stream.on("data", (chunk: Buffer) => (entry.size += chunk.length));
    stream.on("limit", () => refuse(`Each photo must be at most ${UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} MB.`));
    writes.push(pipeline(stream, fs.createWriteStream(file, { flags: "wx" })).catch(() => void refuse(UNREADABLE)));
  });
  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) refuse("A field of this upload is far longer than the form allows.");
    else form.append(name, value);
  });
  parser.on("filesLimit", () => refuse(`Upload at most ${maxFiles} photos.`));
  parser.on("fieldsLimit", () => refuse("This upload carries more fields than the photo form has."));
  parser.on("partsLimit", () => refuse("This upload carries more parts than the photo form has."));

  try {
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
  } catch {
    refuse(UNREADABLE);
  }
  await Promise.all(writes);
  if (problem) {
    await Promise.all(files.map((f) => fs.promises.rm(f.path, { force: true })));
    return { error: problem };
  }
  return { form, files };
}

/** Whether the upload came from the page's script (which wants JSON) rather than a plain form post. */
export const wantsJson = (request: Request) => (request.headers.get("Accept") ?? "").includes("application/json");

/**
 * Reads a multipart upload and hands each photo to `stage` (the domain's staging), one at a
 * time. A photo the domain refuses (Invalid) is reported by its name without stopping the
 * others; a limit passed while reading refuses the whole request. Any other error is rethrown,
 * after the temporary files not yet handed over are deleted.
 */
export async function stagePhotoUploads(
  request: Request,
  maxFiles: number,
  stage: (file: UploadedFile) => Promise<unknown>,
): Promise<{ errors: string[]; accepted: number }> {
  const parsed = await readPhotoUploads(request, maxFiles);
  if ("error" in parsed) return { errors: [parsed.error], accepted: 0 };
  if (!parsed.files.length) return { errors: ["Choose at least one photo."], accepted: 0 };
  const errors: string[] = [];
  let accepted = 0;
  for (const [i, file] of parsed.files.entries()) {
    try {
      await stage(file);
      accepted++;
    } catch (error) {
      if (error instanceof Invalid) {
        errors.push(`${file.name}: ${error.message}`);
        continue;
      }
      await Promise.all(parsed.files.slice(i).map((f) => fs.promises.rm(f.path, { force: true })));
      throw error;
    }
  }
  return { errors, accepted };
}
