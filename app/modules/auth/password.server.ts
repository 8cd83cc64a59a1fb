import { hash, verify } from "@node-rs/argon2";

// OWASP's first argon2id option: 19 MiB memory, 2 iterations, 1 lane (~12 ms here).
// `algorithm: 2` is Algorithm.Argon2id; the enum is a const enum that isolatedModules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same work as a real check so unknown emails answer in the same time. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword("stipple-timing-equaliser");
  await verifyPassword(await dummy, password);
  return false;
}
