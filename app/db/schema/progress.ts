import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";
import { users } from "./users";

export const enrolments = sqliteTable(
  "enrolments",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
  },
  (t) => [uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug)],
);

/** Progress refers to content by slug (stable) plus the hash of the text that was read. */
export const moduleProgress = sqliteTable(
  "module_progress",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    moduleSlug: text("module_slug").notNull(),
    contentHash: text("content_hash").notNull(),
    startedAt: integer("started_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [uniqueIndex("module_progress_unique").on(t.userId, t.courseSlug, t.moduleSlug), index("module_progress_course_idx").on(t.courseSlug, t.moduleSlug)],
);

export type ModuleProgress = typeof moduleProgress.$inferSelect;
