import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import { iso, type ExportSnapshot, type PhotoEntry } from "~/modules/account/export-common.server";
import { logbookOf, stagedOf, submissionsOf } from "~/modules/account/export-practical-work.server";
import { quizAttemptsOf } from "~/modules/account/export-quiz.server";
import { exportReadme } from "~/modules/account/export-readme";
import { certificatesOf, enrolmentsOf, notificationsOf, profileOf, readingProgressOf } from "~/modules/account/export-records.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { NotFound } from "~/modules/errors";

export type { ExportSnapshot } from "~/modules/account/export-common.server";
export { exportFileName, exportZipStream } from "~/modules/account/export-zip.server";

/**
 * Reads what the export will contain: the person's own records, nothing of anyone else's
 * beyond the names of staff on their feedback. The photos are listed, not read. NotFound for
 * anyone but the person themself.
 */
export function exportSnapshot(db: Db, actor: Actor, userId: string, now = Date.now()): ExportSnapshot {
  if (!can.exportAccount(actor, userId)) throw new NotFound("No such account");
  const user = db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!user) throw new NotFound("No such account");
  const photos: PhotoEntry[] = [];
  // In this order: the photo-bearing parts append to `photos`, which the zip writes in turn.
  const files = [
    { path: "profile.json", json: profileOf(db, userId) },
    { path: "enrolments.json", json: enrolmentsOf(db, userId) },
    { path: "reading-progress.json", json: readingProgressOf(db, userId) },
    { path: "quiz-attempts.json", json: quizAttemptsOf(db, actor) },
    { path: "submissions.json", json: submissionsOf(db, userId, photos) },
    { path: "logbook.json", json: logbookOf(db, userId, photos) },
    { path: "certificates.json", json: certificatesOf(db, userId, now) },
    { path: "notifications.json", json: notificationsOf(db, userId) },
    { path: "uploads-not-submitted.json", json: stagedOf(db, userId, photos) },
  ];
  return { files: [{ path: "README.txt", json: exportReadme(user.name, iso(now)!) }, ...files], photos };
}
