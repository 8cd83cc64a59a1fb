// `npm run backup -- <folder>`: writes a consistent snapshot of the database (SQLite's online
// backup, safe while the app serves) and of the uploads it references into a new folder inside
// <folder>, with a manifest of row counts and checksums. Reads STIPPLE_DATA_DIR like the app;
// without an argument uses STIPPLE_BACKUP_DIR. Exits 1 with the reason when it cannot.
import path from "node:path";
import { databaseFile } from "~/db/client.server";
import { getEnv } from "~/env.server";
import { formatBytes, formatSeconds } from "~/modules/backup/format";
import { takeSnapshot } from "~/modules/backup/snapshot.server";
import { uploadsDir } from "~/modules/storage/storage.server";

const target = process.argv[2] ?? process.env.STIPPLE_BACKUP_DIR;
if (!target) {
  console.error("Usage: npm run backup -- <folder for snapshots>   (or set STIPPLE_BACKUP_DIR)");
  process.exit(2);
}

try {
  const env = getEnv();
  const snapshot = await takeSnapshot({ databaseFile: databaseFile(), uploadsDir: uploadsDir(env.STIPPLE_DATA_DIR), backupDir: path.resolve(target) });
  const { database, tables, uploads } = snapshot.manifest;
  const rows = Object.values(tables).reduce((n, r) => n + r, 0);
  console.log(`Snapshot written: ${snapshot.dir}`);
  console.log(`  database  ${formatBytes(database.bytes)}, ${Object.keys(tables).length} tables, ${rows} rows, sha256 ${database.sha256}`);
  console.log(`  uploads   ${uploads.files.length} files, ${formatBytes(uploads.bytes)}`);
  if (uploads.missing.length) {
    const first = uploads.missing[0]!;
    console.warn(
      `  warning: referenced upload files missing on disk: ${uploads.missing.length} (listed in manifest.json), e.g. ${first.path} from ${first.referencedBy}`,
    );
  }
  console.log(`  total     ${formatBytes(snapshot.bytes)} in ${formatSeconds(snapshot.ms)}`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
