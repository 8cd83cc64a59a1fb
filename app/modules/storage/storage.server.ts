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

export function localDiskStorage(root: string): Storage {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error("Invalid storage key");
    return path.join(root, key.slice(0, 2), key);
  };
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
  const root = path.join(getEnv().STIPPLE_DATA_DIR, "uploads");
  if (!store || store.root !== root) store = { root, storage: localDiskStorage(root) };
  return store.storage;
}
