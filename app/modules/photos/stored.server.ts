import { NotFound } from "~/modules/errors";
import type { Storage } from "~/modules/storage/storage.server";

/** Where a stored photo's files are: the re-encoded photo and its thumbnail. */
export type StoredPhotoKeys = { storageKey: string; thumbKey: string };

/** The columns every photo table keeps for a stored photo (see `photoColumns` in the schema). */
export type StoredPhoto = StoredPhotoKeys & { contentType: string; width: number; height: number; bytes: number };

/** The stored-photo columns of a row (staged, say), to copy into the table that keeps it next. */
export function storedPhotoOf(row: StoredPhoto): StoredPhoto {
  return { storageKey: row.storageKey, thumbKey: row.thumbKey, contentType: row.contentType, width: row.width, height: row.height, bytes: row.bytes };
}

/** One size of a stored photo; NotFound when the file is gone. */
export async function storedPhotoFile(storage: Storage, photo: StoredPhotoKeys, size: "full" | "thumb") {
  const file = await storage.get(size === "thumb" ? photo.thumbKey : photo.storageKey);
  if (!file) throw new NotFound("No such photo");
  return file;
}

/**
 * Deletes the files of stored photos, each photo's full size then its thumbnail. Call it after
 * the rows are gone: a crash in between leaves an unreferenced file, never a broken photo.
 */
export async function removeStoredPhotos(storage: Storage, photos: readonly StoredPhotoKeys[]): Promise<void> {
  for (const photo of photos) {
    await storage.remove(photo.storageKey);
    await storage.remove(photo.thumbKey);
  }
}
