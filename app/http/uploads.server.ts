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
