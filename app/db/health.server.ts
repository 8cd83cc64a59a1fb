import { sql } from "drizzle-orm";
import type { Db } from "./client.server";

/** True when the database answers a trivial query. */
export function databaseAnswers(db: Db): boolean {
  try {
    return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
