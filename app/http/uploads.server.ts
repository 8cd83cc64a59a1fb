import fs from "node:fs";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createFileUploadHandler as createFileUploadHandler,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { getEnv } from "~/env.server";
import { Invalid } from "~/modules/errors";
import { UPLOAD_LIMITS } from "~/modules/practicals/image-check";

export type UploadedFile = { path: string; size: number; name: string };

class TooManyFiles extends Error {}

/**
 * Parses a multipart form, streaming each `photos` part to a temporary file (never the whole
 * request in memory), with limits on the size of each file, the number of files and the other
 * fields. Returns the form and the files, or a message for the person when a limit is passed
 * (any files already written are deleted).
 */
export async function readPhotoUploads(request: Request, maxFiles: number): Promise<{ form: FormData; files: UploadedFile[] } | { error: string }> {
  const directory = path.join(getEnv().STIPPLE_DATA_DIR, "tmp-uploads");
  fs.mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  const originalNames = new Map<string, string>();
  let count = 0;
  const fileHandler = createFileUploadHandler({ directory, maxPartSize: UPLOAD_LIMITS.maxFileBytes, avoidFileConflicts: true, filter: ({ name }) => name === "photos" });
  const counted: UploadHandler = async (part) => {
    if (part.name !== "photos") return undefined;
    if (!part.filename) return undefined;
    if (++count > maxFiles) throw new TooManyFiles();
    const file = (await fileHandler(part)) as unknown as { getFilePath(): string } | undefined;
    if (file) {
      written.push(file.getFilePath());
      originalNames.set(file.getFilePath(), part.filename.split(/[\\/]/).pop()!.slice(0, 200));
    }
    return file as unknown as File;
  };
  try {
    const form = await parseMultipartFormData(request, composeUploadHandlers(counted, createMemoryUploadHandler({ maxPartSize: 64 * 1024 })));
    const files = form
      .getAll("photos")
      .filter((f): f is File => typeof f === "object" && f !== null && "getFilePath" in f)
      .map((f) => {
        const filePath = (f as unknown as { getFilePath(): string }).getFilePath();
        return { path: filePath, size: f.size, name: originalNames.get(filePath) ?? "photo" };
      });
    return { form, files };
  } catch (error) {
    await Promise.all(written.map((f) => fs.promises.rm(f, { force: true })));
    if (error instanceof MaxPartSizeExceededError) return { error: `Each photo must be at most ${UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} MB.` };
    if (error instanceof TooManyFiles) return { error: `Upload at most ${maxFiles} photos.` };
    throw error;
  }
}

/** Whether the upload came from the page's script (which wants JSON) rather than a plain form post. */
export const wantsJson = (request: Request) => (request.headers.get("Accept") ?? "").includes("application/json");

/**
 * Reads a multipart upload and hands each photo to `stage` (the domain's staging), one at a
 * time. A photo the domain refuses (Invalid) is reported by its name without stopping the
 * others; a limit passed while reading refuses the whole request. Any other error is rethrown,
 * after the temporary files not yet handed over are deleted.
 */
export async function stagePhotoUploads(request: Request, maxFiles: number, stage: (file: UploadedFile) => Promise<unknown>): Promise<{ errors: string[]; accepted: number }> {
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
