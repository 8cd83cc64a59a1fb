import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { uploadsDir } from "~/modules/storage/storage.server";
import { copyDurably, eachLimited, hashFile, syncPath } from "./files.server";
import { DATABASE_FILE, MANIFEST_FILE, ManifestSchema, type Manifest } from "./manifest";

/** Where a restore assembles the data folder before moving it into place. */
export const RESTORING_FOLDER = ".restore-in-progress";
const COPY_CONCURRENCY = 4;

/** A snapshot's manifest, parsed. NotFound without the folder; Invalid when the manifest is missing or malformed. */
export function readManifest(snapshotDir: string): Manifest {
  if (!fs.existsSync(snapshotDir) || !fs.statSync(snapshotDir).isDirectory()) throw new NotFound(`No snapshot folder at ${snapshotDir}`);
  const file = path.join(snapshotDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Invalid(`${snapshotDir} is not a complete snapshot: ${MANIFEST_FILE} is missing`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Invalid(`${MANIFEST_FILE} is not valid JSON`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Invalid(`${MANIFEST_FILE}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** Every file the manifest lists, relative to a snapshot (or a restored data folder). */
function listedFiles(manifest: Manifest): { path: string; bytes: number; sha256: string }[] {
  return [
    { path: manifest.database.file, bytes: manifest.database.bytes, sha256: manifest.database.sha256 },
    ...manifest.uploads.files.map((f) => ({ ...f, path: `uploads/${f.path}` })),
  ];
}

/**
 * Checks every file the manifest lists under `root` against its size and SHA-256. Throws Invalid
 * naming the first file that is missing or differs.
 */
export async function verifyFiles(root: string, manifest: Manifest, where = "the snapshot"): Promise<void> {
  for (const file of listedFiles(manifest)) {
    const full = path.join(root, file.path);
    if (!fs.existsSync(full)) throw new Invalid(`${file.path} is missing from ${where}`);
    const found = await hashFile(full);
    if (found.sha256 !== file.sha256 || found.bytes !== file.bytes) {
      throw new Invalid(
        `Checksum mismatch in ${where}: ${file.path} (expected ${file.sha256.slice(0, 12)}…, ${file.bytes} bytes; found ${found.sha256.slice(0, 12)}…, ${found.bytes} bytes)`,
      );
    }
  }
}

/** Opens a restored database read-only: it must pass SQLite's quick check and hold the manifest's tables and row counts. */
function verifyDatabase(file: string, manifest: Manifest): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Invalid(`${DATABASE_FILE} fails SQLite's quick check: ${String(check)}`);
    const names = db.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\'").pluck().all() as string[];
    const expected = Object.keys(manifest.tables);
    const extra = names.filter((n) => !(n in manifest.tables));
    const absent = expected.filter((n) => !names.includes(n));
    if (extra.length || absent.length) throw new Invalid(`${DATABASE_FILE} has other tables than the manifest lists (${[...extra, ...absent].join(", ")})`);
    for (const [table, rows] of Object.entries(manifest.tables)) {
      const found = db
        .prepare(`select count(*) from "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number;
      if (found !== rows) throw new Invalid(`${DATABASE_FILE}: table ${table} has ${found} rows, the manifest says ${rows}`);
    }
  } finally {
    db.close();
  }
}

export type RestoreResult = { manifest: Manifest; bytes: number; files: number; ms: number };

/**
 * Restores a snapshot into an empty (or not yet existing) data folder: checks every checksum,
 * copies the database and uploads, checks them again in their new place, and only then moves
 * them into the folder. Conflict for a non-empty folder; Invalid (naming the file) for a snapshot
 * that fails a check; nothing is left behind on failure.
 */
export async function restoreSnapshot(snapshotDir: string, dataDir: string): Promise<RestoreResult> {
  const started = performance.now();
  const manifest = readManifest(snapshotDir);
  requireEmpty(dataDir);
  await verifyFiles(snapshotDir, manifest);

  fs.mkdirSync(dataDir, { recursive: true });
  const staging = path.join(dataDir, RESTORING_FOLDER);
  fs.mkdirSync(staging);
  try {
    const files = listedFiles(manifest);
    await eachLimited(files, COPY_CONCURRENCY, async (file) => {
      const target = path.join(staging, file.path);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await copyDurably(path.join(snapshotDir, file.path), target);
    });
    await verifyFiles(staging, manifest, "the restored copy");
    verifyDatabase(path.join(staging, DATABASE_FILE), manifest);

    await fs.promises.mkdir(path.join(staging, "uploads"), { recursive: true });
    await fs.promises.rename(path.join(staging, "uploads"), uploadsDir(dataDir));
    await fs.promises.rename(path.join(staging, DATABASE_FILE), path.join(dataDir, DATABASE_FILE));
    await fs.promises.rm(staging, { recursive: true });
    await syncPath(dataDir);
    return { manifest, bytes: files.reduce((n, f) => n + f.bytes, 0), files: files.length, ms: performance.now() - started };
  } catch (error) {
    // The folder was empty: take it back to empty, so a retry is not refused.
    for (const written of [staging, uploadsDir(dataDir), path.join(dataDir, DATABASE_FILE)]) await fs.promises.rm(written, { recursive: true, force: true });
    throw error;
  }
}

function requireEmpty(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  if (!fs.statSync(dataDir).isDirectory()) throw new Conflict(`${dataDir} is a file, not a data folder`);
  const entries = fs.readdirSync(dataDir);
  if (!entries.length) return;
  if (entries.includes(RESTORING_FOLDER))
    throw new Conflict(`${dataDir} holds ${RESTORING_FOLDER} from an interrupted restore: remove the folder's contents and restore again`);
  const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, and ${entries.length - 5} more` : "");
  throw new Conflict(`${dataDir} is not empty (${shown}): restore only into an empty data folder, so nothing in it is overwritten`);
}
