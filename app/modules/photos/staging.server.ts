import fs from "node:fs";
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { stagedPhotos, type StagedPhoto } from "~/db/schema";
import type { Course } from "~/modules/content/load-content.server";
import { crashPoint } from "~/modules/crash-point.server";
import { Invalid, NotFound } from "~/modules/errors";
import { isEnrolled } from "~/modules/progress/progress.server";
import type { Storage } from "~/modules/storage/storage.server";
import { UPLOAD_LIMITS } from "./image-check";
import { processPhoto } from "./image-pipeline.server";
import type { PhotoSlot } from "./slots";
import { removeStoredPhotos, storedPhotoFile } from "./stored.server";

export function listStaged(db: DbOrTx, userId: string, course: Course, slot: PhotoSlot) {
  return db
    .select()
    .from(stagedPhotos)
    .where(and(eq(stagedPhotos.userId, userId), eq(stagedPhotos.courseSlug, course.slug), eq(stagedPhotos.practicalSlug, slot.slug)))
    .orderBy(asc(stagedPhotos.createdAt))
    .all();
}

/**
 * Adds one uploaded photo to the learner's work in progress in a slot (a practical, or the
 * logbook): checked by its bytes, re-encoded without metadata, stored under random keys. The
 * temporary upload file is always deleted; on any refusal nothing is stored. Throws Invalid
 * (field "photos") with the reason.
 */
export async function stagePhoto(
  db: Db,
  storage: Storage,
  userId: string,
  course: Course,
  slot: PhotoSlot,
  upload: { path: string; size: number; name: string },
  now = Date.now(),
) {
  try {
    if (!isEnrolled(db, userId, course.slug)) throw new NotFound("Not enrolled");
    const staged = listStaged(db, userId, course, slot);
    if (staged.length >= slot.photos.max) throw new Invalid(`Add at most ${slot.photos.max} photos.`, "photos");
    const used = staged.reduce((n, s) => n + s.bytes, 0);
    if (used + upload.size > UPLOAD_LIMITS.maxSubmissionBytes) {
      throw new Invalid(`The photos of one submission may add up to at most ${UPLOAD_LIMITS.maxSubmissionBytes / 1024 / 1024} MB.`, "photos");
    }
    const photo = await processPhoto(upload.path, upload.size);
    const storageKey = await storage.put(photo.image, photo.contentType);
    const thumbKey = await storage.put(photo.thumb, photo.contentType);
    crashPoint("stage-photo");
    return db
      .insert(stagedPhotos)
      .values({
        userId,
        courseSlug: course.slug,
        practicalSlug: slot.slug,
        storageKey,
        thumbKey,
        contentType: photo.contentType,
        width: photo.width,
        height: photo.height,
        bytes: photo.image.length,
        originalName: upload.name.slice(0, 200),
        createdAt: now,
      })
      .returning()
      .get();
  } finally {
    await fs.promises.rm(upload.path, { force: true });
  }
}

/**
 * Deletes the rows of staged photos, not their files: once the work that keeps them copied them
 * (in the same transaction), or before their files are removed.
 */
export function unstage(tx: DbOrTx, staged: readonly Pick<StagedPhoto, "id">[]): void {
  if (!staged.length) return;
  tx.delete(stagedPhotos)
    .where(
      inArray(
        stagedPhotos.id,
        staged.map((s) => s.id),
      ),
    )
    .run();
}

/** Removes one of the learner's own staged photos (NotFound for anyone else's). */
export async function removeStaged(db: Db, storage: Storage, userId: string, stagedId: string): Promise<void> {
  const row = db.select().from(stagedPhotos).where(eq(stagedPhotos.id, stagedId)).get();
  if (!row || row.userId !== userId) throw new NotFound("No such photo");
  db.delete(stagedPhotos).where(eq(stagedPhotos.id, stagedId)).run();
  await removeStoredPhotos(storage, [row]);
}

/**
 * Deletes photos staged longer ago than `olderThanMs` and never submitted (an abandoned upload,
 * a case edit never resubmitted), with their stored files. Run by housekeeping; returns how many.
 */
export async function pruneStagedPhotos(db: Db, storage: Storage, olderThanMs: number, now = Date.now()): Promise<number> {
  const stale = db
    .select()
    .from(stagedPhotos)
    .where(lt(stagedPhotos.createdAt, now - olderThanMs))
    .all();
  if (!stale.length) return 0;
  unstage(db, stale);
  await removeStoredPhotos(storage, stale);
  return stale.length;
}

/** A staged photo, for its owner only. */
export async function stagedFile(db: Db, storage: Storage, userId: string, stagedId: string, size: "full" | "thumb") {
  const row = db.select().from(stagedPhotos).where(eq(stagedPhotos.id, stagedId)).get();
  if (!row || row.userId !== userId) throw new NotFound("No such photo");
  return storedPhotoFile(storage, row, size);
}
