import { eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { photoAnalyses, submissionPhotos } from "~/db/schema";
import type { Actor } from "~/modules/auth/permissions";
import { visibleSubmissionPhoto } from "~/modules/practicals/submissions.server";
import type { Storage } from "~/modules/storage/storage.server";
import type { Course, PracticalMeta } from "~/modules/content/load-content.server";
import { listStaged } from "~/modules/photos/staging.server";
import { summariseAnalysis, type AnalysisSummary, type DotAnalysis } from "./analyse";
import { analyseInWorker } from "./run-analysis.server";

const NOT_RUN = "The analysis could not run on this photo. Your photo is kept; an instructor will grade it by eye.";

/**
 * Measures a stored photo's dots in the analysis worker and keeps the result under its storage
 * key (replacing an earlier one). A photo that cannot be measured is kept with the reason; a
 * failure of the worker itself is kept as "could not run", never thrown at the upload.
 */
export async function measureStoredPhoto(db: Db, storage: Storage, storageKey: string, now = Date.now()): Promise<DotAnalysis> {
  const file = await storage.get(storageKey);
  let result: DotAnalysis;
  if (!file) result = { ok: false, version: 1, reason: NOT_RUN, cardFound: false };
  else {
    try {
      result = await analyseInWorker(file.bytes);
    } catch {
      result = { ok: false, version: 1, reason: NOT_RUN, cardFound: false };
    }
  }
  const row = { storageKey, measured: result.ok, result: JSON.stringify(result), createdAt: now };
  db.insert(photoAnalyses).values(row).onConflictDoUpdate({ target: photoAnalyses.storageKey, set: row }).run();
  return result;
}

/** The kept analyses of stored photos, by storage key (photos never measured are absent). */
export function storedAnalyses(db: Db, storageKeys: readonly string[]): Map<string, DotAnalysis> {
  if (!storageKeys.length) return new Map();
  const rows = db
    .select()
    .from(photoAnalyses)
    .where(inArray(photoAnalyses.storageKey, [...storageKeys]))
    .all();
  return new Map(rows.map((r) => [r.storageKey, JSON.parse(r.result) as DotAnalysis]));
}

/**
 * The analysis of a submission photo for someone allowed to see the photo (its learner and those
 * who may grade it); NotFound for anyone else. `null` when the photo was never measured.
 */
export function submissionPhotoAnalysis(db: Db, actor: Actor, photoId: string): DotAnalysis | null {
  const photo = visibleSubmissionPhoto(db, actor, photoId);
  const row = db.select().from(photoAnalyses).where(eq(photoAnalyses.storageKey, photo.storageKey)).get();
  return row ? (JSON.parse(row.result) as DotAnalysis) : null;
}

/** A learner's photos waiting in a practical, each with the summary of its dot analysis. */
export function stagedPhotosWithAnalysis(db: Db, userId: string, course: Course, practical: PracticalMeta) {
  const staged = listStaged(db, userId, course, practical);
  const analyses = storedAnalyses(
    db,
    staged.map((s) => s.storageKey),
  );
  return staged.map((s) => ({
    id: s.id,
    name: s.originalName,
    width: s.width,
    height: s.height,
    analysis: summariseAnalysis(analyses.get(s.storageKey) ?? null),
  }));
}

/**
 * Summaries of the analyses of a submission's photos, by photo id. The caller has already
 * checked that the actor may see the submission (submissionDetail).
 */
export function submissionPhotoSummaries(db: Db, photoIds: readonly string[]): Record<string, AnalysisSummary | null> {
  if (!photoIds.length) return {};
  const rows = db
    .select({ id: submissionPhotos.id, result: photoAnalyses.result })
    .from(submissionPhotos)
    .leftJoin(photoAnalyses, eq(photoAnalyses.storageKey, submissionPhotos.storageKey))
    .where(inArray(submissionPhotos.id, [...photoIds]))
    .all();
  return Object.fromEntries(rows.map((r) => [r.id, summariseAnalysis(r.result ? (JSON.parse(r.result) as DotAnalysis) : null)]));
}
