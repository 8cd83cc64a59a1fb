import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";

export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    kind: text("kind").notNull(),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
    sentAt: integer("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("email_outbox_pending_idx").on(t.sentAt, t.createdAt)],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
