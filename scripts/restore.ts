// `npm run restore -- <snapshot folder>`: restores a snapshot written by `npm run backup` (or the
// server's schedule) into STIPPLE_DATA_DIR, which must be empty or not exist yet. Every checksum
// is checked before copying and again after; the restored database must hold the manifest's row
// counts. Exits 1 with the reason (naming the file that failed) when it refuses.
import path from "node:path";
import { getEnv } from "~/env.server";
import { formatBytes, formatSeconds } from "~/modules/backup/format";
import { restoreSnapshot } from "~/modules/backup/restore.server";

const snapshot = process.argv[2];
if (!snapshot) {
  console.error("Usage: STIPPLE_DATA_DIR=<empty folder> npm run restore -- <snapshot folder>");
  process.exit(2);
}

try {
  const dataDir = getEnv().STIPPLE_DATA_DIR;
  console.log(`Restoring ${path.resolve(snapshot)} into ${dataDir}`);
  const result = await restoreSnapshot(path.resolve(snapshot), dataDir);
  const { manifest } = result;
  console.log(`  snapshot  taken ${manifest.createdAt} by Stipple ${manifest.appVersion}`);
  console.log(
    `  restored  ${formatBytes(result.bytes)} in ${formatSeconds(result.ms)}: the database (${Object.keys(manifest.tables).length} tables) and ${manifest.uploads.files.length} upload files`,
  );
  console.log("  checked   every checksum before and after copying; SQLite quick check ok; row counts match the manifest");
  if (manifest.uploads.missing.length)
    console.warn(
      `  warning: referenced upload files already missing when the snapshot was taken: ${manifest.uploads.missing.length} (listed in its manifest.json)`,
    );
} catch (error) {
  console.error(`Restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
