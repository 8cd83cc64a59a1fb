import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { openDatabase, type Db } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";

/** A freshly migrated SQLite file of its own. */
export function createTestDb(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-db-"));
  const { db } = openDatabase(path.join(dir, "test.sqlite"));
  migrateDatabase(db);
  return db;
}

export function contextFor(db: Db, clientIp = "203.0.113.7"): AppLoadContext {
  return { db, clientIp, cspNonce: "test-nonce" };
}
