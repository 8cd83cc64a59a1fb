import { z } from "zod";

/** The database's file name inside a snapshot (and inside a data folder). */
export const DATABASE_FILE = "stipple.sqlite" as const;
export const MANIFEST_FILE = "manifest.json";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "not a SHA-256 hex digest");
/** An upload's path under `uploads/`: `<2 chars>/<key>` or `<2 chars>/<key>.type`. Nothing else may be joined into a path. */
export const UPLOAD_PATH = /^([a-z0-9]{2})\/(\1[a-z0-9]{30})(\.type)?$/;

/**
 * What a snapshot holds and how to check it. Row counts and checksums are of the snapshot's own
 * files, so a restore can prove it reproduced them.
 */
export const ManifestSchema = z.object({
  format: z.literal(1),
  app: z.literal("stipple"),
  appVersion: z.string(),
  createdAt: z.iso.datetime(),
  database: z.object({ file: z.literal(DATABASE_FILE), bytes: z.number().int().nonnegative(), sha256 }),
  /** Every table of the snapshot's database (migrations bookkeeping included) and its row count. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  uploads: z.object({
    bytes: z.number().int().nonnegative(),
    files: z.array(z.object({ path: z.string().regex(UPLOAD_PATH), bytes: z.number().int().nonnegative(), sha256 })),
    /** Referenced by a row of the snapshot but not on disk when it was taken (or not a valid key). */
    missing: z.array(z.object({ path: z.string(), referencedBy: z.string() })),
  }),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const NAME = /^snapshot-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;

/** A snapshot folder's name: its creation time, sortable and safe in any file system. */
export function snapshotName(createdAt: number): string {
  return `snapshot-${new Date(createdAt).toISOString().replace(/[:.]/g, "-")}`;
}

/** The creation time a snapshot folder's name records, or null for any other name. */
export function snapshotTime(name: string): number | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** The snapshots to remove so that the newest `keep` remain (names in any order). */
export function snapshotsBeyond(names: readonly string[], keep: number): string[] {
  const dated = names.flatMap((name) => {
    const at = snapshotTime(name);
    return at === null ? [] : [{ name, at }];
  });
  dated.sort((a, b) => b.at - a.at);
  return dated.slice(keep).map((s) => s.name);
}
