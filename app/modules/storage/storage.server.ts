import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/env.server";

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

export function localDiskStorage(root: string): Storage {
  const fileOf = (key: string) => path.join(root, storedPath(key));
  return {
    async put(bytes, contentType) {
      const key = randomBytes(16).toString("hex");
      const file = fileOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(file, bytes, { flag: "wx" });
      await fs.promises.writeFile(`${file}.type`, contentType, { flag: "wx" });
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
