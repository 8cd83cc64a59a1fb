import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { connectionOf, type Db } from "./client.server";
import { isStorageUnavailable } from "./unavailable.server";

/** True when the database answers a trivial query. */
export function databaseAnswers(db: Db): boolean {
  try {
    return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}

/** Below this much free space on the database's disk, health reports the disk as full. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

export type WriteHealth = { ok: true } | { ok: false; problem: "read-only" | "full" | "io-error" };

/**
 * Whether the database would take a write now, without keeping one: in a write transaction it
 * creates a table and rolls back at once, which a read-only connection or file, `query_only`, a
 * moved file or a full page limit refuse; then it compares the disk's free space with
 * `minFreeBytes`. A writer holding the lock means writes work: it is not waited for.
 */
export function databaseWritable(db: Db, minFreeBytes = MIN_FREE_BYTES): WriteHealth {
  const sqlite = connectionOf(db);
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    sqlite.prepare("BEGIN IMMEDIATE").run();
    try {
      sqlite.prepare("CREATE TABLE main.stipple_write_probe (x)").run();
    } finally {
      if (sqlite.inTransaction) sqlite.prepare("ROLLBACK").run();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_FULL") return { ok: false, problem: "full" };
    if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) return { ok: false, problem: "read-only" };
    if (isStorageUnavailable(error)) return { ok: false, problem: "io-error" };
    if (code !== "SQLITE_BUSY") throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
  if (sqlite.name !== ":memory:") {
    const disk = fs.statfsSync(path.dirname(sqlite.name));
    if (disk.bavail * disk.bsize < minFreeBytes) return { ok: false, problem: "full" };
  }
  return { ok: true };
}
