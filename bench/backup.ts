// `npm run bench:backup -- 200`: backup and restore at clinic scale. Seeds N clinics (200 = the
// bench:clinics 1× database, 10,000 learners) with bench/clinic-seed.ts, adds BENCH_PHOTOS
// submission photos (random bytes, with thumbnails, default 500) to the upload store, then times
// `takeSnapshot` (online backup, row counts, checksums, upload copies) and `restoreSnapshot`
// (checksums before and after copying, quick check, row counts) — what `npm run backup` and
// `npm run restore` do. Figures, not assertions. Everything lives in a temporary folder,
// removed afterwards unless BENCH_KEEP is set.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";
import { submissionPhotos, submissions } from "~/db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { formatBytes, formatSeconds } from "~/modules/backup/format";
import { restoreSnapshot } from "~/modules/backup/restore.server";
import { takeSnapshot } from "~/modules/backup/snapshot.server";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { localDiskStorage, uploadsDir } from "~/modules/storage/storage.server";
import { COURSE, createSeeder, seedClinics } from "./clinic-seed";
import { root } from "./lib.js";

const CLINICS = Number(process.argv[2] ?? process.env.BENCH_CLINICS ?? 200);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 500);
const PHOTO_BYTES = 200 * 1024;
const THUMB_BYTES = 12 * 1024;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-bench-backup-"));
process.on("exit", () => {
  if (process.env.BENCH_KEEP) console.log(`kept in ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
});
const dataDir = path.join(work, "data");
const databaseFile = path.join(dataDir, "stipple.sqlite");

console.log(`Backup at clinic scale: ${CLINICS} clinics, ${PHOTOS} photos; ${os.availableParallelism()} cores; in a temporary folder`);
const { db, sqlite } = openDatabase(databaseFile);
migrateDatabase(db, path.join(root, "drizzle"));
const course = loadCatalogue(path.join(root, "content")).bySlug.get(COURSE);
if (!course) throw new Error(`course ${COURSE} not found in content/`);
const seeded = seedClinics(sqlite, createSeeder(sqlite, course, await hashPassword("bench backup passphrase")), 0, CLINICS);

// Photos on the first submissions: random bytes (incompressible, like JPEG), through the store's own put.
const storage = localDiskStorage(uploadsDir(dataDir));
const owners = db.select({ id: submissions.id }).from(submissions).limit(PHOTOS).all();
const rows: (typeof submissionPhotos.$inferInsert)[] = [];
for (const [i, owner] of owners.entries()) {
  const storageKey = await storage.put(randomBytes(PHOTO_BYTES), "image/jpeg");
  const thumbKey = await storage.put(randomBytes(THUMB_BYTES), "image/jpeg");
  rows.push({ submissionId: owner.id, position: i % 3, storageKey, thumbKey, contentType: "image/jpeg", width: 1600, height: 1200, bytes: PHOTO_BYTES });
}
db.transaction((tx) => {
  for (const row of rows) tx.insert(submissionPhotos).values(row).run();
});
sqlite.pragma("wal_checkpoint(TRUNCATE)");
const learners = sqlite.prepare("select count(*) from users where role = 'learner'").pluck().get() as number;
console.log(`seeded in ${seeded.toFixed(1)} s: ${learners} learners, database ${formatBytes(fs.statSync(databaseFile).size)}, ${rows.length} photos`);

// The app's connection stays open, as it would while serving.
const snapshot = await takeSnapshot({ databaseFile, uploadsDir: uploadsDir(dataDir), backupDir: path.join(work, "backups") });
const restored = await restoreSnapshot(snapshot.dir, path.join(work, "restored"));
sqlite.close();

const { manifest } = snapshot;
const rowsTotal = Object.values(manifest.tables).reduce((n, r) => n + r, 0);
console.log(
  `\nsnapshot: ${Object.keys(manifest.tables).length} tables, ${rowsTotal} rows; ${manifest.uploads.files.length} upload files (photos, thumbnails and their .type files)`,
);
console.log(
  `backup   ${formatSeconds(snapshot.ms).padStart(8)}  ${formatBytes(snapshot.bytes)} written (database ${formatBytes(manifest.database.bytes)}, uploads ${formatBytes(manifest.uploads.bytes)})`,
);
console.log(`restore  ${formatSeconds(restored.ms).padStart(8)}  ${formatBytes(restored.bytes)} checked, copied and checked again`);
