import { databaseFile, getDb } from "~/db/client.server";
import { getEnv } from "~/env.server";
import { pruneLimits } from "~/modules/auth/rate-limit.server";
import { deleteExpiredSessions } from "~/modules/auth/session.server";
import { scheduledBackup } from "~/modules/backup/snapshot.server";
import { sendRenewalReminders } from "~/modules/certification/certificates.server";
import { pruneCasePhotos } from "~/modules/certification/photo-retention.server";
import { deliverOutbox } from "~/modules/notifications/outbox.server";
import { smtpTransport } from "~/modules/notifications/smtp.server";
import { pruneStagedPhotos } from "~/modules/photos/staging.server";
import { getStorage, uploadsDir } from "~/modules/storage/storage.server";

/**
 * Periodic chores run by the server's primary process every minute: expire sessions, remind
 * certificate holders, clear abandoned uploads, send queued email, and take a snapshot when one
 * is due. Throws what failed, after every chore has had its turn.
 */
export async function housekeeping(): Promise<void> {
  // A failing chore (the mail server down, say) must not stop the backups, nor the reverse.
  const failures = (await Promise.allSettled([chores(), backupIfDue()])).flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, "Several housekeeping chores failed");
}

async function chores(): Promise<void> {
  const db = getDb();
  deleteExpiredSessions(db);
  pruneLimits(db, 24 * 60 * 60 * 1000);
  sendRenewalReminders(db);
  // Photos uploaded but never submitted are kept two weeks, then removed with their files.
  await pruneStagedPhotos(db, getStorage(), 14 * 24 * 60 * 60 * 1000);
  const env = getEnv();
  // Photos of real clients go once the retention period after countersigning has passed (018).
  await pruneCasePhotos(db, getStorage(), env.STIPPLE_CASE_PHOTO_RETENTION_MONTHS);
  if (env.SMTP_URL) await deliverOutbox(db, smtpTransport(env.SMTP_URL), env.MAIL_FROM);
}

/** With STIPPLE_BACKUP_DIR set, a snapshot every STIPPLE_BACKUP_INTERVAL_MINUTES, the newest STIPPLE_BACKUP_KEEP kept. */
async function backupIfDue(): Promise<void> {
  const env = getEnv();
  if (!env.STIPPLE_BACKUP_DIR) return;
  const { taken } = await scheduledBackup({
    databaseFile: databaseFile(),
    uploadsDir: uploadsDir(env.STIPPLE_DATA_DIR),
    backupDir: env.STIPPLE_BACKUP_DIR,
    intervalMinutes: env.STIPPLE_BACKUP_INTERVAL_MINUTES,
    keep: env.STIPPLE_BACKUP_KEEP,
  });
  if (taken) console.log(`[stipple] backup ${taken.name}: ${(taken.bytes / 1024 / 1024).toFixed(1)} MB in ${(taken.ms / 1000).toFixed(1)} s`);
}
