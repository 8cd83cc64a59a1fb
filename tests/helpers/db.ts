import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { openDatabase, type Db } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";

/** A freshly migrated SQLite file of its own. */
export function createTestDb(): Db {
  return createTestDbFile().db;
}

/** The same, with the file's path (for tests that open it from other processes). */
export function createTestDbFile(): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-db-"));
  const file = path.join(dir, "test.sqlite");
  const { db } = openDatabase(file);
  migrateDatabase(db);
  return { db, file };
}

export function contextFor(db: Db, clientIp = "203.0.113.7"): AppLoadContext {
  return { db, clientIp, cspNonce: "test-nonce" };
}
