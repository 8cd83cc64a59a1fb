import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseFile, getDb } from "~/db/client.server";
import { signingKeys, stagedPhotos, submissionPhotos, submissions, supervisedCasePhotos, users } from "~/db/schema";
import { DEMO_CERTIFICATES } from "~/modules/demo/seed.server";
import { resetEnvForTests } from "~/env.server";
import { housekeeping } from "~/housekeeping.server";
import { createSession } from "~/modules/auth/session.server";
import { type Manifest } from "~/modules/backup/manifest";
import { readManifest, restoreSnapshot } from "~/modules/backup/restore.server";
import { IN_PROGRESS_PREFIX, listSnapshots, scheduledBackup, takeSnapshot, type SnapshotResult } from "~/modules/backup/snapshot.server";
import { verifyCertificate } from "~/modules/certification/certificates.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { Conflict, Invalid } from "~/modules/errors";
import { stagePhoto } from "~/modules/photos/staging.server";
import { submitPractical } from "~/modules/practicals/submissions.server";
import { getStorage, storedPath, uploadsDir } from "~/modules/storage/storage.server";
import { startup } from "~/startup.server";
import { currentSigner, DEMO_KEY_FILE } from "~/modules/credentials/keys.server";
import { loader as photoLoader } from "~/routes/photos.$photoId";
import { loader as stagedLoader } from "~/routes/uploads.$stagedId";
import { contextFor } from "../helpers/db";
import { get } from "../helpers/http";
import { jpegWithGps } from "../helpers/images";

const run = promisify(execFile);
const tsx = path.resolve("node_modules/.bin/tsx");
const made: string[] = [];
const tmp = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stipple-${prefix}-`));
  made.push(dir);
  return dir;
};
const HOUR = 60 * 60 * 1000;

/** The data folder the app was seeded in (this file's own, from tests/setup.ts). */
const liveDataDir = process.env.STIPPLE_DATA_DIR!;
let missingPath = "";

/** Points the app (getEnv, getDb) at another data folder. */
function useDataDir(dir: string, vars: Record<string, string | undefined> = {}) {
  closeDb();
  process.env.STIPPLE_DATA_DIR = dir;
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

function countRows(file: string, tables: string[]): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

/** Learner accounts with no active clinic in a database file: start-up puts them in Stipple Academy (decision 030). */
function learnersWithoutClinic(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `select count(*) from users u where role = 'learner' and not exists (select 1 from memberships m where m.user_id = u.id and m.removed_at is null)`,
      )
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

function flipByte(file: string, at: number) {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  fs.writeFileSync(file, bytes);
}

beforeAll(async () => {
  // The demo seed (accounts, clinic, cohort, certificates), then photos as the demo learner uploads them.
  useDataDir(liveDataDir, { STIPPLE_DEPLOYMENT: "demo" });
  await startup();
  const db = getDb();
  const course = findCourse("smp-practitioner");
  const learner = db.select().from(users).where(eq(users.email, "learner@demo.stipple")).get()!;
  const [first, second] = course.practicals;
  for (let i = 0; i < first!.photos.min; i++) await stagePhoto(db, getStorage(), learner.id, course, first!, await jpegWithGps(320 + i * 8, 240));
  submitPractical(db, learner.id, course, first!, { note: "Grid on practice skin.", consent: true });
  for (let i = 0; i < 3; i++) await stagePhoto(db, getStorage(), learner.id, course, second!, await jpegWithGps(300, 300 + i * 8));
  // One photo whose file is gone from disk: the backup lists it and carries on.
  const lost = db.select().from(stagedPhotos).all()[0]!;
  missingPath = storedPath(lost.thumbKey);
  fs.rmSync(path.join(uploadsDir(liveDataDir), missingPath));
}, 60_000);

afterAll(() => {
  useDataDir(liveDataDir, { STIPPLE_DEPLOYMENT: undefined, STIPPLE_BACKUP_DIR: undefined, STIPPLE_BACKUP_KEEP: undefined });
  closeDb();
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the restore drill", () => {
  let snapshot: SnapshotResult;
  let restoredDir: string;

  it("takes a consistent snapshot while another process autosaves, and lists a missing upload without failing", async () => {
    const writer = spawn(tsx, ["tests/helpers/backup-load.ts", databaseFile()], { env: { ...process.env }, stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    writer.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    await expect.poll(() => output.includes("ready"), { timeout: 20_000, interval: 50 }).toBe(true);
    // Let the writer build up some history, then snapshot in small steps so its commits land mid-copy.
    await new Promise((r) => setTimeout(r, 500));
    const answers = () => countRows(databaseFile(), ["quiz_answers"]).quiz_answers!;
    const before = answers();
    snapshot = await takeSnapshot({ databaseFile: databaseFile(), uploadsDir: uploadsDir(liveDataDir), backupDir: tmp("backups"), pagesPerStep: 2 });
    const after = answers();
    writer.stdin.end("stop\n");
    expect(await exited).toBe(0);
    const { writes } = JSON.parse(output.trim().split("\n").pop()!) as { writes: number };
    expect(writes).toBeGreaterThan(50);
    // The writer committed while the snapshot was being copied, and the snapshot is one moment in between.
    expect(after).toBeGreaterThan(before);
    const { manifest } = snapshot;
    expect(manifest.tables.quiz_answers).toBeGreaterThanOrEqual(before);
    expect(manifest.tables.quiz_answers).toBeLessThanOrEqual(after);

    // One moment means every transaction whole: each load learner with an enrolment, each submitted attempt graded item by item.
    const copy = new Database(path.join(snapshot.dir, "stipple.sqlite"), { readonly: true });
    const one = (sql: string) => copy.prepare(sql).pluck().get() as number;
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    expect(one("select count(*) from users where email like 'load-%'")).toBeGreaterThan(0);
    expect(one("select count(*) from users u where email like 'load-%' and not exists (select 1 from enrolments e where e.user_id = u.id)")).toBe(0);
    expect(one("select count(*) from quiz_attempts where submitted_at is not null")).toBeGreaterThan(0);
    expect(
      one(
        "select count(*) from quiz_attempts a where a.submitted_at is not null and (select count(*) from quiz_item_results r where r.attempt_id = a.id) != json_array_length(a.questions)",
      ),
    ).toBe(0);
    copy.close();

    // The manifest: every table, the photos the rows reference (image, thumbnail and .type files), the lost one listed.
    expect(fs.existsSync(path.join(snapshot.dir, "manifest.json"))).toBe(true);
    expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(["users", "quiz_answers", "submission_photos", "staged_photos", "certificates"]));
    const photoKeys = [
      ...getDb().select().from(submissionPhotos).all(),
      ...getDb().select().from(stagedPhotos).all(),
      // The demo's healed-result review has photos of its own.
      ...getDb().select().from(supervisedCasePhotos).all(),
    ].flatMap((p) => [p.storageKey, p.thumbKey]);
    expect(photoKeys.length).toBeGreaterThanOrEqual(8);
    const expected = photoKeys.flatMap((k) => [storedPath(k), `${storedPath(k)}.type`]).filter((p) => p !== missingPath);
    expect(manifest.uploads.files.map((f) => f.path).sort()).toEqual(expected.sort());
    expect(manifest.uploads.missing).toEqual([{ path: missingPath, referencedBy: "staged_photos.thumb_key" }]);
    expect(manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(manifest.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(fs.readdirSync(path.dirname(snapshot.dir)).filter((n) => n.startsWith(IN_PROGRESS_PREFIX))).toEqual([]);
  }, 60_000);

  it("restores into a fresh folder; the app starts on it with every table's rows and the photos byte for byte", async () => {
    const { manifest } = snapshot;
    restoredDir = path.join(tmp("restored"), "data");
    const result = await restoreSnapshot(snapshot.dir, restoredDir);
    expect(result.files).toBe(1 + manifest.uploads.files.length);

    // Start the app on it: the start-up path (migrations, content, demo check), then its own loaders.
    // The load test's learners have no clinic: start-up gives each an Academy membership and cohort place.
    const joiningAcademy = learnersWithoutClinic(path.join(restoredDir, "stipple.sqlite"));
    useDataDir(restoredDir, { STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const db = getDb();
    const counted = countRows(databaseFile(), Object.keys(manifest.tables));
    // The signing key is never in a snapshot (026): the restored app starts with a key of its own
    // and keeps the snapshot's keys published as retired, so what they signed still verifies.
    for (const [table, rows] of Object.entries(manifest.tables)) {
      const added = table === "signing_keys" ? 1 : table === "memberships" || table === "cohort_learners" ? joiningAcademy : 0;
      expect({ table, rows: counted[table] }).toEqual({ table, rows: rows + added });
    }
    const keys = db.select().from(signingKeys).all();
    expect(keys.filter((k) => k.retiredAt === null).map((k) => k.kid)).toEqual([currentSigner().kid]);
    expect(keys.filter((k) => k.retiredAt !== null)).toHaveLength(manifest.tables.signing_keys!);
    expect(fs.existsSync(path.join(snapshot.dir, DEMO_KEY_FILE))).toBe(false);
    expect(verifyCertificate(db, DEMO_CERTIFICATES.valid)).toMatchObject({ state: "VALID" });

    // Every upload file the manifest lists is in the new folder, byte for byte as in the live one.
    for (const file of manifest.uploads.files) {
      expect(
        fs.readFileSync(path.join(uploadsDir(restoredDir), file.path)).equals(fs.readFileSync(path.join(uploadsDir(liveDataDir), file.path))),
        file.path,
      ).toBe(true);
    }
    // …and the app serves the photos from there.
    const learner = db.select().from(users).where(eq(users.email, "learner@demo.stipple")).get()!;
    const cookie = `stipple_session=${createSession(db, learner.id).token}`;
    // The learner's own photos (the demo clinic's other trainees' work is not theirs to see).
    const submitted = db
      .select({ id: submissionPhotos.id, storageKey: submissionPhotos.storageKey })
      .from(submissionPhotos)
      .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
      .where(eq(submissions.learnerId, learner.id))
      .all();
    expect(submitted.length).toBeGreaterThan(0);
    for (const photo of submitted) {
      const response = (await photoLoader({ request: get(`/photos/${photo.id}`, cookie), params: { photoId: photo.id }, context: contextFor(db) })) as Response;
      expect(response.status).toBe(200);
      const original = fs.readFileSync(path.join(uploadsDir(liveDataDir), storedPath(photo.storageKey)));
      expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
    }
    const staged = db
      .select()
      .from(stagedPhotos)
      .all()
      .find((s) => storedPath(s.thumbKey) !== missingPath)!;
    const thumb = (await stagedLoader({
      request: get(`/uploads/${staged.id}?size=thumb`, cookie),
      params: { stagedId: staged.id },
      context: contextFor(db),
    })) as Response;
    expect(Buffer.from(await thumb.arrayBuffer()).equals(fs.readFileSync(path.join(uploadsDir(liveDataDir), storedPath(staged.thumbKey))))).toBe(true);
    useDataDir(liveDataDir);
  }, 60_000);

  // The built server (npm start's), when a build exists: it serves from the restored folder.
  it.skipIf(!fs.existsSync("build/server/index.js"))(
    "serves from the restored folder with the built server",
    async () => {
      const port = await freePort();
      const server = spawn(process.execPath, ["server/index.js"], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          STIPPLE_DEPLOYMENT: "demo",
          STIPPLE_DATA_DIR: restoredDir,
          WEB_CONCURRENCY: "1",
          PORT: String(port),
          HOST: "127.0.0.1",
        },
        stdio: "ignore",
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        await expect
          .poll(
            () =>
              fetch(`${base}/healthz`).then(
                (r) => r.status,
                () => 0,
              ),
            { timeout: 30_000, interval: 250 },
          )
          .toBe(200);
        const page = await fetch(`${base}/verify/${DEMO_CERTIFICATES.valid}`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("Cora Certified");
      } finally {
        server.kill("SIGTERM");
      }
    },
    60_000,
  );

  it("refuses a data folder that is not empty, and leaves what is there alone", async () => {
    await expect(restoreSnapshot(snapshot.dir, restoredDir)).rejects.toThrow(Conflict);
    const other = tmp("occupied");
    fs.writeFileSync(path.join(other, "notes.txt"), "keep me");
    await expect(restoreSnapshot(snapshot.dir, other)).rejects.toThrow(/is not empty \(notes\.txt\)/);
    expect(fs.readdirSync(other)).toEqual(["notes.txt"]);
    expect(fs.readFileSync(path.join(other, "notes.txt"), "utf8")).toBe("keep me");
  });

  it("refuses a snapshot with one byte changed, naming the file, and writes nothing", async () => {
    const tampered = (mutate: (dir: string, manifest: Manifest) => void) => {
      const dir = path.join(tmp("tampered"), "snapshot");
      fs.cpSync(snapshot.dir, dir, { recursive: true });
      mutate(dir, readManifest(dir));
      return dir;
    };
    const target = () => path.join(tmp("target"), "data");

    const badDb = tampered((dir) => flipByte(path.join(dir, "stipple.sqlite"), 5000));
    const intoDb = target();
    await expect(restoreSnapshot(badDb, intoDb)).rejects.toThrow(Invalid);
    await expect(restoreSnapshot(badDb, intoDb)).rejects.toThrow(/Checksum mismatch in the snapshot: stipple\.sqlite/);
    expect(fs.existsSync(intoDb)).toBe(false);

    const photo = snapshot.manifest.uploads.files.find((f) => !f.path.endsWith(".type"))!;
    const badPhoto = tampered((dir) => flipByte(path.join(dir, "uploads", photo.path), 100));
    const intoPhoto = target();
    await expect(restoreSnapshot(badPhoto, intoPhoto)).rejects.toThrow(`Checksum mismatch in the snapshot: uploads/${photo.path}`);
    expect(fs.existsSync(intoPhoto)).toBe(false);

    const gone = tampered((dir) => fs.rmSync(path.join(dir, "uploads", photo.path)));
    await expect(restoreSnapshot(gone, target())).rejects.toThrow(`uploads/${photo.path} is missing from the snapshot`);

    // A manifest whose row counts were edited: caught by counting the restored copy, and the folder is left empty again.
    const badCounts = tampered((dir, manifest) => {
      manifest.tables.users = manifest.tables.users! + 1;
      fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    });
    const intoCounts = target();
    await expect(restoreSnapshot(badCounts, intoCounts)).rejects.toThrow(/table users has \d+ rows, the manifest says \d+/);
    expect(fs.readdirSync(intoCounts)).toEqual([]);

    const half = tampered((dir) => fs.rmSync(path.join(dir, "manifest.json")));
    await expect(restoreSnapshot(half, target())).rejects.toThrow(/manifest\.json is missing/);
  });
});

describe("scheduled backups", () => {
  const schedule = (backupDir: string, now: number) =>
    scheduledBackup({ databaseFile: databaseFile(), uploadsDir: uploadsDir(liveDataDir), backupDir, intervalMinutes: 60, keep: 3, now });

  it("take a snapshot when the newest is an interval old, and keep only the newest KEEP", async () => {
    const dir = tmp("scheduled");
    const t0 = Date.UTC(2026, 9, 15, 9, 0);
    expect((await schedule(dir, t0)).taken?.name).toBe("snapshot-2026-10-15T09-00-00-000Z");
    expect((await schedule(dir, t0 + 20 * 60_000)).taken).toBeNull();
    // Housekeeping ticks once a minute: half a minute early counts as due, so the schedule does not drift.
    expect((await schedule(dir, t0 + HOUR - 20_000)).taken).not.toBeNull();
    await schedule(dir, t0 + 2 * HOUR);
    const leftover = path.join(dir, `${IN_PROGRESS_PREFIX}snapshot-crashed`);
    fs.mkdirSync(leftover);
    fs.utimesSync(leftover, new Date(t0 - 2 * 24 * HOUR), new Date(t0 - 2 * 24 * HOUR));
    const { taken, removed } = await schedule(dir, t0 + 3 * HOUR);
    expect(taken?.name).toBe("snapshot-2026-10-15T12-00-00-000Z");
    expect(removed).toEqual(["snapshot-2026-10-15T09-00-00-000Z", `${IN_PROGRESS_PREFIX}snapshot-crashed`]);
    expect(listSnapshots(dir).map((s) => s.name)).toEqual([
      "snapshot-2026-10-15T09-59-40-000Z",
      "snapshot-2026-10-15T11-00-00-000Z",
      "snapshot-2026-10-15T12-00-00-000Z",
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(listSnapshots(dir).map((s) => s.name));
  }, 30_000);

  it("run from housekeeping only when STIPPLE_BACKUP_DIR is set", async () => {
    const dir = tmp("housekeeping");
    useDataDir(liveDataDir, { STIPPLE_BACKUP_DIR: undefined });
    await housekeeping();
    expect(fs.readdirSync(dir)).toEqual([]);
    useDataDir(liveDataDir, { STIPPLE_BACKUP_DIR: dir, STIPPLE_BACKUP_KEEP: "1" });
    await housekeeping();
    await housekeeping();
    const [only, ...rest] = listSnapshots(dir);
    expect(rest).toEqual([]);
    expect(readManifest(only!.dir).tables.users).toBeGreaterThan(0);
  }, 30_000);
});

describe("npm run backup / restore", () => {
  it("back up the live folder, restore into an empty one, and exit 1 with the reason when refused", async () => {
    const backups = tmp("cli-backups");
    const env = { ...process.env, STIPPLE_DATA_DIR: liveDataDir };
    const backup = await run(tsx, ["scripts/backup.ts", backups], { env });
    expect(backup.stdout).toMatch(/Snapshot written: .*snapshot-/);
    expect(backup.stdout).toMatch(/total +[\d.]+ (KB|MB) in [\d.]+ s/);
    expect(backup.stderr).toMatch(/referenced upload files missing on disk: 1 \(listed in manifest\.json\)/);
    const [made] = listSnapshots(backups);
    const into = path.join(tmp("cli-restore"), "data");
    const restore = await run(tsx, ["scripts/restore.ts", made!.dir], { env: { ...env, STIPPLE_DATA_DIR: into } });
    expect(restore.stdout).toMatch(/restored +[\d.]+ (B|KB|MB) in [\d.]+ s: the database \(\d+ tables\) and \d+ upload files/);
    expect(fs.readdirSync(into).sort()).toEqual(["stipple.sqlite", "uploads"]);
    const again = await run(tsx, ["scripts/restore.ts", made!.dir], { env: { ...env, STIPPLE_DATA_DIR: into } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/Restore refused: .* is not empty/) });
  }, 60_000);
});
