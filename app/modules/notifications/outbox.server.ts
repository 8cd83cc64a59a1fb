import { asc, desc, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { emailOutbox, type OutboxEmail } from "~/db/schema";

export type EmailMessage = { to: string; subject: string; text: string; kind: string };

/** Queues an email in the same transaction as the change it reports; delivery happens later. */
export function queueEmail(db: DbOrTx, message: EmailMessage): string {
  const row = db.insert(emailOutbox).values(message).returning({ id: emailOutbox.id }).get();
  return row.id;
}

export function listOutbox(db: Db, limit = 50): OutboxEmail[] {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit).all();
}

export type Transport = { send(message: EmailMessage & { from: string }): Promise<void> };

/** Sends what is waiting, oldest first; a failure is recorded on the row and retried next time. */
export async function deliverOutbox(db: Db, transport: Transport, from: string, batch = 20): Promise<number> {
  const pending = db
    .select()
    .from(emailOutbox)
    .where(isNull(emailOutbox.sentAt))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(batch)
    .all()
    .filter((m) => m.attempts < 5);
  let sent = 0;
  for (const m of pending) {
    try {
      await transport.send({ from, to: m.to, subject: m.subject, text: m.text, kind: m.kind });
      db.update(emailOutbox)
        .set({ sentAt: Date.now(), attempts: m.attempts + 1, lastError: null })
        .where(eq(emailOutbox.id, m.id))
        .run();
      sent++;
    } catch (error) {
      db.update(emailOutbox)
        .set({ attempts: m.attempts + 1, lastError: error instanceof Error ? error.message : String(error) })
        .where(eq(emailOutbox.id, m.id))
        .run();
    }
  }
  return sent;
}
