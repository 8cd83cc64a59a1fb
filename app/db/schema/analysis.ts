import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The dot analysis of a stored photo, keyed by the photo's storage key: a photo keeps its key
 * when a staged photo becomes part of a submission, so the measurement made at upload follows
 * it. `result` is the analysis as JSON (app/modules/analysis/analyse.ts, `version` inside).
 */
export const photoAnalyses = sqliteTable("photo_analyses", {
  storageKey: text("storage_key").primaryKey(),
  measured: integer("measured", { mode: "boolean" }).notNull(),
  result: text("result").notNull(),
  createdAt: integer("created_at").notNull(),
});
