import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { supervisedCasePhotos, supervisedCases } from "~/db/schema";
import type { Storage } from "~/modules/storage/storage.server";
import { expiryDate } from "./eligibility";

const DAY = 24 * 60 * 60 * 1000;
/** Cases handled per transaction, so one sweep never holds the write lock for long. */
const BATCH = 200;

/**
 * Whether a case's photos have outlived the retention period: `months` calendar months after it
 * was countersigned (UTC, the 31st clamped to the month's end, as certificate expiry).
 */
export function photosExpired(countersignedAt: number, months: number, now: number): boolean {
  return expiryDate(countersignedAt, months) <= now;
}

/** `months` calendar months before `at` (UTC, the day clamped to the shorter month's end). */
function monthsBefore(at: number, months: number): number {
  return expiryDate(at, -months);
}

/**
 * Deletes the photos (rows and stored files) of supervised cases countersigned more than
 * `months` months ago, and notes on each case when and under which period they went. Cases not
 * countersigned, and younger ones, keep theirs. Run by housekeeping; returns how many photos went.
 */
export async function pruneCasePhotos(db: Db, storage: Storage, months: number, now = Date.now()): Promise<number> {
  // A few days past the calendar cutoff: a superset of the cases due (month ends clamp), narrowed exactly below.
  const roughCutoff = monthsBefore(now, months) + 4 * DAY;
  let removed = 0;
  for (;;) {
    const candidates = db
      .select({ id: supervisedCases.id, countersignedAt: supervisedCases.countersignedAt })
      .from(supervisedCases)
      .where(and(eq(supervisedCases.status, "countersigned"), isNull(supervisedCases.photosDeletedAt), lte(supervisedCases.countersignedAt, roughCutoff)))
      .orderBy(asc(supervisedCases.countersignedAt))
      .limit(BATCH)
      .all();
    // Oldest first: once one is not due, none after it is.
    const due = candidates.filter((c) => c.countersignedAt !== null && photosExpired(c.countersignedAt, months, now)).map((c) => c.id);
    if (!due.length) return removed;
    const files = db.transaction(
      (tx) => {
        const photos = tx
          .select({ id: supervisedCasePhotos.id, caseId: supervisedCasePhotos.caseId, a: supervisedCasePhotos.storageKey, b: supervisedCasePhotos.thumbKey })
          .from(supervisedCasePhotos)
          .where(inArray(supervisedCasePhotos.caseId, due))
          .all();
        if (photos.length)
          tx.delete(supervisedCasePhotos)
            .where(
              inArray(
                supervisedCasePhotos.id,
                photos.map((p) => p.id),
              ),
            )
            .run();
        // Every due case leaves the sweep; only those that had photos carry the policy's note.
        const hadPhotos = new Set(photos.map((p) => p.caseId));
        const noted = due.filter((id) => hadPhotos.has(id));
        const bare = due.filter((id) => !hadPhotos.has(id));
        if (noted.length)
          tx.update(supervisedCases).set({ photosDeletedAt: now, photosRetentionMonths: months }).where(inArray(supervisedCases.id, noted)).run();
        if (bare.length) tx.update(supervisedCases).set({ photosDeletedAt: now, photosRetentionMonths: null }).where(inArray(supervisedCases.id, bare)).run();
        return photos;
      },
      { behavior: "immediate" },
    );
    // Files go after the rows: a crash in between leaves an unreferenced file, never a broken photo.
    for (const f of files) {
      await storage.remove(f.a);
      await storage.remove(f.b);
    }
    removed += files.length;
    if (due.length < candidates.length || candidates.length < BATCH) return removed;
  }
}
