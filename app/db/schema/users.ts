import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";

/** `supervisor`: an account made by accepting a learner's supervisor invitation, which countersigns that learner's cases and nothing else (038). */
export const ROLES = ["learner", "instructor", "clinic_admin", "admin", "supervisor"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("learner"),
    passwordHash: text("password_hash").notNull(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
    updatedAt: integer("updated_at")
      .notNull()
      .$defaultFn(() => Date.now()),
    /**
     * Set when the person deleted their account: the row stays as an anonymous tombstone (no
     * name, email or usable password) so records others need keep their references (018).
     */
    deletedAt: integer("deleted_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

export type User = typeof users.$inferSelect;
