import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { getEnv } from "~/env.server";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;
/** What a Drizzle transaction callback receives; module functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** Opens (creating if needed) a SQLite file with the pragmas every connection must have. */
export function openDatabase(file: string): { db: Db; sqlite: Database.Database } {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = FULL");
  return { db: drizzle(sqlite, { schema }), sqlite };
}

/** The better-sqlite3 connection under a Drizzle database (for pragmas and raw transactions). */
export function connectionOf(db: Db): Database.Database {
  return (db as Db & { $client: Database.Database }).$client;
}

type Holder = { db: Db; sqlite: Database.Database; file: string };
const globalKey = "__stippleDb" as const;
type GlobalWithDb = typeof globalThis & { [globalKey]?: Holder };

/**
 * The process-wide connection. Kept on globalThis so Vite's dev reloads reuse it instead
 * of reopening the file and re-running migrations.
 */
export function getDb(): Db {
  const g = globalThis as GlobalWithDb;
  const file = databaseFile();
  if (!g[globalKey] || g[globalKey].file !== file) {
    g[globalKey]?.sqlite.close();
    g[globalKey] = { ...openDatabase(file), file };
  }
  return g[globalKey].db;
}

export function closeDb(): void {
  const g = globalThis as GlobalWithDb;
  g[globalKey]?.sqlite.close();
  delete g[globalKey];
}

export function databaseFile(): string {
  return path.join(getEnv().STIPPLE_DATA_DIR, "stipple.sqlite");
}
