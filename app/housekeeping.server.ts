import { getDb } from "~/db/client.server";
import { getEnv } from "~/env.server";
import { pruneLimits } from "~/modules/auth/rate-limit.server";
import { deleteExpiredSessions } from "~/modules/auth/session.server";
import { sendRenewalReminders } from "~/modules/certification/certificates.server";
import { deliverOutbox } from "~/modules/notifications/outbox.server";
import { smtpTransport } from "~/modules/notifications/smtp.server";

/** Periodic chores run by the server's primary process: expire sessions, remind certificate holders, send queued email. */
export async function housekeeping(): Promise<void> {
  const db = getDb();
  deleteExpiredSessions(db);
  pruneLimits(db, 24 * 60 * 60 * 1000);
  sendRenewalReminders(db);
  const env = getEnv();
  if (env.SMTP_URL) await deliverOutbox(db, smtpTransport(env.SMTP_URL), env.MAIL_FROM);
}
