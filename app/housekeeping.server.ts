import { getDb } from "~/db/client.server";
import { getEnv } from "~/env.server";
import { pruneLimits } from "~/modules/auth/rate-limit.server";
import { deleteExpiredSessions } from "~/modules/auth/session.server";
import { sendRenewalReminders } from "~/modules/certification/certificates.server";
import { deliverOutbox } from "~/modules/notifications/outbox.server";
import { smtpTransport } from "~/modules/notifications/smtp.server";
import { pruneStagedPhotos } from "~/modules/practicals/submissions.server";
import { getStorage } from "~/modules/storage/storage.server";

/** Periodic chores run by the server's primary process: expire sessions, remind certificate holders, clear abandoned uploads, send queued email. */
export async function housekeeping(): Promise<void> {
  const db = getDb();
  deleteExpiredSessions(db);
  pruneLimits(db, 24 * 60 * 60 * 1000);
  sendRenewalReminders(db);
  // Photos uploaded but never submitted are kept two weeks, then removed with their files.
  await pruneStagedPhotos(db, getStorage(), 14 * 24 * 60 * 60 * 1000);
  const env = getEnv();
  if (env.SMTP_URL) await deliverOutbox(db, smtpTransport(env.SMTP_URL), env.MAIL_FROM);
}
