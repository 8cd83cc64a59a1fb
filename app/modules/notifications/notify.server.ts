import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { notifications, users } from "~/db/schema";
import { getEnv } from "~/env.server";
import { preparedStatement } from "~/db/statements.server";
import { queueEmail } from "./outbox.server";

export type Notice = { kind: string; title: string; body: string; link: string };

/**
 * Tells people something happened to work they care about: an in-app notification each, and
 * an email through the outbox. Runs inside the caller's transaction, so a rolled-back change
 * notifies nobody.
 */
export function notify(tx: DbOrTx, userIds: readonly string[], notice: Notice, now = Date.now()): void {
  if (!userIds.length) return;
  const recipients = tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(inArray(users.id, [...userIds]))
    .all();
  for (const r of recipients) {
    tx.insert(notifications)
      .values({ userId: r.id, ...notice, createdAt: now })
      .run();
    queueEmail(tx, {
      to: r.email,
      kind: notice.kind,
      subject: notice.title,
      text: `Hello ${r.name},\n\n${notice.body}\n\n${getEnv().appUrl}${notice.link}\n`,
    });
  }
}

const unread = preparedStatement((db) =>
  db
    .select({ count: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare(),
);

export function unreadCount(db: Db, userId: string): number {
  return unread(db).get({ userId })?.count ?? 0;
}

export function listNotifications(db: Db, userId: string, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit).all();
}

/** Marks all of a person's notifications read (only theirs). */
export function markAllRead(db: Db, userId: string, now = Date.now()): void {
  db.update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}

/**
 * Marks read, for everyone, the notices of a kind that asked someone to act on `link` — once the
 * act is done (a piece of work graded), so no other assessor's bell still counts it.
 */
export function settleNotices(tx: DbOrTx, link: string, kinds: readonly string[], now = Date.now()): number {
  return tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.link, link), inArray(notifications.kind, [...kinds]), isNull(notifications.readAt)))
    .run().changes;
}
