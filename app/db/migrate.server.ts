import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client.server";

/** Applies every pending migration in drizzle/ (the only way the schema changes). */
export function migrateDatabase(db: Db, migrationsFolder = path.resolve(process.cwd(), "drizzle")): void {
  migrate(db, { migrationsFolder });
}
