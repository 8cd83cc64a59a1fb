import { inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { quizByKey } from "~/modules/quiz/quiz-definition.server";

/** One photo the archive will hold: where in the zip, and which stored file to read (only when its turn comes). */
export type PhotoEntry = { path: string; key: string };

/** Everything the export writes, read from the database before the first byte goes out. */
export type ExportSnapshot = { files: { path: string; json: unknown }[]; photos: PhotoEntry[] };

/** A stored timestamp (ms) as ISO 8601 UTC; null stays null. */
export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** A photo's path in the archive: `folder/photo-N.ext`, N counting from 1. */
export const photoName = (folder: string, position: number, contentType: string) => `${folder}/photo-${position + 1}.${EXTENSIONS[contentType] ?? "jpg"}`;

/** The names of the given users (nulls ignored), by id. */
export function names(db: Db, ids: readonly (string | null)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, wanted))
      .all()
      .map((u) => [u.id, u.name]),
  );
}

/** A course's title, or its slug when the catalogue no longer has it. */
export function courseTitle(slug: string): string {
  return getCatalogue().bySlug.get(slug)?.title ?? slug;
}

/** A quiz's title, or its key when the course or quiz is no longer in the catalogue. */
export function quizTitle(courseSlug: string, quizKey: string): string {
  const course = getCatalogue().bySlug.get(courseSlug);
  if (!course) return quizKey;
  try {
    return quizByKey(course, quizKey).title;
  } catch {
    return quizKey;
  }
}
