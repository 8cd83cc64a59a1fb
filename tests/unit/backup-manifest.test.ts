import { describe, expect, it } from "vitest";
import { ManifestSchema, snapshotName, snapshotsBeyond, snapshotTime, UPLOAD_PATH } from "~/modules/backup/manifest";

const KEY = "ab" + "0".repeat(30);

describe("snapshot names", () => {
  it("carry their creation time to the millisecond and sort by it", () => {
    const at = Date.UTC(2026, 9, 15, 9, 5, 7, 42);
    expect(snapshotName(at)).toBe("snapshot-2026-10-15T09-05-07-042Z");
    expect(snapshotTime(snapshotName(at))).toBe(at);
    for (const other of [".in-progress-snapshot-2026-10-15T09-05-07-042Z-ab12", "snapshot-2026-13-45T99-00-00-000Z", "notes.txt", "snapshot-latest"])
      expect(snapshotTime(other)).toBeNull();
  });

  it("keep the newest, whatever order they are listed in, and never count other folders", () => {
    const names = [0, 3, 1, 2].map((h) => snapshotName(Date.UTC(2026, 0, 1, h)));
    expect(snapshotsBeyond([...names, "notes", ".in-progress-x"], 2)).toEqual([snapshotName(Date.UTC(2026, 0, 1, 1)), snapshotName(Date.UTC(2026, 0, 1, 0))]);
    expect(snapshotsBeyond(names, 10)).toEqual([]);
  });
});

describe("manifest upload paths", () => {
  it("are only <2 chars>/<key> or its .type, with the folder matching the key", () => {
    expect(UPLOAD_PATH.test(`ab/${KEY}`)).toBe(true);
    expect(UPLOAD_PATH.test(`ab/${KEY}.type`)).toBe(true);
    for (const bad of [`cd/${KEY}`, `../${KEY}`, `ab/../../etc/passwd`, `/ab/${KEY}`, `ab/${KEY}.sh`, `ab\\${KEY}`])
      expect(UPLOAD_PATH.test(bad), bad).toBe(false);
  });

  it("refuse a manifest that lists a path outside the upload store", () => {
    const manifest = {
      format: 1,
      app: "stipple",
      appVersion: "0.1.0",
      createdAt: "2026-10-15T09:00:00.000Z",
      database: { file: "stipple.sqlite", bytes: 1, sha256: "0".repeat(64) },
      tables: { users: 1 },
      uploads: { bytes: 1, files: [{ path: `ab/${KEY}`, bytes: 1, sha256: "0".repeat(64) }], missing: [] },
    };
    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
    manifest.uploads.files[0]!.path = "../stipple.sqlite";
    expect(ManifestSchema.safeParse(manifest).success).toBe(false);
  });
});
