import { caseRefs } from "./supervision.server";
import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { supervisedCasePhotos, supervisedCases } from "~/db/schema";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Course } from "~/modules/content/load-content.server";
import { Invalid, NotFound } from "~/modules/errors";
import { listStaged, stagePhoto } from "~/modules/photos/staging.server";
import type { PhotoSlot } from "~/modules/photos/slots";
import { removeStoredPhotos, storedPhotoFile } from "~/modules/photos/stored.server";
import type { Storage } from "~/modules/storage/storage.server";
import { MAX_CASE_PHOTOS } from "./case-fields";
import { caseSlot, ownReturnedCase, requireLogbook } from "./cases.server";

// A case's photos: staged through the shared photo pipeline (modules/photos) while a case is
// logged or a returned case is edited, removed from a returned case, and served.

/** Photos staged for a new case (no id) or for a returned case being edited. */
export function stagedCasePhotos(db: DbOrTx, learnerId: string, course: Course, caseId?: string) {
  return listStaged(db, learnerId, course, caseSlot(caseId));
}

function photoCount(db: DbOrTx, caseId: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(supervisedCasePhotos)
      .where(and(eq(supervisedCasePhotos.caseId, caseId), eq(supervisedCasePhotos.stage, "session")))
      .get()?.n ?? 0
  );
}

/**
 * Stages one photo for a new case, or for the learner's own returned case (caseId), through the
 * practicals' photo pipeline (checked by its bytes, re-encoded without metadata). Invalid past
 * MAX_CASE_PHOTOS; NotFound for a course without a logbook or someone else's case. The upload
 * file is deleted whatever happens.
 */
export async function stageCasePhoto(
  db: Db,
  storage: Storage,
  learnerId: string,
  course: Course,
  caseId: string | undefined,
  upload: { path: string; size: number; name: string },
  now = Date.now(),
) {
  let slot: PhotoSlot;
  try {
    requireLogbook(db, learnerId, course);
    const existing = caseId ? photoCount(db, ownReturnedCase(db, learnerId, caseId).id) : 0;
    slot = caseSlot(caseId);
    if (existing + listStaged(db, learnerId, course, slot).length >= MAX_CASE_PHOTOS) {
      throw new Invalid(`A case takes at most ${MAX_CASE_PHOTOS} photos.`, "photos");
    }
  } catch (error) {
    await fs.promises.rm(upload.path, { force: true });
    throw error;
  }
  return stagePhoto(db, storage, learnerId, course, slot, upload, now);
}

/** Removes a photo from the learner's own returned case (NotFound for anyone else's; Conflict unless returned). */
export async function removeCasePhoto(db: Db, storage: Storage, learnerId: string, photoId: string): Promise<void> {
  const photo = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.id, photoId)).get();
  if (!photo || photo.stage !== "session") throw new NotFound("No such photo");
  ownReturnedCase(db, learnerId, photo.caseId);
  db.delete(supervisedCasePhotos).where(eq(supervisedCasePhotos.id, photoId)).run();
  await removeStoredPhotos(storage, [photo]);
}

/** A case photo for whoever may see the case: the learner's records, or the supervisor it names (NotFound otherwise). */
export async function casePhotoFile(db: Db, storage: Storage, actor: Actor, photoId: string, size: "full" | "thumb") {
  const row = db
    .select({ photo: supervisedCasePhotos, learnerId: supervisedCases.learnerId, supervisorLinkId: supervisedCases.supervisorLinkId })
    .from(supervisedCasePhotos)
    .innerJoin(supervisedCases, eq(supervisedCases.id, supervisedCasePhotos.caseId))
    .where(eq(supervisedCasePhotos.id, photoId))
    .get();
  if (!row) throw new NotFound("No such photo");
  const { learner, link } = caseRefs(db, row);
  if (!can.viewCase(actor, learner, link)) throw new NotFound("No such photo");
  return storedPhotoFile(storage, row.photo, size);
}
