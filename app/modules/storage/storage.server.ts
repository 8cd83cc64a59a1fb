import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/env.server";
import { crashPoint } from "~/modules/crash-point.server";

/**
 * Where uploaded files live. Callers see only opaque random keys; the local-disk store keeps
 * them under the data folder, outside anything served statically. An S3-compatible store can
 * implement the same three calls and be chosen by configuration.
 */
export type Storage = {
  put(bytes: Uint8Array, contentType: string): Promise<string>;
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  remove(key: string): Promise<void>;
};

const KEY = /^[a-z0-9]{32}$/;

/** Whether a string is a key this store could have issued (and is safe to join into a path). */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/**
 * Where a key's bytes live, relative to the store's root: `<first 2 chars>/<key>`; its content
 * type is beside it in `<key>.type`. Backups copy this layout as it is.
 */
export function storedPath(key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid storage key");
  return `${key.slice(0, 2)}/${key}`;
}

/** The local-disk store's root inside a data folder. */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, "uploads");
}

/** Writes a new file and flushes it to the disk before returning (never overwrites). */
async function writeDurably(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.promises.open(file, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (a new file's name) to the disk. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function localDiskStorage(root: string): Storage {
  const fileOf = (key: string) => path.join(root, storedPath(key));
  return {
    // Durable before it returns: the caller commits a row naming the key next, and with
    // synchronous=FULL that row survives a power cut, so the file must too (decision 020).
    async put(bytes, contentType) {
      const key = randomBytes(16).toString("hex");
      const file = fileOf(key);
      const dir = path.dirname(file);
      const created = await fs.promises.mkdir(dir, { recursive: true });
      await writeDurably(file, bytes);
      crashPoint("storage-put");
      await writeDurably(`${file}.type`, contentType);
      await syncFolder(dir);
      if (created) {
        for (let d = path.dirname(dir); ; d = path.dirname(d)) {
          await syncFolder(d);
          if (d.length <= path.dirname(created).length) break;
        }
      }
      return key;
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      try {
        const [bytes, contentType] = await Promise.all([fs.promises.readFile(fileOf(key)), fs.promises.readFile(`${fileOf(key)}.type`, "utf8")]);
        return { bytes, contentType };
      } catch {
        return null;
      }
    },
    async remove(key) {
      if (!KEY.test(key)) return;
      await fs.promises.rm(fileOf(key), { force: true });
      await fs.promises.rm(`${fileOf(key)}.type`, { force: true });
    },
  };
}

let store: { root: string; storage: Storage } | undefined;

/** The configured store (local disk under STIPPLE_DATA_DIR/uploads). */
export function getStorage(): Storage {
  const root = uploadsDir(getEnv().STIPPLE_DATA_DIR);
  if (!store || store.root !== root) store = { root, storage: localDiskStorage(root) };
  return store.storage;
}
