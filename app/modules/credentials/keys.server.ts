import fs from "node:fs";
import path from "node:path";
import { isNull, ne, and, asc } from "drizzle-orm";
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8 } from "jose";
import type { Db } from "~/db/client.server";
import { signingKeys, type SigningKeyRow } from "~/db/schema";

export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string };

/** The key this process signs with: its private half (never leaves memory) and its published public half. */
export type Signer = { kid: string; privateKey: CryptoKey; publicJwk: PublicJwk };

/** Where a demo installation keeps the key it made on first start. */
export const DEMO_KEY_FILE = "signing-key.pem";

/** Reads an Ed25519 private key (PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes it). */
export async function signerFromPem(pem: string): Promise<Signer> {
  const privateKey = await importPKCS8(pem, "EdDSA", { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new Error("The signing key is not an Ed25519 key");
  const publicJwk: PublicJwk = { kty: "OKP", crv: "Ed25519", x: jwk.x };
  return { kid: await calculateJwkThumbprint(publicJwk), privateKey, publicJwk };
}

/** A new Ed25519 key as PKCS#8 PEM. */
export async function newSigningKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return exportPKCS8(privateKey);
}

/**
 * The signing key for this start: the file named by STIPPLE_SIGNING_KEY_FILE; otherwise, in demo
 * mode, `signing-key.pem` in the data folder, created on first start. A production deployment
 * refuses to start without a key file: a key made up on the spot would be lost with the disk.
 */
export async function loadSigningKey(options: { keyFile: string | undefined; dataDir: string; production: boolean }): Promise<Signer> {
  if (options.keyFile) {
    if (!fs.existsSync(options.keyFile)) throw new Error(`Refusing to start: STIPPLE_SIGNING_KEY_FILE names ${options.keyFile}, which does not exist`);
    return signerFromPem(fs.readFileSync(options.keyFile, "utf8"));
  }
  if (options.production) {
    throw new Error(
      "Refusing to start: set STIPPLE_SIGNING_KEY_FILE to an Ed25519 private key (e.g. `openssl genpkey -algorithm ed25519 -out stipple-signing.pem`); " +
        "credentials are signed with it and it must outlive this server's disk.",
    );
  }
  const file = path.join(options.dataDir, DEMO_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    // `wx`: when two processes start at once, the second keeps the first one's key.
    try {
      fs.writeFileSync(file, await newSigningKeyPem(), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return signerFromPem(fs.readFileSync(file, "utf8"));
}

/**
 * Records the key as the current one and every other key as retired (from `now`), in one
 * transaction. Retired keys stay published, so what they signed keeps verifying. Idempotent.
 */
export function registerSigningKey(db: Db, signer: Signer, now = Date.now()): void {
  db.transaction(
    (tx) => {
      tx.insert(signingKeys)
        .values({ kid: signer.kid, publicJwk: signer.publicJwk, createdAt: now })
        .onConflictDoUpdate({ target: signingKeys.kid, set: { retiredAt: null } })
        .run();
      tx.update(signingKeys)
        .set({ retiredAt: now })
        .where(and(ne(signingKeys.kid, signer.kid), isNull(signingKeys.retiredAt)))
        .run();
    },
    { behavior: "immediate" },
  );
}

/** Every key ever used, oldest first: the current one and the retired ones. */
export function publishedKeys(db: Db): SigningKeyRow[] {
  return db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid)).all();
}

let current: Signer | undefined;

/** Makes `signer` the key this process signs with (start-up, and tests). */
export function setSigner(signer: Signer): void {
  current = signer;
}

/** The key this process signs with; start-up has loaded it. */
export function currentSigner(): Signer {
  if (!current) throw new Error("No signing key loaded: startup() loads it before the first request");
  return current;
}
