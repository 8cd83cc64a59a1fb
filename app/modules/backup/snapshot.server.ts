import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Conflict, NotFound } from "~/modules/errors";
import { isStorageKey, storedPath } from "~/modules/storage/storage.server";
import { version as appVersion } from "../../../package.json";
import { copyDurably, eachLimited, hashFile, syncPath } from "./files.server";
import { DATABASE_FILE, MANIFEST_FILE, snapshotName, snapshotsBeyond, snapshotTime, type Manifest } from "./manifest";

/** Prefix of a snapshot still being written; renamed to its final name only once complete. */
export const IN_PROGRESS_PREFIX = ".in-progress-";
/** Upload files copied at once. */
const COPY_CONCURRENCY = 4;

export type SnapshotOptions = {
  /** The live database file; the app keeps reading and writing it throughout. */
  databaseFile: string;
  /** The local-disk store's root, `<data folder>/uploads`. */
  uploadsDir: string;
  /** The folder that holds the snapshots, one folder each. */
  backupDir: string;
  now?: number;
  /** Pages copied per step of the online backup; the event loop runs between steps. */
  pagesPerStep?: number;
};

export type SnapshotResult = { name: string; dir: string; manifest: Manifest; bytes: number; ms: number };

/**
 * Writes a consistent snapshot of a live database and the uploads its rows reference into a new
 * folder of `backupDir`, with a manifest of row counts and checksums. The folder appears under its
 * final name only when complete. Referenced uploads missing on disk are listed, not fatal.
 * Throws NotFound without a database, Conflict if a snapshot of that name exists.
 */
export async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotResult> {
  const started = performance.now();
  const createdAt = options.now ?? Date.now();
  if (!fs.existsSync(options.databaseFile)) throw new NotFound(`No database at ${options.databaseFile}`);
  fs.mkdirSync(options.backupDir, { recursive: true });
  const name = snapshotName(createdAt);
  const dir = path.join(options.backupDir, name);
  if (fs.existsSync(dir)) throw new Conflict(`A snapshot named ${name} already exists in ${options.backupDir}`);
  const work = path.join(options.backupDir, `${IN_PROGRESS_PREFIX}${name}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(work);
  try {
    const copy = path.join(work, DATABASE_FILE);
    await onlineBackup(options.databaseFile, copy, options.pagesPerStep ?? 1024);
    const { tables, references } = inspectCopy(copy);
    await syncPath(copy);
    const database = { file: DATABASE_FILE, ...(await hashFile(copy)) };
    // The database copy is fixed now: every key it references was written to disk before its row
    // was committed, so copying the files afterwards finds each one (unless deleted meanwhile).
    const uploads = await copyUploads(references, options.uploadsDir, path.join(work, "uploads"));
    const manifest: Manifest = { format: 1, app: "stipple", appVersion, createdAt: new Date(createdAt).toISOString(), database, tables, uploads };
    const manifestFile = path.join(work, MANIFEST_FILE);
    await fs.promises.writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await syncPath(manifestFile);
    await syncPath(work);
    await fs.promises.rename(work, dir);
    await syncPath(options.backupDir);
    const bytes = database.bytes + uploads.bytes + fs.statSync(path.join(dir, MANIFEST_FILE)).size;
    return { name, dir, manifest, bytes, ms: performance.now() - started };
  } catch (error) {
    await fs.promises.rm(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * SQLite's online backup from a connection of its own. In WAL mode that connection holds one read
 * transaction for the whole copy: it pins a single moment of the database, writers in this and
 * other processes carry on, and the backup never sees their commits — without it, every commit
 * by another connection between two steps would restart the copy from the first page.
 */
async function onlineBackup(from: string, to: string, pagesPerStep: number): Promise<void> {
  const source = new Database(from, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    if (source.pragma("journal_mode", { simple: true }) === "wal") {
      source.exec("BEGIN");
      source.prepare("select count(*) from sqlite_schema").get();
      await source.backup(to, { progress: () => pagesPerStep });
      source.exec("COMMIT");
    } else {
      // A reader would block writers outside WAL mode: copy in one step instead.
      await source.backup(to, { progress: () => 0x7fffffff });
    }
  } finally {
    source.close();
  }
}

/** Columns that hold storage keys, by the schema's naming convention. */
const KEY_COLUMN = /^(?:.+_)?(?:storage|thumb)_key$/;
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Makes the copy a single self-contained file, counts each table's rows and collects the upload keys its rows hold. */
function inspectCopy(file: string): { tables: Record<string, number>; references: Map<string, string> } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
    const names = db
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")
      .pluck()
      .all() as string[];
    const tables: Record<string, number> = {};
    const references = new Map<string, string>();
    for (const table of names) {
      tables[table] = db
        .prepare(`select count(*) from ${quoted(table)}`)
        .pluck()
        .get() as number;
      const columns = (db.prepare("select name from pragma_table_info(?)").pluck().all(table) as string[]).filter((c) => KEY_COLUMN.test(c));
      for (const column of columns) {
        const keys = db
          .prepare(`select distinct ${quoted(column)} from ${quoted(table)} where ${quoted(column)} is not null`)
          .pluck()
          .all() as string[];
        for (const key of keys) if (!references.has(key)) references.set(key, `${table}.${column}`);
      }
    }
    return { tables, references };
  } finally {
    db.close();
  }
}

async function copyUploads(references: Map<string, string>, fromRoot: string, toRoot: string): Promise<Manifest["uploads"]> {
  const files: Manifest["uploads"]["files"] = [];
  const missing: Manifest["uploads"]["missing"] = [];
  const wanted: { path: string; referencedBy: string }[] = [];
  for (const [key, referencedBy] of references) {
    if (!isStorageKey(key)) missing.push({ path: key, referencedBy });
    else wanted.push({ path: storedPath(key), referencedBy }, { path: `${storedPath(key)}.type`, referencedBy });
  }
  await eachLimited(wanted, COPY_CONCURRENCY, async ({ path: rel, referencedBy }) => {
    const target = path.join(toRoot, rel);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    try {
      await copyDurably(path.join(fromRoot, rel), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      await fs.promises.rm(target, { force: true });
      missing.push({ path: rel, referencedBy });
      return;
    }
    files.push({ path: rel, ...(await hashFile(target)) });
  });
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { bytes: files.reduce((n, f) => n + f.bytes, 0), files: files.sort(byPath), missing: missing.sort(byPath) };
}

/** The complete snapshots in a folder (those with a manifest under a snapshot name), oldest first. */
export function listSnapshots(backupDir: string): { name: string; dir: string; createdAt: number }[] {
  if (!fs.existsSync(backupDir)) return [];
  return fs
    .readdirSync(backupDir)
    .flatMap((name) => {
      const createdAt = snapshotTime(name);
      const dir = path.join(backupDir, name);
      return createdAt !== null && fs.existsSync(path.join(dir, MANIFEST_FILE)) ? [{ name, dir, createdAt }] : [];
    })
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Removes all but the newest `keep` snapshots, and leftovers of snapshots interrupted over a day ago; returns the names removed. */
export async function pruneSnapshots(backupDir: string, keep: number, now = Date.now()): Promise<string[]> {
  const removed = snapshotsBeyond(
    listSnapshots(backupDir).map((s) => s.name),
    keep,
  );
  for (const name of removed) await fs.promises.rm(path.join(backupDir, name), { recursive: true, force: true });
  for (const name of fs.existsSync(backupDir) ? fs.readdirSync(backupDir) : []) {
    const leftover = path.join(backupDir, name);
    if (name.startsWith(IN_PROGRESS_PREFIX) && now - fs.statSync(leftover).mtimeMs > 24 * 60 * 60 * 1000) {
      await fs.promises.rm(leftover, { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/**
 * Housekeeping ticks every minute, so a snapshot counts as due this much early rather than
 * waiting for the next tick and drifting a minute later every interval.
 */
const DUE_SLACK_MS = 30_000;

export type ScheduleOptions = SnapshotOptions & { intervalMinutes: number; keep: number };

let running: Promise<{ taken: SnapshotResult | null; removed: string[] }> | null = null;

/**
 * Takes a snapshot when the newest one in `backupDir` is at least an interval old (or there is
 * none), then keeps the newest `keep`. Calls made while one is running share it.
 */
export function scheduledBackup(options: ScheduleOptions): Promise<{ taken: SnapshotResult | null; removed: string[] }> {
  running ??= (async () => {
    try {
      const now = options.now ?? Date.now();
      const newest = listSnapshots(options.backupDir).at(-1);
      const due = !newest || now - newest.createdAt >= options.intervalMinutes * 60_000 - DUE_SLACK_MS;
      const taken = due ? await takeSnapshot({ ...options, now }) : null;
      return { taken, removed: await pruneSnapshots(options.backupDir, options.keep, now) };
    } finally {
      running = null;
    }
  })();
  return running;
}
