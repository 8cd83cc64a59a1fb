/**
 * Errors that mean "the disk will not take writes right now" rather than a bug: SQLite's disk
 * full, read-only and I/O errors (every extended code of those), and the file system's no
 * space, read-only file system and quota exceeded. Drizzle wraps SQLite's error in its own
 * (`cause`), so the chain is followed.
 */
const SQLITE_CODES = /^SQLITE_(FULL|READONLY|IOERR)(_[A-Z_]+)?$/;
const FS_CODES = new Set(["ENOSPC", "EROFS", "EDQUOT"]);

export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (SQLITE_CODES.test(code) || FS_CODES.has(code))) return true;
  }
  return false;
}
