import { integer, text } from "drizzle-orm/sqlite-core";

/**
 * The columns of a stored photo (re-encoded, metadata stripped): its full-size and thumbnail
 * storage keys, type, pixel size and bytes. Staged, submitted and case photos all carry them, in
 * this order. A fresh set per call: a column builder belongs to one table.
 */
export function photoColumns() {
  return {
    storageKey: text("storage_key").notNull(),
    thumbKey: text("thumb_key").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
  };
}
